// Get Many from node version 1.1: each input item's filters, one read of the list for all of them,
// each contact paired with the item it answers. Version 1 (saved workflows) runs once, on item 0.
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { expectNoSecretsLeaked, pairedIndexes, requestsTo, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 3000, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const byPhone = { phoneNumber: '={{ $json.phone }}' };
const params = (extra: Record<string, unknown> = {}) => ({ operation: 'getAll', rateLimitWindowSeconds: 1, filters: byPhone, options: { pageSize: 1000 }, ...extra });
/** CRM rows, each with a contact's phone number written as a person would: +91 98..., or 91... without +. */
const rows = (numbers: number[]) => numbers.map((n, i) => ({ phone: i % 2 === 0 ? `+91 ${demoContact(n).cellPhone.phoneNumber}` : `91${demoContact(n).cellPhone.phoneNumber}` }));

test('50 CRM rows by phone: each its own contact, paired with its row, from one read of the list', async () => {
	const numbers = Array.from({ length: 50 }, (_, i) => 2900 - i * 37);
	const result = await run(sandbox, { items: rows(numbers), parameters: params(), typeVersion: 1.1 });
	expect(result.error).toBeUndefined();
	expect(pairedIndexes(result.success)).toEqual(numbers.map((_, i) => i));
	expect(result.success.map((item) => item.json.id)).toEqual(numbers.map(demoContactId));
	// The list read once, stopping after the page holding the last contact wanted (2900 of 3000).
	expect(requestsTo(sandbox, 'GET', '').map((r) => r.query.skip)).toEqual(['0', '1000', '2000']);
});

test('the default Page Size: 50 rows against 450 contacts in one request; a Limit with no filter reads only what it needs', async () => {
	sandbox.seed(450);
	const numbers = Array.from({ length: 50 }, (_, i) => 449 - i * 9);
	const perRow = await run(sandbox, { items: rows(numbers), parameters: { operation: 'getAll', rateLimitWindowSeconds: 1, filters: byPhone }, typeVersion: 1.1 });
	expect(perRow.success.map((item) => item.json.id)).toEqual(numbers.map(demoContactId));
	expect(requestsTo(sandbox, 'GET', '').map((r) => r.query)).toEqual([{ skip: '0', limit: '1000' }]);
	sandbox.clearLog();
	const few = await run(sandbox, { items: [{}], parameters: { operation: 'getAll', rateLimitWindowSeconds: 1, returnAll: false, limit: 30 }, typeVersion: 1.1 });
	expect(few.success).toHaveLength(30);
	expect(requestsTo(sandbox, 'GET', '').map((r) => r.query)).toEqual([{ skip: '0', limit: '30' }]);
});

test('a row that matches nothing comes out as found: false with its filters; off, it gives nothing; a hint counts them', async () => {
	const items = [...rows([5]), { phone: '+91 7000000001' }, ...rows([6])];
	const on = await run(sandbox, { items, parameters: params(), typeVersion: 1.1 });
	expect(pairedIndexes(on.success)).toEqual([0, 1, 2]);
	expect(on.success[1].json).toEqual({ found: false, message: "No Kore.ai contact matches this item's filters", filters: { phoneNumber: '+91 7000000001' } });
	expect(on.hints.map((h) => h.message)).toContain('1 of 3 input items matched no Kore.ai contact: each comes out as one item with found: false.');
	const off = await run(sandbox, { items, parameters: params({ options: { pageSize: 1000, includeNotFound: false } }), typeVersion: 1.1 });
	expect(pairedIndexes(off.success)).toEqual([0, 2]);
});

test('Limit is per item; a contact two items match comes out for each; the Contact ID filter', async () => {
	const items = [{ name: 'a' }, { name: 'a' }, { id: demoContactId(42) }];
	const filters = { name: '={{ $json.name }}', id: '={{ $json.id }}' };
	const result = await run(sandbox, { items, parameters: params({ filters, limit: 3 }), typeVersion: 1.1 });
	const paired = pairedIndexes(result.success);
	expect(paired).toEqual([0, 0, 0, 1, 1, 1, 2]);
	expect(result.success.slice(0, 3).map((i) => i.json.id)).toEqual(result.success.slice(3, 6).map((i) => i.json.id));
	expect(result.success[6].json.id).toBe(demoContactId(42));
});

test('a filter that is not a phone number: the node stops naming the item; with Continue On Fail, that item alone gets the error', async () => {
	const items = [...rows([1]), { phone: 'call me' }];
	const stopped = await run(sandbox, { items, parameters: params(), typeVersion: 1.1 });
	expect(stopped.error?.message).toContain('The Phone Number filter "call me" is not a phone number');
	const going = await run(sandbox, { items, parameters: params(), typeVersion: 1.1, continueOnFail: true });
	expect(pairedIndexes(going.success)).toEqual([0, 1]);
	expect(going.success[0].json.id).toBe(demoContactId(1));
	expect(going.success[1].json.error).toContain('is not a phone number');
});

test('version 1, as saved workflows have it: once, with the first item\'s filters', async () => {
	const result = await run(sandbox, { items: rows([3, 4, 5]), parameters: params() });
	expect(pairedIndexes(result.success)).toEqual([0]);
	expect(result.success[0].json.id).toBe(demoContactId(3));
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
