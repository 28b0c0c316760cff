// The pace of one execution, on a made-up clock: spacing, what a refusal does to it, how it looks for
// room, and several paces on one simulated account (test/support/accountSimulation.ts) as executions
// start and end at different times.
import { SharedPace } from '../../nodes/KoreAiContacts/transport/sharedPace';
import { simulateAccount, type SimulationResult } from '../support/accountSimulation';

const MINUTE = 60_000;
const T0 = 1_000_000;
const pace = (requestsPerMinute = 60) => new SharedPace({ requestsPerMinute, windowMs: MINUTE });

/** Sends `count` requests back to back at the pace, each accepted; returns the send times. */
function sendAccepted(p: SharedPace, from: number, count: number, lateness: (i: number) => number = () => 0) {
	let now = from;
	const starts: number[] = [];
	for (let i = 0; i < count; i++) {
		now += p.reserve(now) + lateness(i);
		p.sent(now);
		starts.push(now);
		p.accepted(now, now + 20); // the request's own time
		now += 20;
	}
	return { starts, now };
}

/** The next request, sent when the pace says and refused 10 ms later; returns the wait the pace sets. */
function refusedNext(p: SharedPace, now: number, retryAfterMs?: number) {
	const at = now + p.reserve(now);
	p.sent(at);
	return { at, wait: p.throttled(at, at + 10, retryAfterMs) };
}

function mostInAnyWindow(starts: number[], windowMs = MINUTE) {
	return Math.max(...starts.map((s) => starts.filter((t) => t > s - windowMs && t <= s).length));
}

/** Accepted requests of one execution in the window that ends at `end`. */
const inWindow = (arrivals: number[], end: number) => arrivals.filter((t) => t > end - MINUTE && t <= end).length;

describe('spacing', () => {
	test('the first request goes at once, the next ones a 60th of the minute apart, with a small margin', () => {
		const p = pace();
		expect(p.reserve(T0)).toBe(0);
		expect(p.reserve(T0)).toBe(1005);
		expect(p.reserve(T0 + 400)).toBe(2 * 1005 - 400);
	});

	test('slots are taken before the wait, so requests sent side by side are spaced too', () => {
		const p = pace(120);
		expect([p.reserve(T0), p.reserve(T0), p.reserve(T0)]).toEqual([0, 503, 1005]);
	});

	test('no limit set: no pacing at all', () => {
		const p = pace(0);
		expect([p.reserve(T0), p.reserve(T0), p.reserve(T0)]).toEqual([0, 0, 0]);
	});

	test('a long run stays within the limit in every window, also when timers fire late now and then', () => {
		const { starts } = sendAccepted(pace(), T0, 300, (i) => (i % 7 === 0 ? 300 : 0));
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(60);
		expect(starts[299] - starts[0]).toBeLessThan(5.2 * MINUTE);
	});

	test('a request slow to reach Kore still counts: the request one limit later waits for its answer plus a window', () => {
		const p = pace();
		let now = T0;
		const answers: number[] = [];
		for (let i = 0; i < 61; i++) {
			now += p.reserve(now);
			expect(p.heldFor(now)).toBe(0);
			p.sent(now);
			const answered = now + (i === 0 ? 500 : 20);
			p.accepted(now, answered);
			answers.push(answered);
			now += 20;
		}
		expect(now - 20).toBeGreaterThanOrEqual(answers[0] + MINUTE);
	});
});

describe('a refusal', () => {
	test('the first one makes the share this execution had of the full window its rate', () => {
		const p = pace();
		const { now } = sendAccepted(p, T0, 15);
		refusedNext(p, now);
		expect(p.rate).toBe(15);
	});

	test('an execution that had nearly all of the window was alone until now: it gives half to the one that started', () => {
		const p = pace();
		const { now } = sendAccepted(p, T0, 58);
		refusedNext(p, now);
		expect(p.rate).toBe(29);
	});

	test('it waits until its own oldest request surely left the window, and so do the requests after it', () => {
		const p = pace();
		const { starts, now } = sendAccepted(p, T0, 15);
		const { at, wait } = refusedNext(p, now);
		expect(at + 10 + wait).toBe(starts[0] + 20 + MINUTE);
		expect(p.reserve(at + 10)).toBe(wait);
	});

	test('a Retry-After longer than that wait is kept', () => {
		const p = pace();
		const { now } = sendAccepted(p, T0, 10);
		expect(refusedNext(p, now, 90_000).wait).toBe(90_000);
	});

	test('with none of its own requests in the window, it waits the slowest pace, doubling up to a window while refused', () => {
		const p = pace();
		const waits: number[] = [];
		for (let i = 0; i < 5; i++) {
			const at = T0 + 70_000 * i;
			p.sent(at);
			waits.push(p.throttled(at, at + 10));
		}
		expect(waits).toEqual([16_000, 32_000, 60_000, 60_000, 60_000]);
		expect(p.rate).toBe(60 / 16);
		// an accepted answer starts the count again
		p.sent(T0 + 3_000_000);
		p.accepted(T0 + 3_000_000, T0 + 3_000_020);
		p.sent(T0 + 3_100_000);
		expect(p.throttled(T0 + 3_100_000, T0 + 3_100_010)).toBe(16_000);
	});

	test('a later one makes what it still holds its rate', () => {
		const p = pace();
		let { now } = sendAccepted(p, T0, 30);
		refusedNext(p, now);
		expect(p.rate).toBe(30);
		p.expect(0);
		({ now } = sendAccepted(p, now + MINUTE, 20));
		refusedNext(p, now);
		expect(p.rate).toBe(20);
	});
});

describe('looking for room', () => {
	/** A pace at a share of 20, refused once, with `left` requests still to send. */
	function atShare(left = 1000) {
		const p = pace();
		p.expect(left);
		const { now } = sendAccepted(p, T0, 20);
		const { at, wait } = refusedNext(p, now);
		expect(p.rate).toBe(20);
		return { p, now: at + 10 + wait };
	}

	test('below the limit, every 0.6 of a window it sends one request beyond its share, at the limit’s pace', () => {
		const { p, now } = atShare();
		const at = now + p.reserve(now);
		expect(at - now).toBe(0); // its own slot: a request of its share
		p.sent(at);
		p.accepted(at, at + 20);
		// the next slot of its share is 3 s on (20 a minute); the look goes at the limit's pace once it is due
		const looks: number[] = [];
		let t = at + 20;
		for (let i = 0; i < 30; i++) {
			const next = t + p.reserve(t);
			looks.push(next - t);
			p.sent(next);
			p.accepted(next, next + 20);
			t = next + 20;
		}
		expect(looks.some((gap) => gap <= 1_000)).toBe(true);
	});

	test('a refused look leaves the share as it is and waits before the next', () => {
		const { p, now } = atShare();
		let t = now;
		const lookAfterRefused: number[] = [];
		let refusedAt: number | undefined;
		for (let i = 0; i < 80; i++) {
			const at = t + p.reserve(t);
			const look = i > 0 && at - t < 2_000; // its share’s pace is 3 s: a request sooner is a look
			p.sent(at);
			if (look && refusedAt === undefined) {
				p.throttled(at, at + 10);
				refusedAt = at + 10;
				expect(p.rate).toBe(20);
			} else if (look) {
				lookAfterRefused.push(at);
				break;
			} else p.accepted(at, at + 20);
			t = at + 20;
		}
		expect(refusedAt).toBeDefined();
		expect(lookAfterRefused[0] - refusedAt!).toBeGreaterThanOrEqual(0.6 * MINUTE);
	});

	test('a look Kore takes: it takes all the room there is, and a whole window of it means the account is its own again', () => {
		const { p, now } = atShare();
		const { starts } = sendAccepted(p, now, 200);
		expect(p.rate).toBe(60);
		// 200 requests: the first at its share, then at the limit's pace once a look found room
		expect(starts[199] - starts[0]).toBeLessThan(4.5 * MINUTE);
	});

	test('near its end it does not look: the room could hardly be used, and the look may cost a refusal', () => {
		const { p, now } = atShare(4); // under a quarter of a window's work at its share of 20
		const { starts } = sendAccepted(p, now, 4);
		expect(Math.min(...starts.slice(1).map((s, i) => s - starts[i]))).toBeGreaterThanOrEqual(3_000);
		expect(p.rate).toBe(20);
	});
});

describe('executions on one simulated account (60 a minute, a sliding window, 2 requests in flight each)', () => {
	const run = (executions: Array<{ startsAt: number; requests: number }>, seed = 7): SimulationResult =>
		simulateAccount({ executions, windowMs: MINUTE, parallel: 2, seed });

	test('alone: at the limit, never refused', () => {
		const result = run([{ startsAt: 0, requests: 300 }]);
		expect(result.throttled).toBe(0);
		expect(result.shareOfCeiling).toBeGreaterThanOrEqual(0.98);
		expect(result.mostInAWindow).toBeLessThanOrEqual(60);
	});

	test('three of four executions end: the last one has the whole limit again within two windows', () => {
		const result = run([0, 0, 0, 0].map((startsAt, e) => ({ startsAt, requests: e === 3 ? 400 : 80 })));
		const othersEnd = Math.max(...result.durations.slice(0, 3));
		const alone = result.arrivals[3];
		expect(alone).toHaveLength(400);
		// from two windows after the others ended, a full window of its own
		expect(inWindow(alone, othersEnd + 3 * MINUTE)).toBeGreaterThanOrEqual(57);
		expect(result.mostInAWindow).toBeLessThanOrEqual(60);
	});

	test('a second execution starts while the first runs: within two windows they share the limit about evenly', () => {
		const result = run([
			{ startsAt: 0, requests: 500 },
			{ startsAt: 3 * MINUTE, requests: 500 },
		]);
		const check = 3 * MINUTE + 3 * MINUTE;
		const [first, second] = result.arrivals.map((a) => inWindow(a, check));
		expect(first + second).toBeGreaterThanOrEqual(56);
		expect(second).toBeGreaterThanOrEqual(20);
		expect(first).toBeGreaterThanOrEqual(20);
		// the first refusals of both, and the looks of the second while the first still ran
		expect(result.throttledShare).toBeLessThanOrEqual(0.08);
	});

	test('the first ends: the second has the whole limit again within two windows', () => {
		const result = run([
			{ startsAt: 0, requests: 300 },
			{ startsAt: 3 * MINUTE, requests: 600 },
		]);
		const firstEnds = result.durations[0];
		expect(inWindow(result.arrivals[1], firstEnds + 3 * MINUTE)).toBeGreaterThanOrEqual(57);
		expect(result.accepted).toBe(900);
	});

	test.each([
		[2, 0],
		[2, 5_000],
		[4, 0],
		[4, 5_000],
	])('the benchmark’s shapes, minute scaled to 6 s: k = %i executions of 100 requests started %i ms apart, nothing lost, never more than the limit in a window, most of it used', (k, apart) => {
		for (const seed of [3, 17, 101]) {
			const result = simulateAccount({
				executions: Array.from({ length: k }, (_, i) => ({ startsAt: i * apart, requests: 100 })),
				windowMs: 6_000,
				parallel: 2,
				seed,
			});
			expect(result.accepted).toBe(k * 100);
			expect(result.mostInAWindow).toBeLessThanOrEqual(60);
			expect(result.shareOfCeiling).toBeGreaterThanOrEqual(0.88);
		}
	});
});
