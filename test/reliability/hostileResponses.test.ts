// Answers no well-behaved Kore would give: not JSON, the wrong shape, huge, about other records,
// contradicting itself. No crash, no item on two outputs, a clear reason.
import { demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { contactItem, expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 10, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const fast = { rateLimitWindowSeconds: 1, options: { maxRetries: 1 } };
const items = [contactItem(0), contactItem(1), contactItem(2)];
const always = (status: number, body: unknown) => ({
	random: [{ fault: { kind: 'rawResponse' as const, status, body: typeof body === 'string' ? body : JSON.stringify(body) }, probability: 1 }],
});

test('an HTML page instead of JSON: every record Failed, outcome unknown', async () => {
	sandbox.setFaults(always(200, '<html><body>Gateway</body></html>'));
	const result = await run(sandbox, { items, parameters: fast });
	expectEveryItemOnce(result, 3);
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2]);
	expect(result.failed[0].json).toMatchObject({ stage: 'request', code: 'OUTCOME_UNKNOWN' });
	expect(result.failed[0].json.reason).toContain("Kore.ai's answer could not be read (HTTP 200)");
});

test('JSON of the wrong shape is not taken for success', async () => {
	sandbox.setFaults(always(200, { ok: true, data: [1, 2, 3] }));
	const result = await run(sandbox, { items, parameters: fast });
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2]);
	expect(result.success).toEqual([]);
});

test('a huge body of records never sent: all Failed as not acknowledged', async () => {
	const junk = Array.from({ length: 50_000 }, (_, i) => ({ id: `other-${i}`, contact: { _id: `other-${i}`, note: 'x'.repeat(50) } }));
	sandbox.setFaults(always(200, { successfulRecords: junk, failedRecords: junk }));
	const result = await run(sandbox, { items, parameters: fast });
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2]);
	expect(result.failed.map((f) => f.json.code)).toEqual(['NOT_ACKNOWLEDGED', 'NOT_ACKNOWLEDGED', 'NOT_ACKNOWLEDGED']);
});

test('an id in both lists, and one listed twice as a success', async () => {
	sandbox.setFaults(
		always(200, {
			successfulRecords: [
				{ id: demoContactId(0), contact: { _id: demoContactId(0) } },
				{ id: demoContactId(1), contact: { _id: demoContactId(1) } },
				{ id: demoContactId(1), contact: { _id: demoContactId(1) } },
			],
			failedRecords: [{ id: demoContactId(0), error: 'boom' }, null, 42, 'text'],
		}),
	);
	const result = await run(sandbox, { items, parameters: fast });
	expectEveryItemOnce(result, 3);
	expect(pairedIndexes(result.success)).toEqual([1]);
	expect(pairedIndexes(result.failed)).toEqual([0, 2]);
	expect(result.failed[0].json.reason).toContain('both updated and failed');
	expect(result.failed[1].json.code).toBe('NOT_ACKNOWLEDGED');
});

test('an error status with a body that is not Kore\'s envelope still gives a reason', async () => {
	sandbox.setFaults(always(409, 'Conflict, try later'));
	const result = await run(sandbox, { items, parameters: fast });
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2]);
	expect(result.failed[0].json).toMatchObject({ stage: 'request', httpStatus: 409 });
	expect(result.failed[0].json.reason).toBe('Kore.ai refused the request (HTTP 409): Conflict, try later');
});

test('no secret or token in any output, error or log line of this file', () => {
	expectNoSecretsLeaked(sandbox);
});
