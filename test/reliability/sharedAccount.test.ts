// k executions of the node at once, in n8n's engine, on one sandbox account limit (Kore's minute
// scaled to a second): each finds its share from Kore's answers, so together they stay near the
// limit with few throttled answers, and nothing is lost or sent twice.
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { contactItem, expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

const WINDOW_MS = 1000;
const LIMIT = 60;
const REQUESTS_EACH = 100;

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 4 * REQUESTS_EACH, rateLimit: { requestsPerWindow: 0 } });
});
afterAll(async () => sandbox.stop());

async function executions(k: number, retryAfter: boolean, requestsPerMinute?: number) {
	sandbox.reset();
	sandbox.configure({ rateLimit: { requestsPerWindow: LIMIT, windowMs: WINDOW_MS, sendRetryAfter: retryAfter } });
	// One record per request: 100 requests each, the length the issue asks for, at little cost; two
	// requests in flight at a time, as by default.
	const parameters = { rateLimitWindowSeconds: WINDOW_MS / 1000, options: { batchSize: 1, ...(requestsPerMinute ? { requestsPerMinute } : {}) } };
	const started = Date.now();
	const results = await Promise.all(
		Array.from({ length: k }, (_, e) =>
			run(sandbox, {
				items: Array.from({ length: REQUESTS_EACH }, (_, i) => contactItem(e * REQUESTS_EACH + i)),
				parameters,
			}),
		),
	);
	const elapsed = Date.now() - started;
	const log = sandbox.log();
	const throttled = log.filter((r) => r.status === 429).length;
	const records = k * REQUESTS_EACH;
	const share = records / (elapsed / WINDOW_MS) / LIMIT;
	console.log(
		`k=${k}, Retry-After ${retryAfter ? 'on' : 'off'}: ${log.length} requests, ${throttled} throttled (${((throttled / log.length) * 100).toFixed(1)}%), ` +
			`${(share * 100).toFixed(1)}% of the account's limit, each ${results.map((r) => r.durationMs).join(' / ')} ms`,
	);
	return { results, throttled, requests: log.length };
}

function expectNothingLost(k: number, results: Awaited<ReturnType<typeof run>>[]) {
	for (const result of results) {
		expectEveryItemOnce(result, REQUESTS_EACH);
		expect(pairedIndexes(result.success)).toHaveLength(REQUESTS_EACH);
	}
	expect(sandbox.store.active().filter((c) => c.lastName.startsWith('updated-'))).toHaveLength(k * REQUESTS_EACH);
	// each contact written once: a throttled request is never applied, an accepted one never sent again
	const applied = sandbox.log().filter((r) => r.applied);
	expect(applied).toHaveLength(k * REQUESTS_EACH);
}

test('one execution alone keeps to the limit and is never throttled', async () => {
	const { results, throttled } = await executions(1, false);
	expectNothingLost(1, results);
	expect(throttled).toBe(0);
});

test.each([
	[2, false],
	[2, true],
	[4, false],
	[4, true],
])('%i executions at once (Retry-After %s): few throttled answers, nothing lost or sent twice', async (k, retryAfter) => {
	const { results, throttled, requests } = await executions(k, retryAfter);
	expectNothingLost(k, results);
	// Each starts at the full limit, so each meets at least one throttle to learn its share, and its
	// looks for room cost one now and then while the others run; the figures per k are in
	// docs/BENCHMARKS.md. At a one-second window a loaded machine's late timers weigh sixty times more
	// than at Kore's minute. Ten runs on the 2-core workplace machine: k = 2 always 2.9-3.4%, k = 4
	// 7.8-12.5% (and 12.1% once in CI, over the 12% this bound was): the bound is above that spread,
	// so it fails on a pace that refuses half as much again, not on a busy machine.
	expect(throttled).toBeGreaterThanOrEqual(k - 1);
	expect(throttled / requests).toBeLessThanOrEqual(k === 2 ? 0.06 : 0.18);
});

// What the README advises for no refusals at all: each workflow set to its part of the limit.
test.each([2, 4])('%i executions each set to their part of the limit are never refused', async (k) => {
	const { results, throttled } = await executions(k, false, LIMIT / k);
	expectNothingLost(k, results);
	expect(throttled).toBe(0);
});

test('no secret or token in any output, error or log line of this file', () => {
	expectNoSecretsLeaked(sandbox);
});
