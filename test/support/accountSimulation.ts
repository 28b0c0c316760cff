// Several executions on one Kore account, simulated on a made-up clock: each execution has its own
// SharedPace and sends its requests through it the way KoreClient does (take a slot, wait, check
// the slot still holds, send, report the answer), with `parallel` requests in flight; the account
// is a sliding window of `limit` requests, as Kore's. A seeded random makes every run repeatable.
import { SharedPace } from '../../nodes/KoreAiContacts/transport/sharedPace';

export interface SimulatedExecution {
	/** When it starts, in ms after the simulation's start. */
	startsAt: number;
	requests: number;
}

export interface SimulationOptions {
	executions: SimulatedExecution[];
	limit?: number;
	windowMs?: number;
	parallel?: number;
	seed?: number;
}

export interface SimulationResult {
	/** Accepted requests from the first to the last accepted one, over what the limit allows in that time. */
	shareOfCeiling: number;
	throttledShare: number;
	throttled: number;
	sent: number;
	accepted: number;
	/** Most requests accepted within any window. */
	mostInAWindow: number;
	/** Per execution: when it ended, ms after its start. */
	durations: number[];
	/** Per execution: its accepted requests' arrival times. */
	arrivals: number[][];
}

export function simulateAccount(options: SimulationOptions): SimulationResult {
	const limit = options.limit ?? 60;
	const windowMs = options.windowMs ?? 60_000;
	const parallel = options.parallel ?? 1;
	let state = options.seed ?? 1;
	const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
	const queue: Array<{ at: number; order: number; run: () => void }> = [];
	let order = 0;
	const at = (time: number, run: () => void) => queue.push({ at: time, order: order++, run });
	const acceptedTimes: number[] = [];
	let throttled = 0;
	let sent = 0;
	const durations: number[] = [];
	const arrivals: number[][] = [];

	const hasRoom = (arrives: number) => {
		let inWindow = 0;
		for (let i = acceptedTimes.length - 1; i >= 0 && acceptedTimes[i] > arrives - windowMs; i--) inWindow++;
		return inWindow < limit;
	};

	options.executions.forEach((execution, e) => {
		const pace = new SharedPace({ requestsPerMinute: limit, windowMs });
		arrivals.push([]);
		let left = execution.requests;
		let waiting = execution.requests;
		let inFlight = 0;
		const worker = (now: number) => {
			if (waiting === 0) {
				if (inFlight === 0 && left === 0 && durations[e] === undefined) durations[e] = now - execution.startsAt;
				return;
			}
			// as the batch runner does: the pace knows how many requests are still to come
			pace.expect(left);
			const time = now + pace.reserve(now) + random() * 3;
			at(time, () => send(time));
		};
		const send = (now: number) => {
			if (waiting === 0) return worker(now);
			if (pace.heldFor(now) > 0) return worker(now);
			waiting--;
			inFlight++;
			pace.sent(now);
			sent++;
			const arrives = now + 1 + random() * 4;
			const answered = arrives + 5 + random() * 20;
			if (hasRoom(arrives)) {
				acceptedTimes.push(arrives);
				acceptedTimes.sort((a, b) => a - b);
				arrivals[e].push(arrives);
				at(answered, () => {
					pace.accepted(now, answered);
					inFlight--;
					left--;
					worker(answered);
				});
			} else {
				throttled++;
				at(answered, () => {
					pace.throttled(now, answered);
					inFlight--;
					waiting++;
					worker(answered);
				});
			}
		};
		at(execution.startsAt, () => {
			for (let i = 0; i < Math.min(parallel, execution.requests); i++) worker(execution.startsAt);
		});
	});

	while (queue.length > 0) {
		queue.sort((a, b) => a.at - b.at || a.order - b.order);
		queue[0].run();
		queue.shift();
	}
	const first = acceptedTimes[0];
	const last = acceptedTimes[acceptedTimes.length - 1];
	const allowed = ((last - first) / windowMs) * limit + 1;
	let mostInAWindow = 0;
	for (let i = 0, j = 0; i < acceptedTimes.length; i++) {
		while (acceptedTimes[j] <= acceptedTimes[i] - windowMs) j++;
		mostInAWindow = Math.max(mostInAWindow, i - j + 1);
	}
	return {
		shareOfCeiling: acceptedTimes.length / allowed,
		throttledShare: throttled / sent,
		throttled,
		sent,
		accepted: acceptedTimes.length,
		mostInAWindow,
		durations,
		arrivals,
	};
}
