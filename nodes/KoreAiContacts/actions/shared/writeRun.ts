// What every write operation does around its requests: open the client, send, turn a configuration
// problem into the node's error (or, with Continue On Fail, into Failed items), log one summary line,
// and build Success / Failed from one outcome per record.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { buildOutputs } from '../../helpers/outputs';
import type { ItemOutcome, PendingRecord } from '../../helpers/types';
import type { KoreClient } from '../../transport/koreClient';
import { asNodeError, openClient } from './client';
import type { RunOptions } from './options';

export interface WriteRun<R> {
	operation: string;
	items: INodeExecutionData[];
	options: RunOptions;
	/** One per record, filled before sending for records that failed validation. */
	outcomes: ItemOutcome[];
	/** Valid records, to send. */
	pending: Array<PendingRecord<R>>;
	/** The input item of each slot, when an item may carry several records. */
	itemOf?: number[];
	/** The CSV row of each slot, shown on its Failed item. */
	rowOf?: number[];
	send(client: KoreClient): Promise<void>;
	/** With Dry Run: fills the outcomes with what would be sent, instead of sending (no client opened). */
	preview?(): void;
	/** The id a Failed item shows for a record. */
	idOf(record: R): unknown;
}

export async function runWrite<R>(context: IExecuteFunctions, run: WriteRun<R>): Promise<INodeExecutionData[][]> {
	const { pending, outcomes } = run;
	if (pending.length > 0 && run.options.dryRun && run.preview) {
		run.preview();
		context.logger.info(`Kore.ai ${run.operation} dry run finished`, { records: pending.length, requests: 0 });
	} else if (pending.length > 0) {
		try {
			const client = await openClient(context, run.options, pending[0].itemIndex);
			await run.send(client);
			context.logger.info(`Kore.ai ${run.operation} finished`, {
				records: pending.length,
				requests: client.requestsSent,
				throttled: client.throttledResponses,
			});
		} catch (error) {
			const nodeError = asNodeError(context, error, pending[0].itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			const reason = (nodeError as Error).message;
			for (const { slot, record } of pending) {
				if (outcomes[slot] === undefined) {
					outcomes[slot] = { kind: 'failed', id: run.idOf(record), record, stage: 'request', reason, code: 'CONFIGURATION' };
				}
			}
		}
	}
	return buildOutputs(run.items, outcomes, run.options.includeInputData, run.itemOf, run.rowOf);
}
