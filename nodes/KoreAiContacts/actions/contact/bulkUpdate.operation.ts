// Bulk Update: each item updates one existing contact, found by its id, sent in batches. Fields an
// item leaves out keep the values Kore.ai has.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../../helpers/batching';
import { optionsFor, readOptions } from '../../helpers/options';
import { reconcileBatch } from '../../helpers/reconcile';
import type { ContactRecord, ItemOutcome } from '../../helpers/types';
import type { KoreBulkUpdateResponse } from '../../transport/types';
import type { BatchPlan } from '../shared/batchRun';
import { columnsFor } from '../shared/columns';
import { updateRecords } from '../shared/updateRecords';
import { runWrite } from '../shared/writeRun';
import { batchWriter } from '../shared/writers';

const OPERATION = 'bulkUpdate';

export const description: INodeProperties[] = [
	{
		displayName:
			'Each input item updates one existing Kore.ai contact, found by its ID. Items Kore.ai updated come out of <b>Success</b>; every other item comes out of <b>Failed</b> with the reason.',
		name: 'bulkUpdateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	columnsFor(OPERATION, 'update'),
	...optionsFor(OPERATION, ['dryRun', 'batchSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

export const bulkUpdatePlan: BatchPlan<ContactRecord> = {
	key: byId,
	call: (records) => ({ method: 'PUT', path: '/bulk-update', body: records, expect: 'bulk', verb: 'update' }),
	reconcile: (batch, body, status) => reconcileBatch(batch, body as KoreBulkUpdateResponse, status, 'update'),
	idOf: (record) => record.id,
};

/** Update and Bulk Update alike: `idOf` names the contact of an item. */
export async function runUpdate(context: IExecuteFunctions, operation: string, idOf: Parameters<typeof updateRecords>[3]): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const options = readOptions(context);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const records = updateRecords(context, items, outcomes, idOf);
	return await runWrite(context, {
		operation,
		items,
		options,
		outcomes,
		pending: records.pending,
		idOf: (record) => record.id,
		prepare: records.complete,
		writer: batchWriter(context, {
			plan: bulkUpdatePlan,
			records: records.ready,
			outcomes,
			batchSize: options.batchSize,
			parallelRequests: options.parallelRequests,
			action: 'updated',
		}),
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runUpdate(this, 'bulk update', (raw) => raw.id);
}
