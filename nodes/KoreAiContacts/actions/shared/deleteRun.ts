// Delete and Bulk Delete: one Contact ID per item, the contacts deleted (Kore.ai keeps them as INACTIVE).
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readOptions } from '../../helpers/options';
import type { ItemOutcome } from '../../helpers/types';
import type { BatchPlan } from './batchRun';
import { readContactIds } from './contactId';
import { runWrite } from './writeRun';
import { batchWriter } from './writers';

export interface DeleteRun {
	operation: string;
	plan: BatchPlan<{ id: string }>;
	/** Records per request: Batch Size for bulk delete, 1 for Kore's delete of one contact. */
	batched: boolean;
}

export async function runDelete(context: IExecuteFunctions, { operation, plan, batched }: DeleteRun): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const options = readOptions(context);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = readContactIds(context, items, outcomes);
	return await runWrite(context, {
		operation,
		items,
		options,
		outcomes,
		pending,
		idOf: plan.idOf,
		writer: batchWriter(context, {
			plan,
			records: () => pending,
			outcomes,
			batchSize: batched ? options.batchSize : 1,
			parallelRequests: options.parallelRequests,
			action: 'deleted',
		}),
	});
}
