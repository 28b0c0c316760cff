// A run that Kore stops accepting part of the way through (the JWT app's secret rotated in Kore.ai,
// the app unpublished): what Kore applied stays on Success, the rest goes to Failed with the cause,
// the execution ends without an error and says so above the output. Before anything was applied
// the node stops, as it always did.
import { demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { contactItem, expectEveryItemOnce, expectNoSecretsLeaked, holders, newContactItem, pairedIndexes, requestsTo, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 50, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

// Five batches of two, one at a time, so "after two batches" is exact.
const FIVE_BATCHES = { rateLimitWindowSeconds: 1, options: { batchSize: 2, parallelRequests: 1 } };
const rotatedAfterTwo = () => sandbox.setFaults({ schedule: [null, null, { kind: 'rotateSecret' }] });

test('Bulk Update: secret rotated after 2 of 5 batches: 4 applied on Success, 6 on Failed with the fix, no error, a hint', async () => {
	rotatedAfterTwo();
	const items = Array.from({ length: 10 }, (_, n) => contactItem(n, { lastName: `rotated-${n}` }));
	const result = await run(sandbox, { items, parameters: FIVE_BATCHES });
	expect(result.error).toBeUndefined();
	expectEveryItemOnce(result, 10);
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3]);
	for (const failed of result.failed) {
		expect(failed.json).toMatchObject({ stage: 'request', httpStatus: 401 });
		expect(failed.json.reason).toBe('Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials". Check the Client ID and Client Secret of the JWT app in the Kore.ai API credential (App Settings > Dev Tools).');
	}
	const lastNames = Array.from({ length: 10 }, (_, n) => sandbox.store.get(demoContactId(n))?.lastName);
	expect(lastNames.map((name) => name?.startsWith('rotated-'))).toEqual([true, true, true, true, false, false, false, false, false, false]);
	// The refused batch is the last request: nothing more is sent with credentials Kore refuses.
	expect(sandbox.log().map((r) => r.status)).toEqual([200, 200, 401]);
	const messages = result.hints.map((h) => h.message);
	expect(messages).toContainEqual(expect.stringMatching(/^Kore\.ai refused the credentials: Kore\.ai said "Invalid SDK credentials", after it had applied part of this run\. What Kore\.ai applied is on Success; the rest is on Failed, not sent\./));
	expect(messages).toContainEqual(expect.stringMatching(/^6 of 10 records on the Failed output .*6 × 401/));
});

test('Create: secret rotated after 2 of 5 batches: the 4 created on Success with their new ids; a re-run after the fix creates nothing twice', async () => {
	const { clientSecret } = sandbox.credentials();
	rotatedAfterTwo();
	const items = Array.from({ length: 10 }, (_, n) => newContactItem(n));
	const parameters = { ...FIVE_BATCHES, operation: 'create' };
	const first = await run(sandbox, { items, parameters, credentials: { ...sandbox.credentials(), clientSecret } });
	expect(first.error).toBeUndefined();
	expect(pairedIndexes(first.success)).toEqual([0, 1, 2, 3]);
	first.success.forEach((item, n) => expect(item.json.id).toBe(holders(sandbox, items[n].phoneNumber)[0]._id));
	expect(pairedIndexes(first.failed)).toEqual([4, 5, 6, 7, 8, 9]);
	expect(items.slice(4).every((item) => holders(sandbox, item.phoneNumber).length === 0)).toBe(true);

	// The secret fixed (Kore has the new one, the credential too): the same rows again.
	const rotated = sandbox.credentials().clientSecret;
	const second = await run(sandbox, { items, parameters, credentials: { ...sandbox.credentials(), clientSecret: rotated } });
	expect(second.error).toBeUndefined();
	expect(pairedIndexes(second.success)).toEqual([4, 5, 6, 7, 8, 9]);
	for (const failed of second.failed) {
		expect(failed.json).toMatchObject({ stage: 'api', httpStatus: 409 });
		expect(failed.json.reason).toContain('already has this phone number');
	}
	expect(pairedIndexes(second.failed)).toEqual([0, 1, 2, 3]);
	expect(items.map((item) => holders(sandbox, item.phoneNumber).length)).toEqual(Array(10).fill(1));
});

test('refused before anything was applied: the node stops, as before, and nothing more is sent', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'rotateSecret' }] });
	const items = Array.from({ length: 6 }, (_, n) => contactItem(n));
	const result = await run(sandbox, { items, parameters: FIVE_BATCHES });
	expect(result.error?.message).toBe('Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials"');
	expect(requestsTo(sandbox, 'PUT', '/bulk-update').map((r) => r.status)).toEqual([401]);
});

test('Create or Update: updates applied, then refused before the creates: updates on Success, creates on Failed, no error', async () => {
	// one page read, one bulk update, then the create is refused
	sandbox.setFaults({ schedule: [null, null, { kind: 'rotateSecret' }] });
	const items = [contactItem(1, { lastName: 'upsert-1' }), newContactItem(1)];
	const result = await run(sandbox, { items, parameters: { operation: 'upsert', rateLimitWindowSeconds: 1, columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['phoneNumber'], schema: [] } } });
	expect(result.error).toBeUndefined();
	expect(pairedIndexes(result.success)).toEqual([0]);
	expect(result.success[0].json).toMatchObject({ action: 'updated', lastName: 'upsert-1' });
	expect(result.failed[0].json).toMatchObject({ stage: 'request', httpStatus: 401 });
	expect(holders(sandbox, newContactItem(1).phoneNumber)).toEqual([]);
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
