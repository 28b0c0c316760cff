// The example workflow users import: its Kore.ai node, fed the example rows, against the sandbox
// its credential points at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_DEFAULTS, startSandbox, type KoreSandbox } from '../../sandbox';
import { pairedIndexes, run } from '../support/scenario';

const examples = join(__dirname, '..', '..', 'examples');
const workflow = JSON.parse(readFileSync(join(examples, 'bulk-update-contacts.json'), 'utf8'));
const [credential] = JSON.parse(readFileSync(join(examples, 'sandbox-credential.json'), 'utf8'));
const koreNode = workflow.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-kore-ai.koreAiContacts');
const code: string = workflow.nodes.find((n: { name: string }) => n.name === 'Example rows').parameters.jsCode;
const rows = (JSON.parse(code.slice(code.indexOf('['), code.lastIndexOf(']') + 1)) as Array<{ json: IDataObject }>).map((r) => r.json);

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 25, rateLimit: { requestsPerWindow: 60, windowMs: 1000 } });
});
afterAll(async () => sandbox.stop());

test('the credential file matches the sandbox and the workflow', () => {
	expect(credential).toMatchObject({ type: 'koreAiApi', id: koreNode.credentials.koreAiApi.id });
	const { host: _host, ...values } = credential.data;
	expect(values).toEqual(SANDBOX_DEFAULTS);
	expect(workflow.connections['Kore.ai Contacts'].main).toHaveLength(2);
});

test('the example rows: three updated, two on Failed with reasons', async () => {
	const result = await run(sandbox, { items: rows, parameters: { ...koreNode.parameters, rateLimitWindowSeconds: 1 } });
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2]);
	expect(pairedIndexes(result.failed)).toEqual([3, 4]);
	expect(result.failed[0].json).toMatchObject({ stage: 'validation', input: rows[3] });
	expect(result.failed[0].json.reason).toContain('Phone Number (phoneNumber) must be digits only');
	expect(result.failed[1].json).toMatchObject({ stage: 'api', code: 'CONTACT_NOT_FOUND' });
});
