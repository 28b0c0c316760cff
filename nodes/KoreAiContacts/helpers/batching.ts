// Records into request-sized batches, in input order, with no key (contact id, or phone number for
// new contacts) twice in one batch: Kore's answer is matched back by it, and two writes of one contact
// must be applied in the order they came.
import type { PendingRecord } from './types';

export type RecordKey<R> = (record: R) => string;

export const byId: RecordKey<{ id: string }> = (record) => record.id;

export function toBatches<R>(records: Array<PendingRecord<R>>, batchSize: number, key: RecordKey<R>): Array<Array<PendingRecord<R>>> {
	const batches: Array<Array<PendingRecord<R>>> = [];
	for (let from = 0; from < records.length; ) {
		const end = nextBatchEnd(records, from, batchSize, key);
		batches.push(records.slice(from, end));
		from = end;
	}
	return batches;
}

/**
 * Where the batch starting at `from` ends: at most `size` records, and before a key it already
 * holds (the same cut `toBatches` makes, one batch at a time, so each can take the size learned so far).
 */
export function nextBatchEnd<R>(records: Array<PendingRecord<R>>, from: number, size: number, key: RecordKey<R>): number {
	const keys = new Set<string>();
	let end = from;
	while (end < records.length && end - from < Math.max(1, Math.floor(size))) {
		const k = key(records[end].record);
		if (keys.has(k)) break;
		keys.add(k);
		end++;
	}
	return end;
}

/** Halves of a batch Kore refused as a whole, so one bad record ends up costing only itself. */
export function splitBatch<T>(batch: T[]): [T[], T[]] {
	const middle = Math.ceil(batch.length / 2);
	return [batch.slice(0, middle), batch.slice(middle)];
}
