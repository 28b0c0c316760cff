// Kore's per-account limit: a sliding window of requests per minute (tests shorten the window).
// Whether a refused request counts too is not documented: `countRefused` is that reading.
import type { RateLimitOptions } from './types';

export class RateLimiter {
	/** Per account, the requests in its window: the accepted ones, and the refused ones where they count. */
	private readonly counted = new Map<string, number[]>();

	constructor(
		public options: RateLimitOptions,
		private readonly now: () => number,
	) {}

	/** Counts the request and returns 0, or returns how many ms until the window has room again. */
	admit(account: string): number {
		if (this.options.requestsPerWindow <= 0) return 0;
		const now = this.now();
		const times = (this.counted.get(account) ?? []).filter((t) => t > now - this.options.windowMs);
		if (times.length >= this.options.requestsPerWindow) {
			if (this.options.countRefused) times.push(now);
			this.counted.set(account, times);
			// room again once all but limit - 1 of them have left
			return Math.max(1, times[times.length - this.options.requestsPerWindow] + this.options.windowMs - now);
		}
		times.push(now);
		this.counted.set(account, times);
		return 0;
	}

	reset() {
		this.counted.clear();
	}
}

/**
 * Retry-After as Kore would send it: whole seconds, rounded up. When the sandbox scales Kore's
 * minute down, its seconds are scaled with it (a 1 s window has seconds of 1/60 s), written as
 * decimal seconds: whole seconds there would each be a whole window and distort every test of waiting.
 */
export function retryAfterSeconds(waitMs: number, windowMs: number): string {
	const second = windowMs / 60;
	const seconds = (Math.ceil(waitMs / second) * second) / 1000;
	return String(Number(seconds.toFixed(3)));
}
