// Delete: each item deletes one contact by its id (Kore keeps it, as INACTIVE), one request per item.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../helpers/batching';
import { withId } from '../helpers/contactShape';
import type { ItemOutcome } from '../helpers/types';
import { BatchRun, type BatchPlan } from './shared/batchRun';
import { contactIdFor, deletedByEarlierTry, readContactIds } from './shared/contactId';
import { optionsFor, readOptions } from './shared/options';
import { runWrite } from './shared/writeRun';

const OPERATION = 'delete';

export const description: INodeProperties[] = [
	contactIdFor(OPERATION, 'The ID of the contact to delete. Kore.ai keeps it as inactive; it can no longer be updated.'),
	...optionsFor(OPERATION, ['includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

const plan: BatchPlan<{ id: string }> = {
	key: byId,
	call: ([record]) => ({ method: 'DELETE', path: `/${encodeURIComponent(record.id)}`, expect: 'contact', oneContact: true, verb: 'delete' }),
	reconcile: (_batch, body) => [{ kind: 'success', contact: withId(body as Record<string, unknown>) }],
	refused: (record, status, afterUnknown) => (status === 404 && afterUnknown ? deletedByEarlierTry(record.id) : undefined),
	idOf: (record) => record.id,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = readContactIds(this, items, outcomes);
	return await runWrite(this, {
		operation: 'delete',
		items,
		options,
		outcomes,
		pending,
		idOf: plan.idOf,
		send: async (client) => await new BatchRun(this, client, plan, outcomes, 1, options.parallelRequests).send(pending),
	});
}
