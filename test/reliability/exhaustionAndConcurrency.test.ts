// Ends that must come in time: retries running out and a cancelled execution. Executions sharing
// one account's limit: sharedAccount.test.ts.
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { bulkRequests, contactItem, expectEveryItemOnce, expectNoSecretsLeaked, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 400, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const WINDOW_SECONDS = 1;
const items = (count: number, from = 0) => Array.from({ length: count }, (_, i) => contactItem(from + i));

test('a Kore that fails every call: the node ends within its retry budget, every item Failed with the last error', async () => {
	sandbox.setFaults({ random: [{ fault: { kind: 'status', status: 502, message: 'Bad Gateway' }, probability: 1 }] });
	const maxRetries = 5;
	const result = await run(sandbox, {
		items: items(250),
		parameters: { rateLimitWindowSeconds: WINDOW_SECONDS, options: { maxRetries, batchSize: 100 } },
	});
	expectEveryItemOnce(result, 250);
	expect(result.success).toEqual([]);
	for (const item of result.failed) {
		expect(item.json).toMatchObject({ stage: 'request', httpStatus: 502, code: 'OUTCOME_UNKNOWN' });
		expect(item.json.reason).toBe(
			'Kore.ai answered HTTP 502 (Bad Gateway), on all 6 tries. Kore.ai may or may not have applied this update; sending it again is safe.',
		);
	}
	// 3 batches x (1 + 5 retries); backoff at most 1+2+4+8+16 units of window/60 per batch, plus pacing
	expect(bulkRequests(sandbox)).toHaveLength(3 * (maxRetries + 1));
	const unit = (WINDOW_SECONDS * 1000) / 60;
	const budgetMs = 3 * (31 * unit + (maxRetries + 1) * unit * 1.1) + 2000;
	console.log(`retry exhaustion: ${result.durationMs} ms, budget ${Math.round(budgetMs)} ms`);
	expect(result.durationMs).toBeLessThan(budgetMs);
});

test('cancelling during a long throttling wait ends the execution promptly, with no request after it', async () => {
	sandbox.setFaults({ random: [{ fault: { kind: 'throttle', retryAfterSeconds: 60 }, probability: 1 }] });
	const cancelAfterMs = 500;
	const result = await run(sandbox, { items: items(3), parameters: { rateLimitWindowSeconds: 60 }, cancelAfterMs });
	const latency = result.durationMs - cancelAfterMs;
	console.log(`cancellation: ended ${latency} ms after the cancel, during a 60 s Retry-After wait`);
	expect(latency).toBeLessThan(1000);
	expect(bulkRequests(sandbox)).toHaveLength(1);
});

test('no secret or token in any output, error or log line of this file', () => {
	expectNoSecretsLeaked(sandbox);
});
