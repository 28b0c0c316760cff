// Bulk Update in n8n's real engine while the sandbox misbehaves: throttling, 5xx, resets, timeouts,
// partial answers, whole-batch refusals, wrong credentials.
import { demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { bulkRequests, contactItem, expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 50, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

// Kore's minute shortened to one second: backoff, throttle waits and pacing scale with it.
const fast = { rateLimitWindowSeconds: 1 };
const items = (count: number, from = 0) => Array.from({ length: count }, (_, i) => contactItem(from + i));
const statuses = () => bulkRequests(sandbox).map((r) => r.status);

test('429 with Retry-After: waits what Kore asks, then succeeds', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'throttle', retryAfterSeconds: 1 }] });
	const result = await run(sandbox, { items: items(3), parameters: fast });
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2]);
	expect(result.failed).toEqual([]);
	expect(statuses()).toEqual([429, 200]);
	const [first, second] = bulkRequests(sandbox);
	expect(Date.parse(second.at) - Date.parse(first.at)).toBeGreaterThanOrEqual(1000);
	expect(sandbox.store.get(demoContactId(2))?.lastName).toBe('updated-2');
});

test("Kore's rate-limit message without Retry-After, under another status: waits at the slowest pace", async () => {
	// The first request throttled: none of this execution's own requests are in Kore's window to tell
	// when room frees, so it waits as at a 16th of Requests Per Minute (16 of Kore's seconds).
	sandbox.setFaults({ schedule: [{ kind: 'throttle', status: 400 }] });
	const result = await run(sandbox, { items: items(2), parameters: fast });
	expect(pairedIndexes(result.success)).toEqual([0, 1]);
	expect(statuses()).toEqual([400, 200]);
	const [first, second] = bulkRequests(sandbox);
	expect(Date.parse(second.at) - Date.parse(first.at)).toBeGreaterThanOrEqual((16 / 60) * 1000);
});

test("the sandbox's own rate limit: the node's pacing keeps under it", async () => {
	sandbox.configure({ rateLimit: { requestsPerWindow: 5, windowMs: 1000 } });
	try {
		const result = await run(sandbox, { items: items(12), parameters: { ...fast, options: { batchSize: 1, requestsPerMinute: 5 } } });
		expect(pairedIndexes(result.success)).toEqual(items(12).map((_, i) => i));
		expect(statuses().every((s) => s === 200)).toBe(true);
		expect(result.durationMs).toBeGreaterThan(2000); // 12 requests at 5 per second
	} finally {
		sandbox.configure({ rateLimit: { requestsPerWindow: 0 } });
	}
});

test('a burst of 503s is retried with backoff until it passes', async () => {
	const unavailable = { kind: 'status', status: 503 } as const;
	sandbox.setFaults({ schedule: [unavailable, unavailable, unavailable] });
	const result = await run(sandbox, { items: items(4), parameters: fast });
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3]);
	expect(statuses()).toEqual([503, 503, 503, 200]);
});

test('503s past Max Retries: every item of the batch on Failed, stage request, not applied', async () => {
	sandbox.setFaults({ random: [{ fault: { kind: 'status', status: 503 }, probability: 1 }] });
	const result = await run(sandbox, { items: items(3), parameters: { ...fast, options: { maxRetries: 2 } } });
	expect(result.success).toEqual([]);
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2]);
	expect(result.failed[0].json).toMatchObject({
		id: demoContactId(0),
		stage: 'request',
		code: 'REQUEST_FAILED',
		httpStatus: 503,
		reason: 'Kore.ai answered HTTP 503 (Service Unavailable), on all 3 tries. The record was not updated.',
	});
	expect(statuses()).toEqual([503, 503, 503]);
});

test('refused for longer than its throttle budget (another system holds the account): the run stops sending, every item on Failed in words that name the rate limit', async () => {
	// Kore's message without Retry-After on every request; at Max Retries 0 the budget is 10 waits.
	// Without a budget for the run, each of the 4 batches would wait it out (at Kore's minute, about
	// 9 minutes each).
	sandbox.setFaults({ random: [{ fault: { kind: 'throttle' }, probability: 1 }] });
	const result = await run(sandbox, { items: items(4), parameters: { rateLimitWindowSeconds: 0.1, options: { maxRetries: 0, parallelRequests: 1, batchSize: 1 } } });
	expect(result.error).toBeUndefined();
	expect(result.success).toEqual([]);
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2, 3]);
	expect(result.failed[0].json).toMatchObject({ id: demoContactId(0), stage: 'request', httpStatus: 429, code: 'REQUEST_FAILED' });
	expect(String(result.failed[0].json.reason)).toContain('Kore.ai kept answering with its rate limit after 11 waits');
	expect(String(result.failed[0].json.reason)).toContain('run this one again later or lower Requests Per Minute');
	for (const item of result.failed.slice(1)) {
		expect(item.json).toMatchObject({ stage: 'request', code: 'REQUEST_FAILED' });
		expect(String(item.json.reason)).toContain("Not sent: Kore.ai answered this run's last 11 requests with its rate limit");
	}
	expect(statuses()).toEqual(Array(11).fill(429));
	expect(sandbox.store.get(demoContactId(0))?.lastName).not.toBe('updated-0');
});

test('refusals with a request taken in between do not add up to the budget', async () => {
	const refused = { kind: 'throttle' } as const;
	sandbox.setFaults({ schedule: [...Array(8).fill(refused), null, ...Array(8).fill(refused)] });
	const result = await run(sandbox, { items: items(3), parameters: { rateLimitWindowSeconds: 0.1, options: { maxRetries: 0, parallelRequests: 1, batchSize: 1 } } });
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2]);
	expect(result.failed).toEqual([]);
	expect(statuses().filter((s) => s === 429)).toHaveLength(16);
});

test('a reset connection is retried', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'reset' }] });
	const result = await run(sandbox, { items: items(2), parameters: fast });
	expect(pairedIndexes(result.success)).toEqual([0, 1]);
	expect(bulkRequests(sandbox).map((r) => r.fault ?? 'none')).toEqual(['reset', 'none']);
});

test('a timeout is retried; when every try times out the outcome is reported unknown', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'delay', ms: 1500 }] });
	const retried = await run(sandbox, { items: items(1), parameters: { ...fast, options: { timeout: 1 } } });
	expect(pairedIndexes(retried.success)).toEqual([0]);

	sandbox.reset();
	sandbox.setFaults({ random: [{ fault: { kind: 'delay', ms: 1500 }, probability: 1 }] });
	const result = await run(sandbox, { items: items(1, 5), parameters: { ...fast, options: { timeout: 1, maxRetries: 1 } } });
	expect(result.failed[0].json).toMatchObject({ id: demoContactId(5), stage: 'request', code: 'OUTCOME_UNKNOWN' });
	expect(result.failed[0].json.reason).toBe(
		'Kore.ai did not answer within the Request Timeout, on all 2 tries. Kore.ai may or may not have applied this update; sending it again is safe.',
	);
	expect(bulkRequests(sandbox).every((r) => r.applied)).toBe(true);
});

test('a 200 that leaves a record out: that record is Failed as not acknowledged', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'omitRecords', count: 1 }] });
	const result = await run(sandbox, { items: items(3), parameters: fast });
	expectEveryItemOnce(result, 3);
	expect(pairedIndexes(result.success)).toEqual([0, 1]);
	expect(result.failed[0].json).toMatchObject({ id: demoContactId(2), stage: 'api', code: 'NOT_ACKNOWLEDGED' });
	expect(result.failed[0].json.reason).toContain('did not mention this record');
});

test('a malformed answer is retried (the update is idempotent)', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'malformedJson' }] });
	const result = await run(sandbox, { items: items(2), parameters: fast });
	expect(pairedIndexes(result.success)).toEqual([0, 1]);
	expect(statuses()).toEqual([200, 200]);
});

test('a whole-batch 412 with one bad record: split until only that record fails', async () => {
	sandbox.configure({ rejectInvalidBatches: true });
	try {
		// The node cannot know this id does not exist; this sandbox then refuses the whole request.
		const input = items(8).map((item, i) => (i === 5 ? { ...item, id: '6964af60ffffffffffffffff' } : item));
		const result = await run(sandbox, { items: input, parameters: fast });
		expectEveryItemOnce(result, 8);
		expect(pairedIndexes(result.failed)).toEqual([5]);
		expect(result.failed[0].json).toMatchObject({ id: '6964af60ffffffffffffffff', stage: 'api', httpStatus: 412, code: 412 });
		expect(result.failed[0].json.reason).toBe(
			'Kore.ai has no active contact with this id: the id is wrong, or the contact was deleted. Kore.ai said: "Validation errors/ Invalid arguments: Contact not found"',
		);
		const sizes = bulkRequests(sandbox).map((r) => [(r.body as unknown[]).length, r.status]);
		// 8 refused -> [0-3] ok, [4-7] refused -> [4,5] refused -> [4] ok, [5] refused; then [6,7] ok
		expect(sizes).toEqual([[8, 412], [4, 200], [4, 412], [2, 412], [1, 200], [1, 412], [2, 200]]);
		expect(sandbox.store.get(demoContactId(7))?.lastName).toBe('updated-7');
	} finally {
		sandbox.configure({ rejectInvalidBatches: false });
	}
});

test('413 for a batch too large: split, and the size searched between the largest accepted and the smallest refused', async () => {
	sandbox.configure({ maxRecordsPerRequest: 3 });
	try {
		// one request at a time, so the exact sequence shows the search: 5 refused, 3 passes, 4 refused, then 3
		const result = await run(sandbox, { items: items(10), parameters: { ...fast, options: { batchSize: 5, parallelRequests: 1 } } });
		expect(pairedIndexes(result.success)).toEqual(items(10).map((_, i) => i));
		const sizes = bulkRequests(sandbox).map((r) => [(r.body as unknown[]).length, r.status]);
		expect(sizes).toEqual([[5, 413], [3, 200], [2, 200], [4, 413], [3, 200], [1, 200], [1, 200]]);
	} finally {
		sandbox.configure({ maxRecordsPerRequest: 1000 });
	}
});

test('parallel requests with slow answers: repeated ids are still applied in input order', async () => {
	// 40 items over 8 contacts, batches of 3, 4 requests in flight, answers delayed at random
	const input = Array.from({ length: 40 }, (_, i) => contactItem(i % 8, { lastName: `version-${i}` }));
	sandbox.setFaults({ seed: 3, random: [{ fault: { kind: 'delay', ms: 60 }, probability: 0.5 }] });
	const result = await run(sandbox, { items: input, parameters: { ...fast, options: { batchSize: 3, parallelRequests: 4, timeout: 5 } } });
	expect(pairedIndexes(result.success)).toEqual(input.map((_, i) => i));
	for (let n = 0; n < 8; n++) expect(sandbox.store.get(demoContactId(n))?.lastName).toBe(`version-${32 + n}`);
	const starts = bulkRequests(sandbox).map((r) => Date.parse(r.at));
	expect(starts.length).toBeGreaterThanOrEqual(14);
});

test('a wrong secret with parallel requests stops the node once, sending nothing more', async () => {
	const result = await run(sandbox, {
		items: items(30),
		credentials: { ...sandbox.credentials(), clientSecret: 'a-wrong-secret-value' },
		parameters: { ...fast, options: { batchSize: 5, parallelRequests: 3 } },
	});
	expect(result.error?.message).toBe('Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials"');
	expect(statuses().length).toBeLessThanOrEqual(3);
});

test('a wrong secret stops the node with an error that names the fix', async () => {
	const result = await run(sandbox, { items: items(2), credentials: { ...sandbox.credentials(), clientSecret: 'a-wrong-secret-value' } });
	expect(result.error).toMatchObject({ name: 'NodeApiError', message: 'Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials"', httpCode: '401' });
	expect(result.error?.description).toContain('Check the Client ID and Client Secret');
	expect(result.success).toEqual([]);
	expect(statuses()).toEqual([401]);
});

test('a wrong secret with Continue On Fail: every item on Failed with the fix', async () => {
	const result = await run(sandbox, {
		items: [...items(2), { id: 'bad id' }],
		credentials: { ...sandbox.credentials(), clientSecret: 'a-wrong-secret-value' },
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2]);
	expect(result.failed[0].json).toMatchObject({ stage: 'request', httpStatus: 401, code: 401 });
	expect(result.failed[0].json.reason).toContain('Kore.ai refused the credentials');
	expect(result.failed[2].json.stage).toBe('validation');
	expect(statuses()).toEqual([401]);
});

test('a missing Configuration scope is named as such', async () => {
	sandbox.configure({ configurationScope: false });
	try {
		const result = await run(sandbox, { items: items(1) });
		expect(result.error?.message).toBe('The Kore.ai app is missing the "Configuration" scope: Kore.ai said "Permission denied. Scope is incorrect!"');
	} finally {
		sandbox.configure({ configurationScope: true });
	}
});

// Kore documents code 4002 beside its scope message and no status or code for a wrong secret.
test.each([
	[401, 4002],
	[403, 403],
	[403, 4002],
])('a wrong secret answered %i with code %i reads as a wrong secret, never as a missing scope', async (status, code) => {
	sandbox.configure({ wrongSecretAnswer: { status, code } });
	try {
		const result = await run(sandbox, { items: items(1), credentials: { ...sandbox.credentials(), clientSecret: 'a-wrong-secret-value' } });
		expect(result.error?.message).toBe('Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials"');
		expect(result.error?.message).not.toMatch(/scope/i);
	} finally {
		sandbox.configure({ wrongSecretAnswer: { status: 401, code: 401 } });
	}
});

test('a wrong bot id is named as such', async () => {
	const result = await run(sandbox, { items: items(1), credentials: { ...sandbox.credentials(), streamId: 'st-not/this?bot' } });
	expect(result.error?.message).toMatch(/^Kore\.ai did not find this bot on the host: Kore\.ai said "/);
	expect(sandbox.log()[0].path).toContain('st-not%2Fthis%3Fbot');
});

test('a credential value with a line break is refused before anything is sent', async () => {
	const credentials = { ...sandbox.credentials(), accountId: 'acc\r\nX-Injected: 1' };
	const stopped = await run(sandbox, { items: items(1), credentials });
	expect(stopped.error?.message).toBe('The Account ID of the Kore.ai credential contains a line break: paste the value alone');
	const continued = await run(sandbox, { items: items(2), credentials, continueOnFail: true });
	expect(pairedIndexes(continued.failed)).toEqual([0, 1]);
	expect(continued.failed[0].json).toMatchObject({ stage: 'request', code: 'CONFIGURATION' });
	expect(sandbox.log()).toEqual([]);
});

test('an empty host is named before anything is sent', async () => {
	const result = await run(sandbox, { items: items(1), credentials: { ...sandbox.credentials(), host: ' ' } });
	expect(result.error?.message).toContain('The Host of the Kore.ai credential is empty');
	expect(sandbox.log()).toEqual([]);
});

test('cancelling during a throttling wait ends the run without further requests', async () => {
	sandbox.setFaults({ random: [{ fault: { kind: 'throttle', retryAfterSeconds: 30 }, probability: 1 }] });
	const result = await run(sandbox, { items: items(2), parameters: fast, cancelAfterMs: 300 });
	expect(result.durationMs).toBeLessThan(3000);
	expect(statuses()).toEqual([429]);
});

test('no secret or token in any output, error or log line of this file', () => {
	expectNoSecretsLeaked(sandbox, ['a-wrong-secret-value']);
});
