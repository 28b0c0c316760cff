// The node's own work per item, without HTTP: mapping, validation, batching, reconciliation and
// output building, timed in CPU microseconds, with the heap the results hold.
import { byId, toBatches } from '../../nodes/KoreAiContacts/helpers/batching';
import { contactFromItem } from '../../nodes/KoreAiContacts/helpers/mapping';
import { buildOutputs } from '../../nodes/KoreAiContacts/helpers/outputs';
import { reconcileBatch } from '../../nodes/KoreAiContacts/helpers/reconcile';
import type { ItemOutcome, PendingRecord } from '../../nodes/KoreAiContacts/helpers/types';
import { validateContact } from '../../nodes/KoreAiContacts/helpers/validation';

function inputs(count: number) {
	return Array.from({ length: count }, (_, n) => ({
		json: {
			id: `6964af60${n.toString(16).padStart(16, '0')}`,
			firstName: 'bench',
			lastName: `item-${n}`,
			salutation: 'mr',
			phoneNumber: `98 765-${String(n).padStart(6, '0')}`,
			countryCode: '91',
			extension: '+',
		},
	}));
}

/** Kore's answers for the batches, made before timing: answering is Kore's work, not the node's. */
function answers(batches: PendingRecord[][]) {
	return batches.map((batch) => ({
		successfulRecords: batch.map(({ record }) => ({ id: record.id, contact: { _id: record.id, ...record, status: 'ACTIVE' } })),
		failedRecords: [],
	}));
}

function nodeWork(items: ReturnType<typeof inputs>, responses: ReturnType<typeof answers> | undefined) {
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending: PendingRecord[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = validateContact(contactFromItem(items[i].json));
		if (result.ok) pending.push({ slot: i, itemIndex: i, record: result.record });
	}
	const batches = toBatches(pending, 100, byId);
	const replies = responses ?? answers(batches);
	batches.forEach((batch, b) => {
		const results = reconcileBatch(batch, replies[b], 200);
		batch.forEach(({ itemIndex }, i) => (outcomes[itemIndex] = results[i]));
	});
	return { outputs: buildOutputs(items, outcomes, { includeInputData: false }), batches };
}

export interface CostResult {
	items: number;
	cpuMicrosPerItem: number;
	heapBytesPerItem: number;
}

export function measureNodeCost(count: number, repeats = 5): CostResult {
	const items = inputs(count);
	const replies = answers(nodeWork(items, undefined).batches);
	let best = Number.POSITIVE_INFINITY;
	for (let r = 0; r < repeats; r++) {
		const before = process.cpuUsage();
		nodeWork(items, replies);
		const used = process.cpuUsage(before);
		best = Math.min(best, used.user + used.system);
	}
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const held = nodeWork(items, replies);
	const heapAfter = process.memoryUsage().heapUsed;
	if (held.outputs[0].length !== count) throw new Error('the measured run lost items');
	return { items: count, cpuMicrosPerItem: best / count, heapBytesPerItem: Math.max(0, heapAfter - heapBefore) / count };
}
