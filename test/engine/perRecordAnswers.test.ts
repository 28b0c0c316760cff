// Kore leaves undocumented the status of a bulk answer in which every record failed, and its largest
// batch. Both readings cost what they should: one request for a listed answer, and later batches at
// the size a plain 400 revealed.
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { bulkRequests, contactItem, expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 1000, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ allFailedStatus: 200, oversizeStatus: 413, maxRecordsPerRequest: 1000 });
});
afterAll(async () => sandbox.stop());

const fast = { rateLimitWindowSeconds: 1 };

test.each([400, 412, 422])('every record failed, answered with HTTP %i and the list: one request, each with Kore\'s own reason', async (status) => {
	sandbox.configure({ allFailedStatus: status });
	const items = Array.from({ length: 100 }, (_, i) => contactItem(i, { id: `6964af60ffffffff${String(i).padStart(8, '0')}` }));
	const result = await run(sandbox, { items, parameters: fast });
	expect(result.success).toEqual([]);
	expect(pairedIndexes(result.failed)).toEqual(items.map((_, i) => i));
	expect(bulkRequests(sandbox).map((r) => r.status)).toEqual([status]);
	for (const { json } of result.failed) {
		expect(json).toMatchObject({ stage: 'api', code: 'CONTACT_NOT_FOUND', httpStatus: status });
		expect(json.reason).toBe('Kore.ai has no active contact with this id: the id is wrong, or the contact was deleted. Kore.ai said: "Contact not found"');
		expect(json.reason).not.toMatch(/HTTP \d+\): HTTP/);
	}
});

test.each([400, 413])('a 40-record limit answered with %i: the largest batch is learned, 1,000 records in at most 32 requests', async (status) => {
	sandbox.configure({ maxRecordsPerRequest: 40, oversizeStatus: status });
	const items = Array.from({ length: 1000 }, (_, i) => contactItem(i));
	const result = await run(sandbox, { items, parameters: { ...fast, options: { batchSize: 100 } } });
	expect(result.failed).toEqual([]);
	expect(pairedIndexes(result.success)).toEqual(items.map((_, i) => i));
	const requests = bulkRequests(sandbox);
	// every record applied once: refused requests applied nothing
	expect(requests.filter((r) => r.applied).reduce((sum, r) => sum + (r.recordCount ?? 0), 0)).toBe(1000);
	expect(requests.length).toBeLessThanOrEqual(32);
	// settled within an eighth of the limit, never above it
	const last = requests.slice(-10).map((r) => r.recordCount ?? 0);
	expect(Math.max(...last)).toBeLessThanOrEqual(40);
	expect(Math.max(...last)).toBeGreaterThanOrEqual(35);
	console.log(`40-record limit answered with ${status}: ${requests.length} requests for 1,000 records (${requests.filter((r) => r.status === status).length} refused), sizes ${requests.map((r) => r.recordCount).join(' ')}`);
});

test('a refused batch whose halves both fail is not taken as a size limit', async () => {
	sandbox.configure({ rejectInvalidBatches: true });
	const items = [...Array.from({ length: 8 }, (_, i) => contactItem(i)), contactItem(8, { id: '6964af60ffffffffffffffff' }), ...Array.from({ length: 7 }, (_, i) => contactItem(9 + i))];
	const result = await run(sandbox, { items, parameters: { ...fast, options: { batchSize: 8, parallelRequests: 1 } } });
	expect(pairedIndexes(result.failed)).toEqual([8]);
	// The second batch of 8 (a 412 for its one bad record) is split; the first was never refused.
	expect(bulkRequests(sandbox)[0].recordCount).toBe(8);
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
