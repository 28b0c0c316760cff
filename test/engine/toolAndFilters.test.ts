// The node as an AI tool (n8n runs its `...Tool` variant and hands the model only the first output),
// and Get Many's filters, in n8n's real engine against the sandbox.
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { contactItem, expectNoSecretsLeaked, pairedIndexes, requestsTo, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 250, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ listInactive: false });
});
afterAll(async () => sandbox.stop());

const params = (operation: string, extra: Record<string, unknown> = {}) => ({ operation, rateLimitWindowSeconds: 1, ...extra });
const getMany = (extra: Record<string, unknown>) => params('getAll', { returnAll: true, options: { pageSize: 50 }, ...extra });

describe('as an AI tool: every outcome on the first output', () => {
	test('a refused record and an unknown id reach the model with their reasons, in input order', async () => {
		const items = [contactItem(1), contactItem(2, { phoneNumber: '98-76x' }), contactItem(3, { id: '6964af60ffffffffffffffff' }), contactItem(4)];
		const result = await run(sandbox, { items, asTool: true, parameters: params('bulkUpdate') });
		expect(result.failed).toEqual([]);
		expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3]);
		const [first, refused, unknown, last] = result.success.map((i) => i.json);
		expect(first).toMatchObject({ id: demoContactId(1), lastName: 'updated-1' });
		expect(first.outcome).toBeUndefined();
		expect(refused).toMatchObject({ outcome: 'failed', id: demoContactId(2), stage: 'validation', code: 'INVALID_RECORD' });
		expect(refused.reason).toContain('Phone Number (phoneNumber) must be digits only');
		expect(unknown).toMatchObject({ outcome: 'failed', id: '6964af60ffffffffffffffff', stage: 'api', code: 'CONTACT_NOT_FOUND' });
		expect(unknown.reason).toContain('Kore.ai has no active contact with this id');
		expect(last).toMatchObject({ id: demoContactId(4) });
	});

	test('the same run in a workflow: two outputs, as always', async () => {
		const result = await run(sandbox, { items: [contactItem(1), contactItem(2, { phoneNumber: '98-76x' })], parameters: params('bulkUpdate') });
		expect(pairedIndexes(result.success)).toEqual([0]);
		expect(pairedIndexes(result.failed)).toEqual([1]);
		expect(result.failed[0].json.outcome).toBeUndefined();
	});

	test('Create as a tool: a number another contact holds comes back as failed with the reason', async () => {
		const items = [
			{ firstName: 'Asha', lastName: 'Rao', salutation: 'ms', phoneNumber: '9845011111', countryCode: '+91', extension: '+' },
			{ firstName: 'Dup', lastName: 'Licate', salutation: 'mr', phoneNumber: demoContact(5).cellPhone.phoneNumber, countryCode: '+91', extension: '+' },
		];
		const result = await run(sandbox, { items, asTool: true, parameters: params('create', { columns: { mappingMode: 'autoMapInputData', value: null } }) });
		expect(result.success.map((i) => i.json.outcome)).toEqual([undefined, 'failed']);
		expect(result.success[0].json.id).toBe(sandbox.store.active().find((c) => c.cellPhone.phoneNumber === '+919845011111')?._id);
		expect(result.success[1].json.reason).toContain('already has this phone number');
	});

	test('nothing could be done: the model gets the cause in Kore\'s words and the fix as the answer', async () => {
		const result = await run(sandbox, { items: [contactItem(1)], asTool: true, parameters: params('update'), credentials: { ...sandbox.credentials(), clientSecret: 'a-wrong-secret-value' } });
		expect(result.error).toBeUndefined();
		expect(result.success.map((i) => i.json)).toEqual([
			{
				outcome: 'failed',
				reason:
					'Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials". Check the Client ID and Client Secret of the JWT app in the Kore.ai API credential (App Settings > Dev Tools).',
				code: 'CONFIGURATION',
				httpStatus: 401,
				stage: 'request',
			},
		]);
		const unreadable = await run(sandbox, { items: [{}], asTool: true, parameters: getMany({ filters: { phoneNumber: 'call me' } }) });
		expect(unreadable.success[0].json).toMatchObject({ outcome: 'failed', code: 'RUN_STOPPED' });
		expect(unreadable.success[0].json.reason).toContain('is not a phone number');
	});

	test('Get Many as a tool: at most 100 contacts, then how many more matched, exactly', async () => {
		const result = await run(sandbox, { items: [{}], asTool: true, parameters: getMany({}) });
		expect(result.success).toHaveLength(101);
		expect(result.success[100].json).toMatchObject({ outcome: 'truncated', shown: 100, more: 150, moreIsExact: true });
		const limited = await run(sandbox, { items: [{}], asTool: true, parameters: getMany({ returnAll: false, limit: 20 }) });
		expect(limited.success).toHaveLength(20);
	});

	test('Get Many in a workflow: every contact, nothing added', async () => {
		const result = await run(sandbox, { items: [{}], parameters: getMany({}) });
		expect(result.success).toHaveLength(250);
		expect(result.success.some((i) => i.json.outcome)).toBe(false);
	});
});

describe('Get Many filters', () => {
	test('a phone number with its country code, written any way: the one contact, and no page read after it', async () => {
		const phone = demoContact(60).cellPhone.phoneNumber; // 9000000060
		const result = await run(sandbox, { items: [{}], parameters: getMany({ filters: { phoneNumber: `+91 ${phone.slice(0, 5)}-${phone.slice(5)}` } }) });
		expect(result.success.map((i) => i.json.id)).toEqual([demoContactId(60)]);
		expect(requestsTo(sandbox, 'GET').map((r) => r.query.skip)).toEqual(['0', '50']);
	});

	test('national digits without a country code: every contact with exactly that number', async () => {
		const result = await run(sandbox, { items: [{}], parameters: getMany({ filters: { phoneNumber: '90000 00007' } }) });
		expect(result.success.map((i) => i.json.id)).toEqual([demoContactId(7)]);
		expect(requestsTo(sandbox, 'GET')).toHaveLength(5);
	});

	test('name, any case, a part of it; with Limit the first matches and no page after the last one needed', async () => {
		const first = demoContact(0).firstName;
		const all = await run(sandbox, { items: [{}], parameters: getMany({ filters: { name: first.toUpperCase() } }) });
		const expected = Array.from({ length: 250 }, (_, n) => n).filter((n) => `${demoContact(n).firstName} ${demoContact(n).lastName}`.toLowerCase().includes(first.toLowerCase()));
		expect(all.success.map((i) => i.json.id)).toEqual(expected.map(demoContactId));
		sandbox.clearLog();
		const two = await run(sandbox, { items: [{}], parameters: getMany({ returnAll: false, limit: 2, filters: { name: first.toLowerCase() } }) });
		expect(two.success.map((i) => i.json.id)).toEqual(expected.slice(0, 2).map(demoContactId));
		expect(requestsTo(sandbox, 'GET')).toHaveLength(Math.floor(expected[1] / 50) + 1);
	});

	test('status: deleted contacts left out by default even where Kore lists them; inactive; any', async () => {
		sandbox.configure({ listInactive: true });
		await run(sandbox, { items: [{ id: demoContactId(3) }, { id: demoContactId(4) }], parameters: params('bulkDelete') });
		const active = await run(sandbox, { items: [{}], parameters: getMany({}) });
		expect(active.success).toHaveLength(248);
		const inactive = await run(sandbox, { items: [{}], parameters: getMany({ filters: { status: 'inactive' } }) });
		expect(inactive.success.map((i) => i.json.id)).toEqual([demoContactId(3), demoContactId(4)]);
		const any = await run(sandbox, { items: [{}], parameters: getMany({ filters: { status: 'any' } }) });
		expect(any.success).toHaveLength(250);
	});

	test("updated since: at or after, a time without a zone read in the workflow's time zone", async () => {
		await new Promise((resolve) => setTimeout(resolve, 20));
		const since = new Date();
		await run(sandbox, { items: [contactItem(11), contactItem(12)], parameters: params('bulkUpdate') });
		const utc = await run(sandbox, { items: [{}], parameters: getMany({ filters: { updatedSince: since.toISOString() } }) });
		expect(utc.success.map((i) => i.json.id)).toEqual([demoContactId(11), demoContactId(12)]);
		// The same instant written as Kolkata's wall-clock time, without a zone (UTC+05:30).
		const wall = new Date(since.getTime() + 330 * 60_000).toISOString().slice(0, 23);
		const local = await run(sandbox, { items: [{}], timezone: 'Asia/Kolkata', parameters: getMany({ filters: { updatedSince: wall } }) });
		expect(local.success.map((i) => i.json.id)).toEqual([demoContactId(11), demoContactId(12)]);
	});

	test('a filter that cannot be one is named, and nothing is read', async () => {
		const phone = await run(sandbox, { items: [{}], parameters: getMany({ filters: { phoneNumber: 'call me' } }) });
		expect(phone.error?.message).toContain('The Phone Number filter "call me" is not a phone number');
		const date = await run(sandbox, { items: [{}], parameters: getMany({ filters: { updatedSince: 'last tuesday' } }) });
		expect(date.error?.message).toBe('The Updated Since filter "last tuesday" is not a date and time');
		expect(requestsTo(sandbox, 'GET')).toHaveLength(0);
	});
});

test('a workflow saved with the resource parameter (Contact) runs the same as one saved without it', async () => {
	const without = await run(sandbox, { items: [contactItem(1)], parameters: params('bulkUpdate') });
	const withResource = await run(sandbox, { items: [contactItem(2)], parameters: params('bulkUpdate', { resource: 'contact' }) });
	expect([without.success.length, withResource.success.length]).toEqual([1, 1]);
});

test('no secret or token in any output, error or log line of this file', () => expectNoSecretsLeaked(sandbox, ['a-wrong-secret-value']));
