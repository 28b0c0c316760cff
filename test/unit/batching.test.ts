import { byId, splitBatch, toBatches } from '../../nodes/KoreAiContacts/helpers/batching';
import type { PendingRecord } from '../../nodes/KoreAiContacts/helpers/types';

function pending(ids: string[]): PendingRecord[] {
	return ids.map((id, itemIndex) => ({ slot: itemIndex, itemIndex, record: { id } as PendingRecord['record'] }));
}

const idsOf = (batches: PendingRecord[][]) => batches.map((b) => b.map((p) => p.record.id));

test('chunks by size, in order', () => {
	expect(idsOf(toBatches(pending(['a', 'b', 'c', 'd', 'e']), 2, byId))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
});

test('a repeated id starts a new batch, so both updates are applied in input order', () => {
	expect(idsOf(toBatches(pending(['a', 'b', 'a', 'c']), 10, byId))).toEqual([['a', 'b'], ['a', 'c']]);
});

test('every record lands in exactly one batch', () => {
	const records = pending(Array.from({ length: 1001 }, (_, i) => `id${i % 300}`));
	const batches = toBatches(records, 100, byId);
	expect(batches.flat().map((p) => p.itemIndex)).toEqual(records.map((p) => p.itemIndex));
	for (const batch of batches) {
		expect(batch.length).toBeLessThanOrEqual(100);
		expect(new Set(batch.map((p) => p.record.id)).size).toBe(batch.length);
	}
});

test('no records, no batches', () => {
	expect(toBatches([], 100, byId)).toEqual([]);
});

test('splitBatch halves, first half larger', () => {
	expect(splitBatch([1, 2, 3])).toEqual([[1, 2], [3]]);
	expect(splitBatch([1])).toEqual([[1], []]);
});

