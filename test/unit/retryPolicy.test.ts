import {
	backoffDelay,
	classifyCall,
	parseRetryAfter,
	throttleBudget,
} from '../../nodes/KoreAiContacts/transport/retryPolicy';
import { koreMessage } from '../../nodes/KoreAiContacts/helpers/koreAnswers';

const NOW = Date.UTC(2026, 0, 1);
const RATE_MESSAGE = "You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";
const response = (status: number, body: unknown, headers: Record<string, unknown> = {}) =>
	({ kind: 'response', status, body, headers }) as const;
const settings = (random = 0.5) => ({ maxRetries: 5, windowMs: 60_000, random: () => random });

describe('classifyCall', () => {
	test('a bulk response is ok, also when it came as text', () => {
		expect(classifyCall(response(200, { successfulRecords: [], failedRecords: [] }), NOW).kind).toBe('ok');
		expect(classifyCall(response(200, '{"successfulRecords":[]}'), NOW).kind).toBe('ok');
	});

	test('an unreadable 200 is transient with an unknown outcome', () => {
		expect(classifyCall(response(200, '{"totalRequested": 1, "succ'), NOW)).toMatchObject({ kind: 'transient', outcomeUnknown: true });
	});

	test('429 with Retry-After seconds', () => {
		expect(classifyCall(response(429, { errors: [{ msg: RATE_MESSAGE }] }, { 'retry-after': '7' }), NOW)).toMatchObject({
			kind: 'throttled',
			retryAfterMs: 7000,
			detail: RATE_MESSAGE,
		});
	});

	test("Kore's rate-limit message under another status is throttling too", () => {
		expect(classifyCall(response(400, { errors: [{ msg: RATE_MESSAGE, code: 429 }] }), NOW)).toMatchObject({ kind: 'throttled', retryAfterMs: undefined });
	});

	test.each([
		[401, 'configuration'],
		[403, 'configuration'],
		[404, 'configuration'],
		[400, 'rejectedBatch'],
		[412, 'rejectedBatch'],
		[413, 'rejectedBatch'],
		[409, 'failedBatch'],
		[500, 'transient'],
		[502, 'transient'],
		[503, 'transient'],
		[408, 'transient'],
	])('HTTP %i is %s', (status, kind) => {
		expect(classifyCall(response(status, { errors: [{ msg: 'x' }] }), NOW).kind).toBe(kind);
	});

	test('a 503 did not apply the update; a 500 may have', () => {
		expect(classifyCall(response(503, {}), NOW)).toMatchObject({ outcomeUnknown: false });
		expect(classifyCall(response(500, {}), NOW)).toMatchObject({ outcomeUnknown: true });
	});

	test('network failures are transient with an unknown outcome', () => {
		expect(classifyCall({ kind: 'network', code: 'ECONNRESET', message: 'socket hang up', timedOut: false }, NOW)).toMatchObject({
			kind: 'transient',
			outcomeUnknown: true,
			detail: 'Kore.ai closed the connection before answering (ECONNRESET)',
		});
		expect(classifyCall({ kind: 'network', code: 'ECONNABORTED', message: 'timed out', timedOut: true }, NOW)).toMatchObject({
			detail: 'Kore.ai did not answer within the Request Timeout',
		});
	});
});

describe('koreMessage', () => {
	test('from the envelope, from common keys, from text', () => {
		expect(koreMessage({ errors: [{ msg: 'a' }] })).toBe('a');
		expect(koreMessage({ message: 'b' })).toBe('b');
		expect(koreMessage('c'.repeat(400))).toHaveLength(300);
		expect(koreMessage(null)).toBe('');
	});
});

describe('parseRetryAfter', () => {
	test('seconds, fractions, HTTP dates, nonsense', () => {
		expect(parseRetryAfter('3', NOW)).toBe(3000);
		expect(parseRetryAfter('0.5', NOW)).toBe(500);
		expect(parseRetryAfter(new Date(NOW + 10_000).toUTCString(), NOW)).toBe(10_000);
		expect(parseRetryAfter('soon', NOW)).toBeUndefined();
		expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
	});
});

describe('waits', () => {
	test('backoff doubles from about a second and is capped at 30 s', () => {
		const s = settings(1);
		expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, s))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
		expect(backoffDelay(0, settings(0))).toBe(500);
	});

	test('backoff scales with the window (tests shorten it)', () => {
		expect(backoffDelay(2, { ...settings(1), windowMs: 6000 })).toBe(400);
	});

	test('throttling has a budget of its own, never below 10', () => {
		expect(throttleBudget(0)).toBe(10);
		expect(throttleBudget(5)).toBe(15);
	});
});
