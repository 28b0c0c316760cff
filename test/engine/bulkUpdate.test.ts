// Bulk Update in n8n's real engine against the sandbox: the paths users take every day.
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { bulkRequests, contactItem, expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, requestsTo, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 1000, rateLimit: { requestsPerWindow: 60, windowMs: 1000 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

// Kore's minute shortened to one second: pacing and waits scale with it.
const fast = { rateLimitWindowSeconds: 1 };

test("Kore's reference sample: both contacts updated, returned as Kore stores them", async () => {
	const items = [
		{ id: demoContactId(0), firstName: 'john', lastName: 'doee', fullName: 'john doee', salutation: 'mr', cellPhone: { extension: '+', phoneNumber: '2445600001', countryCode: '+91' } },
		{ id: demoContactId(1), firstName: 'jane', lastName: 'do', fullName: 'jane do', salutation: 'mr', cellPhone: { extension: '+', phoneNumber: '24456700001', countryCode: '+91' } },
	];
	const result = await run(sandbox, { items, parameters: fast });
	expect(result.failed).toEqual([]);
	expect(pairedIndexes(result.success)).toEqual([0, 1]);
	expect(result.success[0].json).toMatchObject({ id: demoContactId(0), _id: demoContactId(0), fullName: 'john doee', cellPhone: { phoneNumber: '+912445600001' }, status: 'ACTIVE' });
	expect(result.success[1].json).toMatchObject({ id: demoContactId(1), firstName: 'jane', cellPhone: { phoneNumber: '+9124456700001' } });
	const [request] = bulkRequests(sandbox);
	expect(bulkRequests(sandbox)).toHaveLength(1);
	expect(request.body).toEqual(items);
	expect(request.headers.accountid).toBe(sandbox.credentials().accountId);
	expect(request.jwt?.payload).toMatchObject({ appId: sandbox.credentials().clientId });
	expect(sandbox.store.get(demoContactId(1))).toMatchObject({ lastName: 'do', cellPhone: { phoneNumber: '+9124456700001' } });
});

test('1,000 items go in 10 paced batches of 100, all updated, no 429', async () => {
	const items = Array.from({ length: 1000 }, (_, n) => contactItem(n));
	const result = await run(sandbox, { items, parameters: { ...fast, options: { batchSize: 100 } } });
	expect(result.failed).toEqual([]);
	expect(pairedIndexes(result.success)).toEqual(items.map((_, i) => i));
	result.success.forEach((item, i) => expect(item.json.id).toBe(demoContactId(i)));
	const requests = bulkRequests(sandbox);
	expect(requests.map((r) => (r.body as unknown[]).length)).toEqual(Array(10).fill(100));
	expect(requests.every((r) => r.status === 200)).toBe(true);
	expect(sandbox.store.active().every((c) => c.lastName.startsWith('updated-'))).toBe(true);
});

test('mixed: valid, invalid (never sent), unknown id, a taken phone number, and a field left empty (kept from Kore.ai)', async () => {
	const items = [
		contactItem(0),
		contactItem(1, { phoneNumber: '98-76a' }),
		contactItem(2, { id: '6964af60ffffffffffffffff' }),
		contactItem(3, { phoneNumber: '9000000004' }), // demo contact 4's number
		contactItem(5, { firstName: '' }),
		contactItem(6, { phoneNumber: '98 765-43210' }),
	];
	const result = await run(sandbox, { items, parameters: fast });
	expectEveryItemOnce(result, items.length);
	expect(pairedIndexes(result.success)).toEqual([0, 4, 5]);
	expect(result.success[1].json).toMatchObject({ id: demoContactId(5), firstName: demoContact(5).firstName, lastName: 'updated-5' });
	expect(result.success[2].json.cellPhone).toMatchObject({ phoneNumber: '+919876543210' });
	expect(pairedIndexes(result.failed)).toEqual([1, 2, 3]);
	const [invalidPhone, unknown, taken] = result.failed.map((f) => f.json);
	expect(invalidPhone).toMatchObject({ id: demoContactId(1), stage: 'validation', code: 'INVALID_RECORD', reason: "Phone Number (phoneNumber) must be digits only; got '98-76a'" });
	expect(unknown).toMatchObject({ id: '6964af60ffffffffffffffff', stage: 'api', code: 'CONTACT_NOT_FOUND', httpStatus: 200, koreResponse: { error: 'Contact not found' } });
	expect(unknown.reason).toContain('Kore.ai has no active contact with this id');
	expect(taken).toMatchObject({ stage: 'api', code: 'DUPLICATE_PHONE_NUMBER', record: { cellPhone: { phoneNumber: '9000000004' } } });
	expect(taken.reason).toContain('already has this phone number');
	const sentIds = bulkRequests(sandbox).flatMap((r) => (r.body as Array<{ id: string }>).map((c) => c.id));
	expect(sentIds).toEqual([demoContactId(0), '6964af60ffffffffffffffff', demoContactId(3), demoContactId(5), demoContactId(6)]);
	// One item left a field empty: the list was read once, to keep Kore's first name.
	expect(requestsTo(sandbox, 'GET', '').length).toBe(1);
	expect(sandbox.store.get(demoContactId(1))?.lastName).toBe('doe');
	expect(sandbox.store.get(demoContactId(5))?.firstName).toBe(demoContact(5).firstName);
	expect(result.hints.map((h) => h.message)).toEqual([expect.stringMatching(/^3 of 6 records on the Failed output .*1 × INVALID_RECORD/)]);
});

test('the same id twice: sent in two requests, applied in input order', async () => {
	const items = [contactItem(7, { lastName: 'first' }), contactItem(8), contactItem(7, { lastName: 'second' })];
	const result = await run(sandbox, { items, parameters: fast });
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2]);
	expect(bulkRequests(sandbox).map((r) => (r.body as Array<{ id: string }>).map((c) => c.id))).toEqual([
		[demoContactId(7), demoContactId(8)],
		[demoContactId(7)],
	]);
	expect(sandbox.store.get(demoContactId(7))?.lastName).toBe('second');
});

test('Map Each Column Manually: expressions per field', async () => {
	const items = [{ crmId: demoContactId(9), given: 'Ann', family: 'Lee', mobile: '9000000009', cc: 91 }];
	const value = {
		id: '={{ $json.crmId }}',
		firstName: '={{ $json.given }}',
		lastName: '={{ $json.family }}',
		salutation: 'ms',
		phoneNumber: '={{ $json.mobile }}',
		countryCode: '={{ $json.cc }}',
		extension: '+',
	};
	const result = await run(sandbox, {
		items,
		parameters: { ...fast, columns: { mappingMode: 'defineBelow', value, matchingColumns: ['id'], schema: [] } },
	});
	expect(result.failed).toEqual([]);
	expect(result.success[0].json).toMatchObject({ id: demoContactId(9), firstName: 'Ann', fullName: 'Ann Lee', cellPhone: { countryCode: '+91' } });
	expect(bulkRequests(sandbox)[0].body).toEqual([
		{ id: demoContactId(9), firstName: 'Ann', lastName: 'Lee', fullName: 'Ann Lee', salutation: 'ms', cellPhone: { phoneNumber: '9000000009', countryCode: '+91', extension: '+' } },
	]);
});

test('Map Automatically: Kore shape, flat shape and _id side by side', async () => {
	const items = [
		{ id: demoContactId(10), firstName: 'a', lastName: 'b', salutation: 'mr', cellPhone: { phoneNumber: '9000000010', countryCode: '+91', extension: '+' } },
		{ _id: demoContactId(11), firstName: 'c', lastName: 'd', salutation: 'mr', phoneNumber: '9000000011', countryCode: '91', extension: '+', unrelated: { deep: true } },
	];
	const result = await run(sandbox, { items, parameters: fast });
	expect(pairedIndexes(result.success)).toEqual([0, 1]);
	expect(sandbox.store.get(demoContactId(11))).toMatchObject({ firstName: 'c', cellPhone: { phoneNumber: '+919000000011' } });
});

test('Include Input Data puts the original item under input on Failed items only', async () => {
	const items = [contactItem(12), contactItem(13, { id: '' , crmRow: 42 })];
	const result = await run(sandbox, { items, parameters: { ...fast, options: { includeInputData: true } } });
	expect(result.success[0].json.input).toBeUndefined();
	expect(result.failed).toHaveLength(1);
	expect(result.failed[0].json).toMatchObject({ stage: 'validation', input: items[1] });
	expect(result.failed[0].pairedItem).toEqual({ item: 1 });
});

test('no input items: no request, two empty outputs', async () => {
	const result = await run(sandbox, { items: [], parameters: fast });
	expect(result.success).toEqual([]);
	expect(result.failed).toEqual([]);
	expect(sandbox.log()).toEqual([]);
});

test('"Custom API Call", which n8n adds to the operation list, points to the HTTP Request node', async () => {
	const result = await run(sandbox, { items: [contactItem(0)], parameters: { operation: '__CUSTOM_API_CALL__' } });
	expect(result.error?.message).toBe('The operation "__CUSTOM_API_CALL__" is not supported by this node');
	expect(result.error?.description).toContain('HTTP Request node');
	expect(sandbox.log()).toEqual([]);
});

test('no secret or token in any output, error or log line of this file', () => {
	expectNoSecretsLeaked(sandbox);
});
