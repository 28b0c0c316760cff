// Create or Update in n8n's real engine against the sandbox: a messy CRM export synced, the store
// compared field by field with the rows, Dry Run planning exactly what the real run then does.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 40, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ listInactive: false });
});
afterAll(async () => sandbox.stop());

const AUTO = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['phoneNumber'], schema: [] };
const params = (options: INodeParameters = {}, columns: INodeParameters = AUTO): INodeParameters => ({ operation: 'upsert', rateLimitWindowSeconds: 1, columns, options: { pageSize: 15, ...options } });
const writes = () => sandbox.log().filter((r) => r.method !== 'GET');

/** A CRM export: demo contacts 0..9 as a CRM writes their numbers, some changed, two new people, and trouble. */
function crmRows(): IDataObject[] {
	const row = (n: number, phoneNumber: string | number, extra: IDataObject = {}) => ({
		firstName: demoContact(n).firstName,
		lastName: demoContact(n).lastName,
		salutation: demoContact(n).salutation,
		phoneNumber,
		countryCode: '91',
		extension: '+',
		...extra,
	});
	const national = (n: number) => demoContact(n).cellPhone.phoneNumber; // 900000000n
	return [
		row(0, `${national(0).slice(0, 5)} ${national(0).slice(5)}`), // spaces: unchanged
		row(1, `0091-${national(1)}`), // 00 prefix: unchanged
		row(2, Number(national(2)), { lastName: 'Renamed' }), // a spreadsheet number, changed name
		row(3, `+91 ${national(3)}`, { countryCode: '+91', salutation: 'dr' }), // changed salutation
		row(4, `91${national(4)}`), // repeated country code: unchanged
		{ firstName: 'Nia', lastName: 'New', salutation: 'ms', phoneNumber: '98100 00001', countryCode: '+91', extension: '+' }, // new
		row(5, national(0)), // the same number as row 0: repeated
		row(6, national(6), { id: demoContactId(7) }), // its id points at another contact
		{ firstName: 'Bad', lastName: 'Row', salutation: 'mr', phoneNumber: '98x', countryCode: '+91', extension: '+' }, // invalid
		{ firstName: 'Ola', lastName: 'Other', salutation: 'mr', phoneNumber: '(98100) 00002', countryCode: '91', extension: '+' }, // new
	];
}

test('a messy CRM set: matched however the numbers are written, only real changes sent', async () => {
	const rows = crmRows();
	const result = await run(sandbox, { items: rows, parameters: params() });
	expectEveryItemOnce(result, rows.length);
	const actions = Object.fromEntries(result.success.map((item) => [(item.pairedItem as { item: number }).item, item.json.action]));
	expect(actions).toEqual({ 0: 'unchanged', 1: 'unchanged', 2: 'updated', 3: 'updated', 4: 'unchanged', 5: 'created', 9: 'created' });
	expect(result.failed.map((f) => [(f.pairedItem as { item: number }).item, f.json.code])).toEqual([
		[6, 'REPEATED_PHONE_NUMBER'],
		[7, 'AMBIGUOUS_MATCH'],
		[8, 'INVALID_RECORD'],
	]);
	const updated = result.success.find((s) => s.json.action === 'updated');
	expect(updated?.json).toMatchObject({ id: demoContactId(2), lastName: 'Renamed', changes: { lastName: { from: demoContact(2).lastName, to: 'Renamed' } } });
	// Requests: the pages of the account, one bulk update with the two changed, one create with the two new.
	expect(sandbox.log().map((r) => `${r.method} ${r.path.split('/contacts')[1] || '/'}`)).toEqual(['GET /', 'GET /', 'GET /', 'PUT /bulk-update', 'POST /']);
	expect((writes()[0].body as unknown[]).length).toBe(2);
	// The store says what the rows say.
	expect(sandbox.store.get(demoContactId(2))).toMatchObject({ lastName: 'Renamed', cellPhone: { phoneNumber: '+919000000002' } });
	expect(sandbox.store.get(demoContactId(3))?.salutation).toBe('dr');
	const created = sandbox.store.active().filter((c) => ['Nia', 'Ola'].includes(c.firstName));
	expect(created.map((c) => c.cellPhone.phoneNumber).sort()).toEqual(['+919810000001', '+919810000002']);
	expect(result.success.find((s) => s.json.firstName === 'Ola')?.json.id).toBe(created.find((c) => c.firstName === 'Ola')?._id);
});

test('the same sync again: only the list pages are requested', async () => {
	const rows = crmRows();
	await run(sandbox, { items: rows, parameters: params() });
	sandbox.clearLog();
	const again = await run(sandbox, { items: rows, parameters: params() });
	expect(again.success.map((s) => s.json.action)).toEqual(Array(7).fill('unchanged'));
	expect(writes()).toEqual([]);
});

test('Dry Run: no write reaches Kore, and the plan is what the real run then does', async () => {
	const rows = crmRows();
	const dry = await run(sandbox, { items: rows, parameters: params({ dryRun: true }) });
	expect(writes()).toEqual([]);
	expect(sandbox.store.get(demoContactId(2))?.lastName).toBe(demoContact(2).lastName);
	const update = dry.success.find((s) => s.json.action === 'updated' && (s.pairedItem as { item: number }).item === 2)!.json;
	expect(update).toMatchObject({ dryRun: true, changes: { lastName: { from: demoContact(2).lastName, to: 'Renamed' } }, request: { method: 'PUT', path: '/bulk-update', batch: 1 } });
	expect((update.request as IDataObject).body).toMatchObject({ id: demoContactId(2), lastName: 'Renamed', cellPhone: { phoneNumber: '9000000002', countryCode: '+91' } });
	const real = await run(sandbox, { items: rows, parameters: params() });
	const plan = (r: typeof dry) => [r.success.map((s) => [(s.pairedItem as { item: number }).item, s.json.action]), r.failed.map((f) => [(f.pairedItem as { item: number }).item, f.json.code])];
	expect(plan(dry)).toEqual(plan(real));
	// What the dry run said would be sent is what was sent.
	const sentUpdates = writes().find((w) => w.method === 'PUT')!.body as IDataObject[];
	expect(sentUpdates).toEqual(dry.success.filter((s) => s.json.action === 'updated').map((s) => (s.json.request as IDataObject).body));
	const sentCreates = writes().find((w) => w.method === 'POST')!.body as IDataObject[];
	expect(sentCreates).toEqual(dry.success.filter((s) => s.json.action === 'created').map((s) => (s.json.request as IDataObject).body));
});

test('Dry Run on the other write operations sends nothing and shows each request', async () => {
	const dry = { rateLimitWindowSeconds: 1, options: { dryRun: true, batchSize: 2 } };
	const bulk = await run(sandbox, { items: [0, 1, 2].map((n) => ({ id: demoContactId(n), firstName: 'x', lastName: 'y', salutation: 'mr', phoneNumber: demoContact(n).cellPhone.phoneNumber, countryCode: '+91', extension: '+' })), parameters: dry });
	expect(bulk.success.map((s) => [s.json.action, (s.json.request as IDataObject).batch])).toEqual([['updated', 1], ['updated', 1], ['updated', 2]]);
	const remove = await run(sandbox, { items: [{ id: demoContactId(1) }, { id: '' }], parameters: { ...dry, operation: 'bulkDelete' } });
	expect(remove.success[0].json).toMatchObject({ action: 'deleted', request: { method: 'DELETE', path: '/bulk-delete', body: { ids: [demoContactId(1)] } } });
	expect(remove.failed[0].json).toMatchObject({ stage: 'validation' });
	const one = await run(sandbox, { items: [{ id: demoContactId(3) }], parameters: { ...dry, operation: 'delete' } });
	expect(one.success[0].json).toMatchObject({ action: 'deleted', request: { method: 'DELETE', path: `/${demoContactId(3)}` } });
	expect(sandbox.log()).toEqual([]);
	expect(sandbox.store.get(demoContactId(1))?.status).toBe('ACTIVE');
});

test('matching on id: the contact the id names gets the new number', async () => {
	const columns = { ...AUTO, matchingColumns: ['id'] };
	const rows = [{ id: demoContactId(8), firstName: 'moved', lastName: 'number', salutation: 'mr', phoneNumber: '9810000099', countryCode: '+91', extension: '+' }];
	const result = await run(sandbox, { items: rows, parameters: params({}, columns) });
	expect(result.success[0].json).toMatchObject({ action: 'updated', id: demoContactId(8), changes: { phoneNumber: { from: '9000000008', to: '9810000099' } } });
	expect(sandbox.store.get(demoContactId(8))?.cellPhone.phoneNumber).toBe('+919810000099');
});

test('a deleted contact with the number, when Kore lists deleted contacts: Failed, saying what to do', async () => {
	sandbox.configure({ listInactive: true });
	sandbox.store.deactivate(demoContactId(9));
	const result = await run(sandbox, { items: [{ firstName: 'a', lastName: 'b', salutation: 'mr', phoneNumber: demoContact(9).cellPhone.phoneNumber, countryCode: '+91', extension: '+' }], parameters: params() });
	expect(result.failed[0].json).toMatchObject({ code: 'INACTIVE_CONTACT', stage: 'validation', id: demoContactId(9) });
	expect(result.failed[0].json.reason).toContain('Restore it in Kore.ai, or give this person another number');
	expect(writes()).toEqual([]);
});

test('faults while reading and while writing: nothing lost, nothing created twice', async () => {
	sandbox.setFaults({ schedule: [null, { kind: 'status', status: 503 }, null, null, { kind: 'reset', apply: true }, null, { kind: 'reset', apply: true }] });
	const rows = crmRows();
	const result = await run(sandbox, { items: rows, parameters: params({ timeout: 1 }) });
	expectEveryItemOnce(result, rows.length);
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3, 4, 5, 9]);
	for (const phone of ['+919810000001', '+919810000002']) expect(sandbox.store.active().filter((c) => c.cellPhone.phoneNumber === phone)).toHaveLength(1);
	expect(sandbox.store.get(demoContactId(2))?.lastName).toBe('Renamed');
});

test('a page of the account that fails for good: nothing written, every item Failed with the reason (Continue On Fail)', async () => {
	sandbox.setFaults({ schedule: [null, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }] });
	const result = await run(sandbox, { items: crmRows(), continueOnFail: true, parameters: params({ maxRetries: 1 }) });
	expect(writes()).toEqual([]);
	expect(result.success).toEqual([]);
	expect(result.failed.filter((f) => f.json.stage !== 'validation').every((f) => String(f.json.reason).includes("contact list could not be read: page 2 failed"))).toBe(true);
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
