// Dry Run: what a write operation would send, item by item, and nothing sent. Each Success item
// carries its action and its part of the exact request body; the items of one request share its
// batch number, in the order the body lists them.
import { toBatches, type RecordKey } from '../../helpers/batching';
import type { ItemOutcome, PendingRecord } from '../../helpers/types';
import type { KoreCall } from '../../transport/koreClient';

/** One item's part of a request body: its element of an array, its id of {ids}, or the whole body. */
function partOf(body: unknown, index: number): unknown {
	if (Array.isArray(body)) return body[index];
	const ids = (body as { ids?: unknown } | null)?.ids;
	if (Array.isArray(ids)) return { ids: [ids[index]] };
	return body ?? null;
}

export interface Preview<R> {
	outcomes: ItemOutcome[];
	batchSize: number;
	key: RecordKey<R>;
	callFor: (records: R[]) => Pick<KoreCall, 'method' | 'path' | 'body'>;
	/** What each record's write would do: "updated", "created", "deleted". */
	action: string;
}

export function previewRequests<R>(pending: Array<PendingRecord<R>>, { outcomes, batchSize, key, callFor, action }: Preview<R>) {
	toBatches(pending, batchSize, key).forEach((batch, b) => {
		const call = callFor(batch.map((p) => p.record));
		batch.forEach((entry, i) => {
			outcomes[entry.slot] = {
				kind: 'success',
				contact: { action, dryRun: true, request: { method: call.method, path: call.path, batch: b + 1, body: partOf(call.body, i) } } as never,
			};
		});
	});
}
