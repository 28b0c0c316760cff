// Create or Update with Delete Contacts Not in Input, in n8n's real engine against the sandbox: the
// contacts a source no longer has are deleted in batches, guarded against an empty or partial source.
import type { IDataObject } from 'n8n-workflow';

import { planDeletions } from '../../nodes/KoreAiContacts/helpers/mirror';
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, requestsTo, run } from '../support/scenario';

const ACCOUNT = 100;
let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: ACCOUNT, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const AUTO = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['phoneNumber'], schema: [] };
const params = (options: IDataObject = {}) => ({ operation: 'upsert', rateLimitWindowSeconds: 1, columns: AUTO, options: { deleteMissing: true, batchSize: 4, ...options } });
/** The CRM's rows: demo contacts as they are, but those in `left` (they left the CRM). */
const source = (left: (n: number) => boolean) =>
	Array.from({ length: ACCOUNT }, (_, n) => n)
		.filter((n) => !left(n))
		.map((n) => ({ firstName: demoContact(n).firstName, lastName: demoContact(n).lastName, salutation: demoContact(n).salutation, phoneNumber: demoContact(n).cellPhone.phoneNumber, countryCode: '+91', extension: '+' }));
const active = () => sandbox.store.active().length;

test('the contacts the source no longer has are deleted in batches, on Success with action "deleted" after the items', async () => {
	const gone = [3, 17, 42, 58, 77, 91];
	const rows = source((n) => gone.includes(n));
	const result = await run(sandbox, { items: rows, parameters: params() });
	expect(result.error).toBeUndefined();
	expect(result.failed).toEqual([]);
	const deleted = result.success.filter((item) => item.json.action === 'deleted');
	expect(deleted.map((item) => item.json.id)).toEqual(gone.map(demoContactId));
	expect(deleted[0].json).toMatchObject({ firstName: demoContact(3).firstName, status: 'INACTIVE' });
	expect(pairedIndexes(deleted)).toEqual(Array(6).fill(0));
	expect(result.success.filter((item) => item.json.action === 'unchanged')).toHaveLength(rows.length);
	expect(requestsTo(sandbox, 'DELETE', '/bulk-delete').map((r) => (r.body as { ids: string[] }).ids.length)).toEqual([4, 2]);
	expect(active()).toBe(ACCOUNT - 6);
});

test('Dry Run lists them and writes nothing', async () => {
	const result = await run(sandbox, { items: source((n) => n === 5), parameters: params({ dryRun: true }) });
	const deleted = result.success.filter((item) => item.json.action === 'deleted');
	expect(deleted.map((item) => [item.json.id, item.json.dryRun])).toEqual([[demoContactId(5), true]]);
	expect(deleted[0].json.request).toMatchObject({ method: 'DELETE', path: '/bulk-delete' });
	expect(sandbox.log().filter((r) => r.method !== 'GET')).toEqual([]);
	expect(result.hints.map((h) => h.message)).toContainEqual(expect.stringMatching(/^Dry Run: nothing was written to Kore\.ai/));
});

test('a source missing 40% of the account: nothing deleted, creates and updates as usual, the reason above the output', async () => {
	const rows = source((n) => n % 5 < 2);
	rows[0] = { ...rows[0], lastName: 'Changed' };
	rows.push({ firstName: 'Nia', lastName: 'New', salutation: 'ms', phoneNumber: '8100000001', countryCode: '+91', extension: '+' });
	const result = await run(sandbox, { items: rows, parameters: params() });
	expectEveryItemOnce(result, rows.length);
	expect(result.success.map((item) => item.json.action).filter((a) => a !== 'unchanged')).toEqual(['updated', 'created']);
	expect(requestsTo(sandbox, 'DELETE', '')).toEqual([]);
	expect(result.hints.map((h) => h.message)).toContain(
		'Delete Contacts Not in Input deleted nothing: it would delete 40 of the 100 active contacts (40%), more than Max Deletions allows (10%, 10 contacts). A partial source (a filtered export, a failed page) looks like this. Creates and updates went ahead. If the input really is the whole list, raise Max Deletions.',
	);
	// raised, the same source deletes them
	const raised = await run(sandbox, { items: rows, parameters: params({ maxDeletions: 50 }) });
	expect(raised.success.filter((item) => item.json.action === 'deleted')).toHaveLength(40);
	expect(active()).toBe(ACCOUNT - 40 + 1);
});

test('a row that fails validation still keeps its contact; matching by ID keeps the contacts the items name', async () => {
	const rows = source((n) => n === 9);
	rows[0] = { ...rows[0], firstName: '' };
	const result = await run(sandbox, { items: rows, parameters: params() });
	expect(result.failed.map((item) => item.json.code)).toEqual(['INVALID_RECORD']);
	expect(result.success.filter((item) => item.json.action === 'deleted').map((item) => item.json.id)).toEqual([demoContactId(9)]);
	expect(sandbox.store.get(demoContactId(0))?.status).toBe('ACTIVE');
});

test('an empty input deletes nothing: n8n does not run the node, and the node itself refuses to', async () => {
	const result = await run(sandbox, { items: [], parameters: params({ maxDeletions: 100 }) });
	expect(result.success).toEqual([]);
	expect(sandbox.log()).toEqual([]);
	expect(active()).toBe(ACCOUNT);
	const plan = planDeletions(sandbox.store.active() as never, { phones: new Set(), ids: new Set() }, 0, 100);
	expect(plan).toEqual({ kind: 'held', wouldDelete: ACCOUNT, reason: 'Delete Contacts Not in Input deleted nothing: the input is empty, and an empty source never empties Kore.ai.' });
});

test('off by default: nothing is deleted', async () => {
	await run(sandbox, { items: source((n) => n < 5), parameters: { ...params(), options: {} } });
	expect(active()).toBe(ACCOUNT);
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
