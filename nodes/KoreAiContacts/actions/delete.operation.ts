// Delete: each item deletes one contact by its id (Kore keeps it, as INACTIVE), one request per item.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../helpers/batching';
import { withId } from '../helpers/contactShape';
import type { BatchPlan } from './shared/batchRun';
import { contactIdFor, deletedByEarlierTry, runForContactIds } from './shared/contactId';
import { optionsFor } from './shared/options';

const OPERATION = 'delete';

export const description: INodeProperties[] = [
	contactIdFor(OPERATION, 'The ID of the contact to delete. Kore.ai keeps it as inactive; it can no longer be updated.'),
	...optionsFor(OPERATION, ['dryRun', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

const plan: BatchPlan<{ id: string }> = {
	key: byId,
	call: ([record]) => ({ method: 'DELETE', path: `/${encodeURIComponent(record.id)}`, expect: 'contact', oneContact: true, verb: 'delete' }),
	reconcile: (_batch, body) => [{ kind: 'success', contact: withId(body as Record<string, unknown>) }],
	refused: (record, status, afterUnknown) => (status === 404 && afterUnknown ? deletedByEarlierTry(record.id) : undefined),
	idOf: (record) => record.id,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runForContactIds(this, 'delete', plan, false, 'deleted');
}
