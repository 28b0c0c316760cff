// Kore's limit is per account, and executions on one account share no memory (other workers, other
// workflows, other systems). Each execution therefore finds its share from Kore's answers alone:
// a refusal says the account's window is full and how much of it is this execution's; a request
// sent beyond its share now and then finds the room others left (an execution that ended).
// Pure: every method is given the time, so the behaviour is tested with a made-up clock.

export interface PaceSettings {
	/** The account's limit as the user set it; 0 or less: no limit of our own. */
	requestsPerMinute: number;
	/** Kore's window (a minute; shorter in tests). */
	windowMs: number;
}

/** Spacing kept a little over the limit's, so that timers firing early cannot put one too many in a window. */
const SPACING_MARGIN = 1.005;
/** Never slower than this share of the limit, so a crowded-out execution still moves on. */
const FLOOR_SHARE = 1 / 16;
/** At its first refusal an execution that held this much of the window was alone until then. */
const ALONE_SHARE = 0.75;
/** Windows between two looks for room, and after a look that found some (room still freeing up). */
const LOOK_EVERY = 0.6;
const LOOK_SOON = 0.1;
/** A look that took more than this share of the limit found room; less is what late timers leave free. */
const FOUND_ROOM = 0.07;
/**
 * Looking costs a refusal when there is no room: only with more than this many windows of work left
 * at its share. Executions that started together end close together, and the last one's final
 * stretch is where the room of the others is: half a window without looking cost k = 2 up to a tenth
 * of the ceiling.
 */
const WORTH_LOOKING = 0.25;

interface Sent {
	sent: number;
	answered?: number;
	/** Sent beyond this execution's share, to look for room. */
	look?: boolean;
}

export class SharedPace {
	/** Requests per window this execution allows itself now: its share of the account. */
	rate: number;
	private readonly max: number;
	private readonly floor: number;
	/** This execution's requests in Kore's window, except those Kore refused. */
	private readonly counted: Sent[] = [];
	private lastStart?: number;
	private notBefore = 0;
	/** Whether a request within its share was refused before. */
	private refusedBefore = false;
	private throttlesInARow = 0;
	private nextLook = 0;
	/** A look is on its way. */
	private looking = false;
	/** Since when it takes all the room there is, at the limit's pace, after a look found some. */
	private takingSince?: number;
	private remaining = Infinity;

	constructor(private readonly settings: PaceSettings) {
		this.max = settings.requestsPerMinute > 0 ? settings.requestsPerMinute : Infinity;
		this.floor = Number.isFinite(this.max) ? Math.max(1, this.max * FLOOR_SHARE) : 1;
		this.rate = this.max;
	}

	/** How many more requests this execution expects to send (unknown: many). */
	expect(requests: number) {
		this.remaining = requests;
	}

	/**
	 * Takes the next slot to send in and returns how long to wait for it. The slot is taken before
	 * the wait, so requests sent side by side are spaced too. Below the limit, when it is time to
	 * look for room, the slot is one beyond its share.
	 */
	reserve(now: number): number {
		const atLimit = this.settings.windowMs / this.max;
		let start = this.slotAt(now, this.takingSince !== undefined ? atLimit : this.interval());
		if (!this.looking && this.takingSince === undefined && this.rate < this.max && this.remaining > this.rate * WORTH_LOOKING) {
			const look = Math.max(this.nextLook, this.slotAt(now, atLimit));
			if (look < start) {
				start = look;
				this.looking = true;
			}
		}
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
		const look = this.looking && !this.counted.some((c) => c.look && c.answered === undefined);
		this.counted.push({ sent: at, look });
	}

	/**
	 * Kore took the request sent at `sentAt` (any answer but a throttle counts in its window). A look
	 * that Kore took found room: it takes all there is, until refused; a whole window without a
	 * refusal means the account is its own again.
	 */
	accepted(sentAt: number, answeredAt: number) {
		const request = this.answered(sentAt, answeredAt);
		this.throttlesInARow = 0;
		if (request?.look) {
			request.look = false;
			this.looking = false;
			this.takingSince = answeredAt;
		} else if (this.takingSince !== undefined && answeredAt - this.takingSince >= this.settings.windowMs) {
			this.rate = this.max;
			this.takingSince = undefined;
		}
	}

	/** The request sent at `sentAt` ended at `at` without an answer from Kore (it may still count). */
	answered(sentAt: number, at: number): Sent | undefined {
		const index = this.inFlight(sentAt);
		if (index < 0) return undefined;
		this.counted[index].answered = at;
		return this.counted[index];
	}

	/**
	 * Kore throttled the request sent at `sentAt`, answered at `now`. Returns how long to wait before
	 * sending it again; every later request of this execution waits at least as long.
	 *
	 * The account's window is full, and this execution's requests in it are its share: the rate
	 * becomes that. The first time, an execution that held nearly all of it was alone until now and
	 * gives half to the one that started. A refused look leaves the share as it is; one that took room
	 * first (an execution ended, or gave room up) keeps what it took and looks again soon, as the
	 * room of the other frees request by request. The wait is until its own oldest request leaves the
	 * window: the room that frees first for it is its own, so it does not take the room of the others.
	 * A Retry-After is the earliest the account has room at all, so the wait is never shorter than it.
	 */
	throttled(sentAt: number, now: number, retryAfterMs?: number): number {
		const index = this.inFlight(sentAt);
		const look = index >= 0 && this.counted[index].look;
		if (index >= 0) this.counted.splice(index, 1);
		this.forget(now);
		this.throttlesInARow++;
		const { windowMs } = this.settings;
		const held = this.counted.length;
		// With next to nothing of the window, it looks for room often: others give room up when it starts.
		let soon = held > 0 && held < this.max / 8;
		if (look || this.takingSince !== undefined) {
			soon ||= this.takingSince !== undefined && held > this.rate + this.max * FOUND_ROOM;
			if (this.takingSince !== undefined) this.rate = Math.max(this.rate, held);
			this.looking = false;
			this.takingSince = undefined;
			this.nextLook = now + windowMs * LOOK_EVERY;
		} else {
			this.rate = !this.refusedBefore && held >= this.max * ALONE_SHARE ? held / 2 : Math.min(this.rate, held);
			if (!this.refusedBefore) this.nextLook = now + windowMs * LOOK_EVERY;
			this.refusedBefore = true;
		}
		if (soon) this.nextLook = now + windowMs * LOOK_SOON;
		this.rate = Math.min(this.max, Math.max(this.floor, this.rate));
		// With none of its own requests in the window, nothing tells when room frees: the slowest
		// pace's interval, doubling while the throttles go on, up to a whole window.
		const blind = Math.min(windowMs, (windowMs / this.floor) * 2 ** (this.throttlesInARow - 1));
		const ownRoom = held > 0 ? Math.min(...this.counted.map((c) => this.leftBy(c, now))) - now : blind;
		const wait = Math.ceil(Math.max(soon ? Math.min(ownRoom, this.nextLook - now) : ownRoom, retryAfterMs ?? 0, 0));
		this.notBefore = Math.max(this.notBefore, now + wait);
		return wait;
	}

	private slotAt(now: number, interval: number) {
		const start = Math.max(now, this.notBefore, this.roomAt(now));
		return this.lastStart === undefined ? start : Math.max(start, this.lastStart + interval);
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
	private leftBy(request: Sent, now: number) {
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
