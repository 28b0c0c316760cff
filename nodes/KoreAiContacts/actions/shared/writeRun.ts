// The one runner of every write operation: open the client, prepare (read what the records need from
// Kore.ai, Dry Run too), write (or, with Dry Run, show what would be written), turn a configuration
// problem into the node's error (or, with Continue On Fail, into Failed items), summarise the run in
// n8n's output pane, and build Success / Failed from one outcome per record.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { explainConfigurationError } from '../../helpers/explain';
import type { RunOptions } from '../../helpers/options';
import { buildOutputs } from '../../helpers/outputs';
import { dryRunSummary, failedSummary, pagesSummary, type Hint } from '../../helpers/runSummary';
import type { ItemOutcome, PendingRecord } from '../../helpers/types';
import { asNodeError, openClient } from '../../transport/client';
import type { KoreClient } from '../../transport/koreClient';

/** How the run's records are written: shown with Dry Run, sent otherwise. */
export interface Writer {
	preview(): void;
	send(client: KoreClient): Promise<void>;
}

export interface WriteRun<R> {
	operation: string;
	items: INodeExecutionData[];
	options: RunOptions;
	/** One per record, filled before sending for records that failed validation. */
	outcomes: ItemOutcome[];
	/** Valid records, to write. */
	pending: Array<PendingRecord<R>>;
	/** The input item of each slot, when an item may carry several records. */
	itemOf?: number[];
	/** The CSV row of each slot, shown on its Failed item. */
	rowOf?: number[];
	/** The id a Failed item shows for a record. */
	idOf(record: R): unknown;
	/** Reads what the records need from Kore.ai before anything is written, with Dry Run too. */
	prepare?(client: KoreClient): Promise<void>;
	writer: Writer;
	/** After writing, before the outputs are built (Create or Update labels its Success items). */
	finish?(): void;
}

export async function runWrite<R>(context: IExecuteFunctions, run: WriteRun<R>): Promise<INodeExecutionData[][]> {
	const { pending, outcomes, options } = run;
	const hints: Array<Hint | undefined> = [];
	if (pending.length > 0 && options.dryRun && !run.prepare) {
		run.writer.preview();
		context.logger.info(`Kore.ai ${run.operation} dry run finished`, { records: pending.length, requests: 0 });
	} else if (pending.length > 0) {
		let client: KoreClient | undefined;
		try {
			client = await openClient(context, options, pending[0].itemIndex);
			await run.prepare?.(client);
			if (options.dryRun) run.writer.preview();
			else await run.writer.send(client);
			context.logger.info(`Kore.ai ${run.operation} finished`, {
				records: pending.length,
				requests: client.requestsSent,
				throttled: client.throttledResponses,
				dryRun: options.dryRun,
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
		hints.push(client && pagesSummary(client.pagesRead), client && appliedBeforeRefusal(client));
	}
	run.finish?.();
	// One per slot, holes included: a slot without an outcome is counted as Failed, as it comes out.
	const all = Array.from({ length: run.itemOf?.length ?? run.items.length }, (_, slot) => outcomes[slot]);
	hints.push(options.dryRun ? dryRunSummary(all) : undefined, failedSummary(all));
	const shown = hints.filter((hint): hint is Hint => hint !== undefined);
	if (shown.length > 0) context.addExecutionHints(...shown.map((hint) => ({ ...hint, location: 'outputPane' as const })));
	return buildOutputs(run.items, outcomes, { includeInputData: options.includeInputData, itemOf: run.itemOf, rowOf: run.rowOf });
}

/** Kore refused the set-up after it applied part of the run: what happened, and the fix. */
function appliedBeforeRefusal(client: KoreClient): Hint | undefined {
	if (!client.refusal || client.writesAccepted === 0) return undefined;
	const { message, description } = explainConfigurationError(client.refusal.status, client.refusal.detail, client.refusal.body, client.refusal.scope);
	return {
		type: 'warning',
		message: `${message}, after it had applied part of this run. What Kore.ai applied is on Success; the rest is on Failed, not sent. ${description} Then run the Failed items again.`,
	};
}
