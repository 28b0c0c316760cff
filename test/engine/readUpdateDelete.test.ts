// Get Many, Update, Delete and Bulk Delete in n8n's real engine against the sandbox.
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { contactItem, expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, requestsTo, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 250, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ allFailedStatus: 200 });
});
afterAll(async () => sandbox.stop());

const params = (operation: string, extra: Record<string, unknown> = {}) => ({ operation, rateLimitWindowSeconds: 1, ...extra });

describe('Get Many', () => {
	test('Return All pages through skip / limit / hasMore: every contact once, with id', async () => {
		const result = await run(sandbox, { items: [{}], parameters: params('getAll', { returnAll: true, options: { pageSize: 100 } }) });
		expect(result.success).toHaveLength(250);
		expect(new Set(result.success.map((i) => i.json.id)).size).toBe(250);
		expect(result.success[7].json).toMatchObject({ id: demoContactId(7), _id: demoContactId(7), cellPhone: { phoneNumber: '+919000000007' } });
		expect(pairedIndexes(result.success).every((i) => i === 0)).toBe(true);
		expect(requestsTo(sandbox, 'GET').map((r) => r.query)).toEqual([
			{ skip: '0', limit: '100' },
			{ skip: '100', limit: '100' },
			{ skip: '200', limit: '100' },
		]);
		expect(result.failed).toEqual([]);
	});

	test('up to Limit, in as few requests as the page size allows; runs once for many input items', async () => {
		const result = await run(sandbox, { items: [{}, {}, {}], parameters: params('getAll', { returnAll: false, limit: 130, options: { pageSize: 100 } }) });
		expect(result.success).toHaveLength(130);
		expect(requestsTo(sandbox, 'GET').map((r) => r.query.limit)).toEqual(['100', '30']);
	});

	test('Flat: phone number, country code and extension at the top level, ready for Bulk Update', async () => {
		const result = await run(sandbox, { items: [{}], parameters: params('getAll', { limit: 2, options: { outputFormat: 'flat' } }) });
		expect(result.success[1].json).toMatchObject({ id: demoContactId(1), phoneNumber: '9000000001', countryCode: '+91', extension: '+', firstName: demoContact(1).firstName });
		expect(result.success[1].json.cellPhone).toBeUndefined();
		// The flat item goes back through Bulk Update unchanged.
		sandbox.clearLog();
		const again = await run(sandbox, { items: result.success.map((i) => i.json), parameters: params('bulkUpdate') });
		expect(pairedIndexes(again.success)).toEqual([0, 1]);
	});

	test("Kore's shape goes back through Bulk Update too: its stored +91 number is read as the number", async () => {
		const result = await run(sandbox, { items: [{}], parameters: params('getAll', { limit: 3 }) });
		const again = await run(sandbox, { items: result.success.map((i) => i.json), parameters: params('bulkUpdate') });
		expect(again.failed).toEqual([]);
		expect(sandbox.store.get(demoContactId(2))?.cellPhone.phoneNumber).toBe('+919000000002');
	});

	test('a page that fails for good stops the node with a clear error: never a short list', async () => {
		sandbox.setFaults({ schedule: [null, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }] });
		const result = await run(sandbox, { items: [{}], parameters: params('getAll', { returnAll: true, options: { pageSize: 100, maxRetries: 1 } }) });
		expect(result.success).toEqual([]);
		expect(result.error?.message).toBe("Kore.ai's contact list could not be read: page 2 failed");
		expect(result.error?.description).toContain('No contacts are returned, rather than a list with some missing');
	});

	test('with Continue On Fail: one error item instead of the list', async () => {
		sandbox.setFaults({ schedule: [{ kind: 'status', status: 503 }] });
		const result = await run(sandbox, { items: [{}], continueOnFail: true, parameters: params('getAll', { returnAll: true, options: { maxRetries: 0 } }) });
		expect(result.success).toHaveLength(1);
		expect(result.success[0].json).toMatchObject({ error: "Kore.ai's contact list could not be read: page 1 failed" });
	});

	test('throttled pages wait and go on', async () => {
		sandbox.setFaults({ schedule: [null, { kind: 'throttle', retryAfterSeconds: 0 }] });
		const result = await run(sandbox, { items: [{}], parameters: params('getAll', { returnAll: true, options: { pageSize: 1000 } }) });
		expect(result.success).toHaveLength(250);
	});
});

describe('Update', () => {
	test('the items in batches through bulk update, each to the contact named by Contact; unknown and invalid ids on Failed', async () => {
		const items = [contactItem(1), contactItem(2, { id: '6964af60ffffffffffffffff' }), contactItem(3, { id: '../etc' }), contactItem(4, { phoneNumber: demoContact(5).cellPhone.phoneNumber })];
		const result = await run(sandbox, { items, parameters: params('update', { contactId: '={{ $json.id }}' }) });
		expectEveryItemOnce(result, 4);
		expect(pairedIndexes(result.success)).toEqual([0]);
		expect(result.success[0].json).toMatchObject({ id: demoContactId(1), lastName: 'updated-1' });
		const [unknown, invalid, taken] = result.failed.map((f) => f.json);
		expect(unknown).toMatchObject({ id: '6964af60ffffffffffffffff', stage: 'api', code: 'CONTACT_NOT_FOUND' });
		expect(unknown.reason).toContain('Kore.ai has no active contact with this id');
		expect(invalid).toMatchObject({ stage: 'validation', id: '../etc' });
		expect(taken).toMatchObject({ stage: 'api', code: 'DUPLICATE_PHONE_NUMBER' });
		expect(taken.reason).toContain('already has this phone number');
		const [request, ...more] = requestsTo(sandbox, 'PUT', '/bulk-update');
		expect(more).toEqual([]);
		expect((request.body as Array<{ id: string }>).map((r) => r.id)).toEqual([demoContactId(1), '6964af60ffffffffffffffff', demoContactId(4)]);
		expect(sandbox.store.get(demoContactId(1))?.lastName).toBe('updated-1');
		expect(sandbox.store.get(demoContactId(4))?.lastName).toBe(demoContact(4).lastName);
	});

	test('a Contact picked from the list (a resource locator) names the contact as a plain ID does', async () => {
		const contactId = { __rl: true, mode: 'list', value: demoContactId(7), cachedResultName: 'picked' };
		const result = await run(sandbox, { items: [contactItem(7, { id: undefined, lastName: 'picked' })], parameters: params('update', { contactId }), typeVersion: 1.1 });
		expect(result.failed).toEqual([]);
		expect(sandbox.store.get(demoContactId(7))?.lastName).toBe('picked');
	});

	test('only Contact and Last Name mapped: the surname changes, every other field keeps Kore\'s value, from one read of the list', async () => {
		const before = sandbox.store.get(demoContactId(8))!;
		const columns = { mappingMode: 'defineBelow', value: { lastName: 'Surname-8' }, matchingColumns: [], schema: [] };
		const result = await run(sandbox, { items: [{ id: demoContactId(8) }], parameters: params('update', { contactId: '={{ $json.id }}', columns }) });
		expect(result.failed).toEqual([]);
		const after = sandbox.store.get(demoContactId(8))!;
		expect(after).toMatchObject({ lastName: 'Surname-8', firstName: before.firstName, salutation: before.salutation, cellPhone: before.cellPhone });
		expect(after.fullName).toBe(`${before.firstName} Surname-8`);
		expect(requestsTo(sandbox, 'GET', '').length).toBe(1);
		expect(requestsTo(sandbox, 'PUT', '/bulk-update').length).toBe(1);
	});

	test('every field given: nothing is read, one request', async () => {
		const result = await run(sandbox, { items: [contactItem(10), contactItem(11)], parameters: params('update') });
		expect(pairedIndexes(result.success)).toEqual([0, 1]);
		expect(requestsTo(sandbox, 'GET', '')).toEqual([]);
		expect(requestsTo(sandbox, 'PUT', '').length).toBe(1);
	});

	test('a field left out, for an id Kore.ai does not have: Failed with the reason, and the read stops at the end of the list', async () => {
		const result = await run(sandbox, { items: [{ id: '6964af60ffffffffffffffff', lastName: 'x' }], parameters: params('update') });
		expect(result.failed[0].json).toMatchObject({ stage: 'api', code: 'CONTACT_NOT_FOUND', id: '6964af60ffffffffffffffff' });
		expect(result.failed[0].json.reason).toContain('leaves First Name (firstName), Salutation (salutation), Phone Number (phoneNumber), Country Code (countryCode), Extension (extension) empty');
		expect(requestsTo(sandbox, 'PUT', '')).toEqual([]);
	});

	test('a 503 then success: retried, applied once', async () => {
		sandbox.setFaults({ schedule: [{ kind: 'status', status: 503 }] });
		const result = await run(sandbox, { items: [contactItem(9)], parameters: params('update') });
		expect(pairedIndexes(result.success)).toEqual([0]);
		expect(requestsTo(sandbox, 'PUT', '/bulk-update').map((r) => r.status)).toEqual([503, 200]);
	});
});

describe('Delete', () => {
	test('each item deletes its contact (kept as INACTIVE); unknown and already deleted on Failed', async () => {
		sandbox.store.deactivate(demoContactId(3));
		const items = [{ id: demoContactId(1) }, { id: demoContactId(3) }, { id: '6964af60ffffffffffffffff' }, { id: '' }, { id: demoContactId(2) }];
		const result = await run(sandbox, { items, parameters: params('delete') });
		expectEveryItemOnce(result, 5);
		expect(pairedIndexes(result.success)).toEqual([0, 4]);
		expect(result.success[0].json).toMatchObject({ id: demoContactId(1), status: 'INACTIVE' });
		expect(result.failed.map((f) => f.json.stage)).toEqual(['api', 'api', 'validation']);
		expect(result.failed[0].json.reason).toContain('the id is wrong, or the contact was deleted');
		expect(result.failed[2].json.reason).toContain('Contact ID (id) is missing');
		expect(sandbox.store.get(demoContactId(1))?.status).toBe('INACTIVE');
		expect(sandbox.store.get(demoContactId(2))?.status).toBe('INACTIVE');
	});

	test('an answer lost after Kore deleted it: the retry finds it gone, which is Success', async () => {
		sandbox.setFaults({ schedule: [{ kind: 'reset', apply: true }] });
		const result = await run(sandbox, { items: [{ id: demoContactId(6) }], parameters: params('delete') });
		expect(result.failed).toEqual([]);
		expect(result.success[0].json).toMatchObject({ id: demoContactId(6), status: 'INACTIVE', deleted: true });
		expect(requestsTo(sandbox, 'DELETE', demoContactId(6)).map((r) => r.status)).toEqual([-1, 404]);
	});
});

describe('Delete, node version 1.1', () => {
	test('the items in batches through bulk delete; unknown and invalid ids on Failed', async () => {
		const ids = [1, 2, 3].map(demoContactId);
		const items = [...ids.map((id) => ({ id })), { id: '6964af60ffffffffffffffff' }, { id: '' }];
		const result = await run(sandbox, { items, parameters: params('delete', { options: { batchSize: 2 } }), typeVersion: 1.1 });
		expectEveryItemOnce(result, 5);
		expect(pairedIndexes(result.success)).toEqual([0, 1, 2]);
		expect(result.success[0].json).toEqual({ id: ids[0], status: 'INACTIVE', deleted: true });
		expect(result.failed.map((f) => [f.json.stage, f.json.code])).toEqual([['api', 'CONTACT_NOT_FOUND'], ['validation', 'INVALID_ID']]);
		expect(requestsTo(sandbox, 'DELETE', '/bulk-delete').map((r) => (r.body as { ids: string[] }).ids.length)).toEqual([2, 2]);
		for (const id of ids) expect(sandbox.store.get(id)?.status).toBe('INACTIVE');
	});
});

describe('Bulk Delete', () => {
	test('the ids of all items in batches, reconciled per id', async () => {
		const ids = [1, 2, 3, 4, 5].map(demoContactId);
		const items = [...ids.map((id) => ({ id })), { id: '6964af60ffffffffffffffff' }];
		const result = await run(sandbox, { items, parameters: params('bulkDelete', { options: { batchSize: 4 } }) });
		expectEveryItemOnce(result, 6);
		expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3, 4]);
		expect(result.success[0].json).toEqual({ id: ids[0], status: 'INACTIVE', deleted: true });
		expect(result.failed[0].json).toMatchObject({ id: '6964af60ffffffffffffffff', stage: 'api', code: 'CONTACT_NOT_FOUND' });
		expect(result.failed[0].json.reason).toContain('Kore.ai has no active contact with this id');
		expect(requestsTo(sandbox, 'DELETE', '/bulk-delete').map((r) => (r.body as { ids: string[] }).ids.length)).toEqual([4, 2]);
		for (const id of ids) expect(sandbox.store.get(id)?.status).toBe('INACTIVE');
	});

	test('every id unknown, answered with HTTP 400 and the list: one request, each with Kore\'s reason', async () => {
		sandbox.configure({ allFailedStatus: 400 });
		const items = Array.from({ length: 50 }, (_, i) => ({ id: `6964af60ffffffff${String(i).padStart(8, '0')}` }));
		const result = await run(sandbox, { items, parameters: params('bulkDelete') });
		expect(result.failed).toHaveLength(50);
		expect(requestsTo(sandbox, 'DELETE', '/bulk-delete').map((r) => r.status)).toEqual([400]);
		expect(result.failed[0].json).toMatchObject({ httpStatus: 400, code: 'CONTACT_NOT_FOUND' });
		expect(result.failed[0].json.reason).toContain('Kore.ai said: "Contact not found"');
	});
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
