// Kore's limit is per account, and executions on one account share no memory (other workers, other
// workflows, other systems). Each execution therefore finds its share from Kore's answers alone:
// slower after a throttled answer, gently faster while accepted, never above Requests Per Minute.
// Pure: every method is given the time, so the behaviour is tested with a made-up clock.

export interface PaceSettings {
	/** The account's limit as the user set it; 0 or less: no limit of our own. */
	requestsPerMinute: number;
	/** Kore's window (a minute; shorter in tests). */
	windowMs: number;
}

/** Kept under the limit so that network jitter cannot put one request too many in a window. */
const SPACING_MARGIN = 1.015;
/** Share of the rate kept after a throttled answer. */
const DECREASE = 0.9;
/** Growth per window, as a share of the limit. */
const GROWTH = 0.015;
/** Quiet windows (no throttle) after which the growth doubles with every further one, and how often at most. */
const QUIET_BEFORE_DOUBLING = 2;
const MAX_DOUBLINGS = 6;
/** Never slower than this share of the limit, so a crowded-out execution still moves on. */
const FLOOR_SHARE = 1 / 16;

export class SharedPace {
	/** Requests per window this execution allows itself now. */
	rate: number;
	private readonly max: number;
	private readonly floor: number;
	/**
	 * This execution's requests in Kore's window, except those Kore throttled: when each left and,
	 * once answered, when the answer came. Kore counts a request when it arrives, somewhere between.
	 */
	private readonly counted: Array<{ sent: number; answered?: number }> = [];
	private lastStart?: number;
	private notBefore = 0;
	/** When the rate last dropped, and when Kore last throttled; undefined until the first throttle. */
	private lastDrop?: number;
	private lastThrottle?: number;
	/** Throttled answers since the last accepted one. */
	private throttlesInARow = 0;

	constructor(private readonly settings: PaceSettings) {
		this.max = settings.requestsPerMinute > 0 ? settings.requestsPerMinute : Infinity;
		this.floor = Number.isFinite(this.max) ? Math.max(1, this.max * FLOOR_SHARE) : 1;
		this.rate = this.max;
	}

	/**
	 * Takes the next slot to send in and returns how long to wait for it. The slot is taken before
	 * the wait, so requests sent side by side are spaced too.
	 */
	reserve(now: number): number {
		let start = Math.max(now, this.notBefore, this.roomAt(now));
		if (this.lastStart !== undefined) start = Math.max(start, this.lastStart + this.interval());
		this.lastStart = start;
		return Math.ceil(start - now);
	}

	/**
	 * Checked at the end of the wait for a slot, right before sending: > 0 when, meanwhile, a request
	 * sent side by side was throttled or left late, and the slot must be taken again.
	 */
	heldFor(now: number): number {
		return Math.max(0, Math.ceil(Math.max(this.notBefore, this.roomAt(now)) - now));
	}

	/** A request left at `at`: it counts in Kore's window unless Kore throttles it. */
	sent(at: number) {
		this.forget(at);
		this.counted.push({ sent: at });
	}

	/**
	 * Kore took the request sent at `sentAt` (any answer but a throttle counts in its window). The
	 * rate grows by a fixed amount per window whatever it is, so executions that share the account
	 * drift towards equal shares; after two windows without a throttle each further one doubles the
	 * growth, so an execution left alone takes the whole limit back within minutes.
	 */
	accepted(sentAt: number, answeredAt: number) {
		this.answered(sentAt, answeredAt);
		this.throttlesInARow = 0;
		if (this.rate >= this.max) return;
		const quiet = this.lastThrottle === undefined ? 0 : Math.floor((sentAt - this.lastThrottle) / this.settings.windowMs);
		const perWindow = (Number.isFinite(this.max) ? this.max : this.rate) * GROWTH * 2 ** Math.min(Math.max(0, quiet - QUIET_BEFORE_DOUBLING), MAX_DOUBLINGS);
		this.rate = Math.min(this.max, this.rate + perWindow / this.rate);
	}

	/** The request sent at `sentAt` ended at `at` without an answer from Kore (it may still count). */
	answered(sentAt: number, at: number) {
		const index = this.inFlight(sentAt);
		if (index >= 0) this.counted[index].answered = at;
	}

	/**
	 * Kore throttled the request sent at `sentAt`, answered at `now`. Returns how long to wait before
	 * sending it again; every later request of this execution waits at least as long.
	 *
	 * The first time, the account's window is full and this execution's requests in it are its share
	 * of the account: the rate drops to that share at once (several executions starting together all
	 * learn theirs in one throttle each). Later, it drops by DECREASE, at most once a window: a drop
	 * shows in Kore's answers only after a window, and dropping again before would make whoever
	 * happens to be throttled twice in a row fall far behind the others.
	 * The wait is until this execution's own oldest request leaves the window: the room that frees
	 * first for it is its own, so it does not take the room of the others. A Retry-After is the
	 * earliest the account has room at all, so the wait is never shorter than it.
	 */
	throttled(sentAt: number, now: number, retryAfterMs?: number): number {
		const index = this.inFlight(sentAt);
		if (index >= 0) this.counted.splice(index, 1);
		this.forget(now);
		this.lastThrottle = now;
		this.throttlesInARow++;
		if (this.lastDrop === undefined || now >= this.lastDrop + this.settings.windowMs) {
			const share = this.lastDrop === undefined && this.counted.length > 0 ? this.counted.length : Infinity;
			this.rate = Math.max(this.floor, Math.min(this.rate * DECREASE, share));
			this.lastDrop = now;
		}
		// With none of its own requests in the window, nothing tells when room frees: the slowest
		// pace's interval, doubling while the throttles go on, up to a whole window.
		const blind = Math.min(this.settings.windowMs, (this.settings.windowMs / this.floor) * 2 ** (this.throttlesInARow - 1));
		const ownRoom = this.counted.length > 0 ? Math.min(...this.counted.map((c) => this.leftBy(c, now))) - now : blind;
		const wait = Math.ceil(Math.max(ownRoom, retryAfterMs ?? 0, 0));
		this.notBefore = Math.max(this.notBefore, now + wait);
		return wait;
	}

	/** Where the request sent at `sentAt`, not answered yet, is in `counted`; -1 when it is not. */
	private inFlight(sentAt: number) {
		return this.counted.findIndex((c) => c.sent === sentAt && c.answered === undefined);
	}

	/**
	 * Timers run late and a request may take longer to reach Kore than the next one: never more than
	 * the limit within a window, counted from answers (a request has surely reached Kore by then).
	 */
	private roomAt(now: number) {
		const limit = Math.floor(this.max);
		return this.counted.length >= limit ? this.leftBy(this.counted[this.counted.length - limit], now) : 0;
	}

	/**
	 * When a request surely left Kore's window: a window after its answer (or after `now`, while
	 * unanswered). Kore counted it before it answered, so no margin is needed on top.
	 */
	private leftBy(request: { answered?: number }, now: number) {
		return (request.answered ?? now) + this.settings.windowMs;
	}

	private interval() {
		return (this.settings.windowMs / this.rate) * SPACING_MARGIN;
	}

	/** Answers come back in any order: every request that surely left the window goes. */
	private forget(now: number) {
		for (let i = this.counted.length - 1; i >= 0; i--) if (this.leftBy(this.counted[i], Infinity) <= now) this.counted.splice(i, 1);
	}
}
