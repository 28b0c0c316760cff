// Bulk Delete: the contacts named by the items are deleted (Kore keeps them as INACTIVE), in batches.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../../helpers/batching';
import { optionsFor } from '../../helpers/options';
import { reconcileBatch } from '../../helpers/reconcile';
import type { KoreBulkUpdateResponse } from '../../transport/types';
import type { BatchPlan } from '../shared/batchRun';
import { contactIdFor, deletedByEarlierTry } from '../shared/contactId';
import { runDelete } from '../shared/deleteRun';

const OPERATION = 'bulkDelete';

export const description: INodeProperties[] = [
	{
		displayName:
			'The contacts of all input items are deleted in batches (Kore.ai keeps them as inactive). Deleted ones come out of <b>Success</b>; the others out of <b>Failed</b> with the reason.',
		name: 'bulkDeleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	contactIdFor(OPERATION, 'The ID of the contact each item deletes'),
	...optionsFor(OPERATION, ['dryRun', 'batchSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

export const bulkDeletePlan: BatchPlan<{ id: string }> = {
	key: byId,
	call: (records) => ({ method: 'DELETE', path: '/bulk-delete', body: { ids: records.map((r) => r.id) }, expect: 'bulk', verb: 'delete' }),
	reconcile: (batch, body, status, afterUnknown) =>
		reconcileBatch(batch, body as KoreBulkUpdateResponse, status, 'delete').map((outcome, i) => {
			if (outcome.kind === 'success') return { kind: 'success', contact: { id: batch[i].record.id, status: 'INACTIVE', deleted: true } };
			// A retry after an answer was lost finds the contacts the first try deleted gone.
			if (afterUnknown && outcome.kind === 'failed' && outcome.code === 'CONTACT_NOT_FOUND') return deletedByEarlierTry(batch[i].record.id);
			return outcome;
		}),
	idOf: (record) => record.id,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runDelete(this, { operation: 'bulk delete', plan: bulkDeletePlan, batched: true });
}
