// The two ways records are written, each with its Dry Run beside it: in batches of a plan (updates and
// deletes, retried freely), or created once (creates and imports, never twice).
import type { IExecuteFunctions } from 'n8n-workflow';

import { byPhone } from '../../helpers/phone';
import type { RunOptions } from '../../helpers/options';
import type { ItemOutcome, NewContact, PendingRecord } from '../../helpers/types';
import type { KoreCall } from '../../transport/koreClient';
import { BatchRun, type BatchPlan } from './batchRun';
import { createOnce } from './createRun';
import { previewRequests } from './dryRun';
import type { Writer } from './writeRun';

export interface BatchWrite<R> {
	plan: BatchPlan<R>;
	/** The records to write, read when writing starts (after the run's preparation). */
	records: () => Array<PendingRecord<R>>;
	outcomes: ItemOutcome[];
	batchSize: number;
	parallelRequests: number;
	/** What each record's write does, as Dry Run shows it: "updated", "deleted". */
	action: string;
}

export function batchWriter<R>(context: IExecuteFunctions, { plan, records, outcomes, batchSize, parallelRequests, action }: BatchWrite<R>): Writer {
	return {
		preview: () => previewRequests(records(), { outcomes, batchSize, key: plan.key, callFor: plan.call, action }),
		send: async (client) => await new BatchRun(context, { client, plan, outcomes, batchSize, parallelRequests }).send(records()),
	};
}

export interface CreateWrite {
	records: () => Array<PendingRecord<NewContact>>;
	callFor: (records: NewContact[]) => KoreCall;
	/** What Dry Run shows of a batch, when it differs from the request itself (a CSV file's rows). */
	previewCall?: (records: NewContact[]) => Pick<KoreCall, 'method' | 'path' | 'body'>;
	outcomes: ItemOutcome[];
	options: RunOptions;
}

export function createWriter(context: IExecuteFunctions, { records, callFor, previewCall, outcomes, options }: CreateWrite): Writer {
	return {
		preview: () => previewRequests(records(), { outcomes, batchSize: options.batchSize, key: byPhone, callFor: previewCall ?? callFor, action: 'created' }),
		send: async (client) => await createOnce(context, { client, callFor, pending: records(), outcomes, options }),
	};
}
