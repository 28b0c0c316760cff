// Records into request-sized batches, in input order, with no key (contact id, or phone number for
// new contacts) twice in one batch: Kore's answer is matched back by it, and two writes of one contact
// must be applied in the order they came.
import type { PendingRecord } from './types';

export type RecordKey<R> = (record: R) => string;

export const byId: RecordKey<{ id: string }> = (record) => record.id;

export function toBatches<R>(records: Array<PendingRecord<R>>, batchSize: number, key: RecordKey<R>): Array<Array<PendingRecord<R>>> {
	const size = Math.max(1, Math.floor(batchSize));
	const batches: Array<Array<PendingRecord<R>>> = [];
	let current: Array<PendingRecord<R>> = [];
	let keys = new Set<string>();
	for (const pending of records) {
		const k = key(pending.record);
		if (current.length >= size || keys.has(k)) {
			batches.push(current);
			current = [];
			keys = new Set();
		}
		current.push(pending);
		keys.add(k);
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
export function batchDependencies<R>(batches: Array<Array<PendingRecord<R>>>, key: RecordKey<R>): number[][] {
	const lastBatchOf = new Map<string, number>();
	return batches.map((batch, index) => {
		const waitFor = new Set<number>();
		for (const { record } of batch) {
			const k = key(record);
			const earlier = lastBatchOf.get(k);
			if (earlier !== undefined) waitFor.add(earlier);
			lastBatchOf.set(k, index);
		}
		return [...waitFor];
	});
}
