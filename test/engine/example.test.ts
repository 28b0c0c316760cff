// The example workflow users import: its Kore.ai node, fed the example rows, against the sandbox
// its credential points at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { DEMO_CAMPAIGN, SANDBOX_DEFAULTS, startSandbox, type KoreSandbox } from '../../sandbox';
import { pairedIndexes, run } from '../support/scenario';

const examples = join(__dirname, '..', '..', 'examples');
const workflow = JSON.parse(readFileSync(join(examples, 'bulk-update-contacts.json'), 'utf8'));
const [credential] = JSON.parse(readFileSync(join(examples, 'sandbox-credential.json'), 'utf8'));
const koreNode = workflow.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-kore-ai.koreAiContacts');
const code: string = workflow.nodes.find((n: { name: string }) => n.name === 'Example rows').parameters.jsCode;
const rows = (JSON.parse(code.slice(code.indexOf('['), code.lastIndexOf(']') + 1)) as Array<{ json: IDataObject }>).map((r) => r.json);

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 40, rateLimit: { requestsPerWindow: 60, windowMs: 1000 } });
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

describe('the mirror example (Create or Update, Delete Contacts Not in Input)', () => {
	const mirror = JSON.parse(readFileSync(join(examples, 'mirror-crm-to-kore.json'), 'utf8'));
	const node = (name: string) => mirror.nodes.find((n: { name: string }) => n.name === name);
	const left = ['6964af600000000000000003', '6964af600000000000000011', '6964af600000000000000017'];
	/** What its Code node gives: Kore's list today (flat), without the three who left the CRM. */
	const crmRows = () =>
		sandbox.store
			.active()
			.filter((c) => !left.includes(c._id))
			.map((c) => ({ firstName: c.firstName, lastName: c.lastName, salutation: c.salutation, phoneNumber: c.cellPhone.phoneNumber.replace(/^\+91/, ''), countryCode: c.cellPhone.countryCode, extension: c.cellPhone.extension }));

	test('its Code node drops exactly the three contacts it names', () => {
		const code: string = node('CRM rows (the whole list)').parameters.jsCode;
		for (const id of left) expect(code).toContain(id);
		expect(node('Preview the mirror (Dry Run)').parameters.options).toEqual({ dryRun: true, deleteMissing: true });
	});

	test('Dry Run first: the three listed as to be deleted, nothing written; then the mirror deletes them, and only them', async () => {
		sandbox.reset();
		const rows = crmRows();
		const preview = await run(sandbox, { items: rows, typeVersion: 1.1, parameters: { ...node('Preview the mirror (Dry Run)').parameters, rateLimitWindowSeconds: 1 } });
		expect(preview.success.filter((i) => i.json.action === 'deleted').map((i) => [i.json.id, i.json.dryRun])).toEqual(left.map((id) => [id, true]));
		expect(sandbox.log().filter((r) => r.method !== 'GET')).toEqual([]);
		const applied = await run(sandbox, { items: rows, typeVersion: 1.1, parameters: { ...node('Mirror to Kore.ai').parameters, rateLimitWindowSeconds: 1 } });
		expect(applied.success.filter((i) => i.json.action === 'deleted').map((i) => i.json.id)).toEqual(left);
		expect(applied.success.filter((i) => i.json.action === 'unchanged')).toHaveLength(rows.length);
		expect(left.map((id) => sandbox.store.get(id)?.status)).toEqual(['INACTIVE', 'INACTIVE', 'INACTIVE']);
	});
});

describe('the CRM segment example (Contact List: Create, then Add Contacts)', () => {
	const segment = JSON.parse(readFileSync(join(examples, 'crm-segment-to-campaign.json'), 'utf8'));
	const node = (name: string) => segment.nodes.find((n: { name: string }) => n.name === name);
	const segmentCode: string = node('CRM segment').parameters.jsCode;
	const people = (JSON.parse(segmentCode.slice(segmentCode.indexOf('['), segmentCode.lastIndexOf(']') + 1)) as Array<{ json: IDataObject }>).map((r) => r.json);

	test('the list is created once (used again on a second run), three people added and confirmed, the repeated and the invalid row on Failed', async () => {
		sandbox.campaigns.addDelayMs = 100;
		const create = { ...node('Create the campaign list').parameters, rateLimitWindowSeconds: 1 };
		const first = await run(sandbox, { items: [{}], parameters: create, typeVersion: 1.1 });
		const second = await run(sandbox, { items: [{}], parameters: create, typeVersion: 1.1 });
		expect(first.success[0].json).toMatchObject({ created: true, name: 'Renewals due' });
		expect(second.success[0].json).toMatchObject({ created: false, id: first.success[0].json.id });
		const added = await run(sandbox, { items: people, parameters: { ...node('Add to the campaign list').parameters, rateLimitWindowSeconds: 1 }, typeVersion: 1.1 });
		expect(added.success.map((i) => [i.json.status, i.json.phoneNumber, i.json.uniqueId])).toEqual([
			['added', '919845011111', 'CRM-1001'],
			['added', '919845011112', 'CRM-1002'],
			['added', '14155550100', 'CRM-1003'],
		]);
		expect(added.failed.map((i) => [i.pairedItem, i.json.code])).toEqual([
			[{ item: 3 }, 'DUPLICATE'],
			[{ item: 4 }, 'INVALID_RECORD'],
		]);
		expect(segment.connections['Add to the campaign list'].main).toHaveLength(2);
	});
});

test('the two campaign examples on the demo campaign: the segment added and the campaign started; each CRM row its own outcome from one read, a row never dialled found: false', async () => {
	sandbox.campaigns.addDelayMs = 100;
	sandbox.campaigns.addDemoCampaign();
	const segment = JSON.parse(readFileSync(join(examples, 'crm-segment-to-campaign.json'), 'utf8'));
	const segmentNode = (name: string) => segment.nodes.find((n: { name: string }) => n.name === name);
	const segmentCode: string = segmentNode('CRM segment').parameters.jsCode;
	const people = (JSON.parse(segmentCode.slice(segmentCode.indexOf('['), segmentCode.lastIndexOf(']') + 1)) as Array<{ json: IDataObject }>).map((r) => r.json);
	for (const name of ['Create the campaign list', 'Add to the campaign list']) {
		await run(sandbox, { items: name.startsWith('Add') ? people : [{}], parameters: { ...segmentNode(name).parameters, rateLimitWindowSeconds: 1 }, typeVersion: 1.1 });
	}
	const started = await run(sandbox, { items: [{}], parameters: { ...segmentNode('Start the campaign').parameters, rateLimitWindowSeconds: 1 }, typeVersion: 1.1 });
	expect(started.success[0].json).toMatchObject({ campaignId: DEMO_CAMPAIGN._id, status: 'Active', changed: true });

	const outcomes = JSON.parse(readFileSync(join(examples, 'campaign-outcomes-per-row.json'), 'utf8'));
	const koreOutcomes = outcomes.nodes.find((n: { name: string }) => n.name === 'Call outcome of each row');
	const crmCode: string = outcomes.nodes.find((n: { name: string }) => n.name === 'CRM rows').parameters.jsCode;
	const crmRows = (JSON.parse(crmCode.slice(crmCode.indexOf('['), crmCode.lastIndexOf(']') + 1)) as Array<{ json: IDataObject }>).map((r) => r.json);
	sandbox.clearLog();
	const result = await run(sandbox, { items: crmRows, parameters: { ...koreOutcomes.parameters, rateLimitWindowSeconds: 1 }, typeVersion: 1.1 });
	expect(result.success.map((i) => [i.pairedItem, i.json.dialerOutcome ?? i.json.found, i.json.uniqueId])).toEqual([
		[{ item: 0 }, 'completed', 'CRM-1001'],
		[{ item: 1 }, 'no-answer', 'CRM-1002'],
		[{ item: 2 }, 'busy', 'CRM-1003'],
		[{ item: 3 }, false, undefined],
	]);
	expect(sandbox.log().filter((r) => r.path.endsWith('/status') && r.status === 200)).toHaveLength(1);
});

test('the campaign housekeeping example: the campaign stopped, read back, its list found by name and everyone on it read', async () => {
	sandbox.reset();
	sandbox.campaigns.addDemoCampaign();
	const housekeeping = JSON.parse(readFileSync(join(examples, 'campaign-housekeeping.json'), 'utf8'));
	const node = (name: string) => ({ ...housekeeping.nodes.find((n: { name: string }) => n.name === name).parameters, rateLimitWindowSeconds: 1 });
	sandbox.campaigns.addDelayMs = 0;
	sandbox.campaigns.createList({ name: 'Renewals due', description: 'd' }, 'passiveApi');
	sandbox.campaigns.queueAdd('Renewals due', [{ phoneNumber: '919845011111' }, { phoneNumber: '14155550100' }]);
	sandbox.campaigns.trigger(DEMO_CAMPAIGN._id, 'voice', 'play');

	const stopped = await run(sandbox, { items: [{}], parameters: node('Stop the campaign'), typeVersion: 1.1 });
	expect(stopped.success[0].json).toMatchObject({ status: 'Stopped', changed: true });
	const read = await run(sandbox, { items: stopped.success.map((i) => i.json), parameters: node('Read the campaign'), typeVersion: 1.1 });
	expect(read.success[0].json).toMatchObject({ id: DEMO_CAMPAIGN._id, status: 'Stopped', contactLists: ['Renewals due'] });
	const list = await run(sandbox, { items: read.success.map((i) => i.json), parameters: node('Its contact list'), typeVersion: 1.1 });
	expect(list.success[0].json).toMatchObject({ name: 'Renewals due' });
	const people = await run(sandbox, { items: list.success.map((i) => i.json), parameters: node('Who is on the list'), typeVersion: 1.1 });
	expect(people.success.map((i) => i.json.phoneNumber)).toEqual(['919845011111', '14155550100']);
	expect(Object.keys(housekeeping.connections)).toEqual(['When clicking \'Execute workflow\'', 'Stop the campaign', 'Read the campaign', 'Its contact list']);
});
