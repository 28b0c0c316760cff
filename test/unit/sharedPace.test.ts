// The pace of one execution, on a made-up clock: spacing, what a throttled answer does to it, how
// it grows back, and k paces on one simulated account converging to share it.
import { SharedPace } from '../../nodes/KoreAiContacts/helpers/sharedPace';

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

/** A request sent at `at` and throttled 10 ms later; returns the wait the pace sets. */
function throttledAt(p: SharedPace, at: number, retryAfterMs?: number) {
	p.sent(at);
	return p.throttled(at, at + 10, retryAfterMs);
}

function mostInAnyWindow(starts: number[], windowMs = MINUTE) {
	return Math.max(...starts.map((s) => starts.filter((t) => t > s - windowMs && t <= s).length));
}

describe('spacing', () => {
	test('the first request goes at once, the next ones a 60th of the minute apart, with a small margin', () => {
		const p = pace();
		expect(p.reserve(T0)).toBe(0);
		expect(p.reserve(T0)).toBe(1015);
		expect(p.reserve(T0 + 400)).toBe(2 * 1015 - 400);
	});

	test('slots are taken before the wait, so requests sent side by side are spaced too', () => {
		const p = pace(120);
		const waits = [p.reserve(T0), p.reserve(T0), p.reserve(T0)];
		expect(waits).toEqual([0, 508, 1015]);
	});

	test('no limit set: no pacing at all', () => {
		const p = pace(0);
		expect([p.reserve(T0), p.reserve(T0), p.reserve(T0)]).toEqual([0, 0, 0]);
	});

	test('a long run stays within the limit in every window, also when timers fire late now and then', () => {
		// Every 7th request leaves 300 ms late: without the window check, the punctual ones after it
		// would put a 61st request into the window that started with the late one.
		const { starts } = sendAccepted(pace(), T0, 300, (i) => (i % 7 === 0 ? 300 : 0));
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(60);
		// and the late ones do not slow the whole run down: 300 requests in about 5 minutes
		expect(starts[299] - starts[0]).toBeLessThan(5.2 * MINUTE);
	});

	test('a request slow to reach Kore still counts: the request one limit later waits for its answer plus a window', () => {
		// The first request takes 500 ms (a cold connection); Kore may have counted it as late as its
		// answer, so the 61st must not leave before that answer and a whole window.
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

describe('a throttled answer', () => {
	test('the first one drops the rate to the share this execution had of the full window', () => {
		const p = pace();
		const { now } = sendAccepted(p, T0, 15);
		const sentAt = now + p.reserve(now);
		p.sent(sentAt);
		p.throttled(sentAt, sentAt + 30);
		expect(p.rate).toBe(15);
	});

	test('it waits until its own oldest request surely left the window, and so do the requests after it', () => {
		const p = pace();
		const { starts, now } = sendAccepted(p, T0, 15);
		const sentAt = now + p.reserve(now);
		p.sent(sentAt);
		const wait = p.throttled(sentAt, sentAt + 30);
		// Kore counted it when it arrived, at the latest when it answered (20 ms after it left)
		expect(sentAt + 30 + wait).toBe(starts[0] + 20 + MINUTE);
		expect(p.reserve(sentAt + 30)).toBe(wait);
		const next = p.reserve(sentAt + 30 + wait);
		expect(next).toBe(Math.ceil((MINUTE / 15) * 1.015));
	});

	test('a Retry-After longer than that wait is kept', () => {
		const p = pace();
		const { now } = sendAccepted(p, T0, 10);
		expect(throttledAt(p, now, 90_000)).toBe(90_000);
	});

	test('later ones drop the rate by a tenth, at most once a window', () => {
		const p = pace();
		let { now } = sendAccepted(p, T0, 30);
		throttledAt(p, now);
		expect(p.rate).toBe(30);
		({ now } = sendAccepted(p, now + 30_000, 5));
		throttledAt(p, now); // within the window of the first drop: no second drop
		const grown = p.rate;
		expect(grown).toBeGreaterThan(30);
		({ now } = sendAccepted(p, now + 40_000, 5));
		p.sent(now);
		const before = p.rate;
		p.throttled(now, now + 10);
		expect(p.rate).toBeCloseTo(before * 0.9, 5);
	});

	test('with none of its own requests in the window, it waits the slowest pace, doubling up to a window while throttled', () => {
		const p = pace();
		const waits: number[] = [];
		for (let i = 0; i < 5; i++) {
			const at = T0 + 70_000 * i;
			p.sent(at);
			waits.push(p.throttled(at, at + 10));
		}
		expect(waits).toEqual([16_000, 32_000, 60_000, 60_000, 60_000]);
		for (let i = 5; i <= 40; i++) p.throttled(T0 + 70_000 * i, T0 + 70_000 * i + 10);
		expect(p.rate).toBe(60 / 16);
		// an accepted answer starts the count again
		p.sent(T0 + 3_000_000);
		p.accepted(T0 + 3_000_000, T0 + 3_000_020);
		p.sent(T0 + 3_100_000);
		expect(p.throttled(T0 + 3_100_000, T0 + 3_100_010)).toBe(16_000);
	});
});

describe('growing back', () => {
	test('a throttle that does not drop the rate still counts as one: the growth doubles only after quiet windows', () => {
		const growthAfter = (throttleAgain: boolean) => {
			const p = pace();
			const { now } = sendAccepted(p, T0, 15);
			throttledAt(p, now); // drops to 15
			if (throttleAgain) {
				p.sent(now + 50_000);
				p.throttled(now + 50_000, now + 50_010); // within the window of the drop: no second drop
			}
			const later = now + 10 + 3.2 * MINUTE;
			const before = p.rate;
			p.sent(later);
			p.accepted(later, later + 20);
			return p.rate - before;
		};
		const single = (60 * 0.015) / 15;
		expect(growthAfter(false)).toBeCloseTo(2 * single, 6); // 3 quiet windows: doubled once
		expect(growthAfter(true)).toBeCloseTo(single, 6); // 2 quiet windows since the last throttle
	});

	test('never above Requests Per Minute', () => {
		const p = pace();
		sendAccepted(p, T0, 100);
		expect(p.rate).toBe(60);
	});

	test('slowly while throttles are recent, then doubling with every quiet window: alone again, the whole limit within minutes', () => {
		const p = pace();
		let { now } = sendAccepted(p, T0, 15);
		throttledAt(p, now);
		expect(p.rate).toBe(15);
		const start = now + 10;
		const rateAfter: number[] = [];
		let minute = 1;
		while (p.rate < 60 && minute < 30) {
			({ now } = sendAccepted(p, now, Math.ceil(p.rate)));
			if (now - start >= minute * MINUTE) {
				rateAfter.push(Math.round(p.rate));
				minute++;
			}
		}
		// the first minutes add about 1.5% of the limit each: executions that share the account drift
		// to equal shares instead of taking each other's room
		expect(rateAfter[0]).toBeLessThan(17);
		expect(rateAfter[1] - rateAfter[0]).toBeLessThan(2);
		expect(p.rate).toBe(60);
		expect((now - start) / MINUTE).toBeLessThan(10);
	});
});

/**
 * k paces on one account of 60 requests per minute (a sliding window, as Kore's), each sending
 * `requests` one after another, answers after a few ms. A seeded random makes it repeatable.
 */
function simulate(k: number, requests: number, retryAfter: boolean, seed: number) {
	let state = seed;
	const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
	const accepted: number[] = [];
	const events: Array<{ at: number; run: () => void }> = [];
	let throttled = 0;
	let sent = 0;
	const finished: number[] = [];
	for (let e = 0; e < k; e++) {
		const p = pace();
		let left = requests;
		const send = (now: number) => {
			const at = now + p.reserve(now) + random() * 50;
			events.push({
				at,
				run: () => {
					p.sent(at);
					sent++;
					const arrives = at + 20 + random() * 60;
					const answered = arrives + 50 + random() * 100;
					const inWindow = accepted.filter((t) => t > arrives - MINUTE);
					if (inWindow.length >= 60) {
						throttled++;
						const wait = retryAfter ? Math.ceil((inWindow[0] + MINUTE - arrives) / 1000) * 1000 : undefined;
						events.push({ at: answered, run: () => (p.throttled(at, answered, wait), send(answered)) });
					} else {
						accepted.push(arrives);
						events.push({ at: answered, run: () => (p.accepted(at, answered), --left > 0 ? send(answered) : finished.push(answered)) });
					}
				},
			});
		};
		send(T0 + random() * 1000);
	}
	while (events.length > 0) {
		events.sort((a, b) => a.at - b.at);
		events.shift()!.run();
	}
	const minutes = (Math.max(...finished) - T0) / MINUTE;
	return { shareOfCeiling: (k * requests) / minutes / 60, throttledShare: throttled / sent, total: accepted.length };
}

describe('k executions on one account', () => {
	test.each([
		[1, false],
		[1, true],
	])('k = 1 (Retry-After %s): at the limit, never throttled', (k, retryAfter) => {
		const result = simulate(k, 100, retryAfter, 11);
		expect(result.throttledShare).toBe(0);
		expect(result.shareOfCeiling).toBeGreaterThanOrEqual(0.98);
	});

	test.each([
		[2, false],
		[2, true],
		[4, false],
		[4, true],
	])('k = %i (Retry-After %s): together at 90%% of the limit or more, at most 5%% throttled, nothing lost', (k, retryAfter) => {
		for (const seed of [3, 17, 101]) {
			const result = simulate(k, 100, retryAfter, seed);
			expect(result.total).toBe(k * 100);
			expect(result.shareOfCeiling).toBeGreaterThanOrEqual(0.9);
			expect(result.throttledShare).toBeLessThanOrEqual(0.05);
		}
	});
});
