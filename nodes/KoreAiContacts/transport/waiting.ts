// Waiting that ends as soon as the execution is cancelled. n8n-workflow's `sleep` cannot be
// aborted, so long waits are made of short ones that look at the cancel signal in between.
import { sleep } from 'n8n-workflow';

import type { KoreContext } from './types';

const SLICE_MS = 100;

export function isCancelled(context: KoreContext): boolean {
	return 'getExecutionCancelSignal' in context && context.getExecutionCancelSignal?.()?.aborted === true;
}

/** Waits `ms`; false when the execution was cancelled (before or during the wait). */
export async function waitUnlessCancelled(context: KoreContext, ms: number, now: () => number): Promise<boolean> {
	const until = now() + ms;
	while (!isCancelled(context)) {
		const left = until - now();
		if (left <= 0) return true;
		await sleep(Math.min(SLICE_MS, left));
	}
	return false;
}
