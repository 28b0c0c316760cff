// Faults on demand: an exact schedule for the next requests, then random draws with a fixed seed.
import type { Fault, FaultPlan } from './types';

/** mulberry32: a small seeded generator, so a fault run can be repeated exactly. */
function seededRandom(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultInjector {
	private schedule: Array<Fault | null> = [];
	private random: FaultPlan['random'] = [];
	private draw: () => number = seededRandom(1);
	readonly injected: Record<string, number> = {};

	constructor(plan: FaultPlan = {}) {
		this.set(plan);
	}

	set(plan: FaultPlan) {
		this.schedule = [...(plan.schedule ?? [])];
		this.random = plan.random ?? [];
		this.draw = seededRandom(plan.seed ?? 1);
	}

	/** The fault for the next API request, or undefined to serve it normally. */
	next(): Fault | undefined {
		let fault: Fault | undefined;
		if (this.schedule.length > 0) {
			fault = this.schedule.shift() ?? undefined;
		} else if (this.random && this.random.length > 0) {
			let roll = this.draw();
			for (const entry of this.random) {
				if (roll < entry.probability) {
					fault = entry.fault;
					break;
				}
				roll -= entry.probability;
			}
		}
		if (fault) this.injected[fault.kind] = (this.injected[fault.kind] ?? 0) + 1;
		return fault;
	}
}
