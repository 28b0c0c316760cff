// Bulk Update: each item updates one existing contact, found by its id, sent in batches.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../helpers/batching';
import { reconcileBatch } from '../helpers/reconcile';
import type { ContactRecord, ItemOutcome } from '../helpers/types';
import { validateContact } from '../helpers/validation';
import type { KoreBulkUpdateResponse } from '../transport/types';
import { BatchRun, type BatchPlan } from './shared/batchRun';
import { columnsFor, validRecords } from './shared/columns';
import { previewRequests } from './shared/dryRun';
import { optionsFor, readOptions } from './shared/options';
import { runWrite } from './shared/writeRun';

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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = validRecords(this, items, outcomes, validateContact);
	return await runWrite(this, {
		operation: 'bulk update',
		items,
		options,
		outcomes,
		pending,
		idOf: bulkUpdatePlan.idOf,
		preview: () => previewRequests(pending, outcomes, options.batchSize, byId, bulkUpdatePlan.call, 'updated'),
		send: async (client) =>
			await new BatchRun(this, client, bulkUpdatePlan, outcomes, options.batchSize, options.parallelRequests).send(pending),
	});
}
