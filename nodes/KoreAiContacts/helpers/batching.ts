// Records into request-sized batches, in input order, with no id twice in one batch: Kore's answer
// is matched back by id, and two updates of one contact must be applied in the order they came.
import type { PendingRecord } from './types';

export function toBatches(records: PendingRecord[], batchSize: number): PendingRecord[][] {
	const size = Math.max(1, Math.floor(batchSize));
	const batches: PendingRecord[][] = [];
	let current: PendingRecord[] = [];
	let ids = new Set<string>();
	for (const pending of records) {
		if (current.length >= size || ids.has(pending.record.id)) {
			batches.push(current);
			current = [];
			ids = new Set();
		}
		current.push(pending);
		ids.add(pending.record.id);
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

/** Halves of a batch Kore refused as a whole, so one bad record ends up costing only itself. */
export function splitBatch<T>(batch: T[]): [T[], T[]] {
	const middle = Math.ceil(batch.length / 2);
	return [batch.slice(0, middle), batch.slice(middle)];
}

/**
 * For each batch, the earlier batches it must wait for: those holding one of its ids. Batches with
 * no id in common may be in flight together; two updates of one contact never are.
 */
export function batchDependencies(batches: PendingRecord[][]): number[][] {
	const lastBatchOf = new Map<string, number>();
	return batches.map((batch, index) => {
		const waitFor = new Set<number>();
		for (const { record } of batch) {
			const earlier = lastBatchOf.get(record.id);
			if (earlier !== undefined) waitFor.add(earlier);
			lastBatchOf.set(record.id, index);
		}
		return [...waitFor];
	});
}
