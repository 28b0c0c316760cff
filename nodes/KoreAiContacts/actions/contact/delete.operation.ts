// Delete: each item names one contact to delete (Kore keeps it, as INACTIVE). From node version 1.1
// the items go in batches through Kore's bulk delete; version 1 (saved workflows) sends one request
// per item and puts the deleted contact, as Kore answers it, on Success.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../../helpers/batching';
import { withId } from '../../helpers/contactShape';
import { optionsFor, type OptionName } from '../../helpers/options';
import { bulkDeletePlan } from './bulkDelete.operation';
import type { BatchPlan } from '../shared/batchRun';
import { contactLocatorFor, deletedByEarlierTry } from '../shared/contactId';
import { runDelete } from '../shared/deleteRun';

const OPERATION = 'delete';
const OPTIONS: OptionName[] = ['dryRun', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute'];

export const description: INodeProperties[] = [
	contactLocatorFor(OPERATION, 'The contact to delete. Kore.ai keeps it as inactive; it can no longer be updated.'),
	...optionsFor(OPERATION, OPTIONS, {}, [1]),
	...optionsFor(OPERATION, ['batchSize', ...OPTIONS], {}, [1.1]),
];

/** Version 1: Kore's delete of one contact, which answers with the contact. */
const oneByOnePlan: BatchPlan<{ id: string }> = {
	key: byId,
	call: ([record]) => ({ method: 'DELETE', path: `/${encodeURIComponent(record.id)}`, expect: 'contact', oneContact: true, verb: 'delete' }),
	reconcile: (_batch, body) => [{ kind: 'success', contact: withId(body as Record<string, unknown>) }],
	refused: (record, status, afterUnknown) => (status === 404 && afterUnknown ? deletedByEarlierTry(record.id) : undefined),
	idOf: (record) => record.id,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const batched = this.getNode().typeVersion >= 1.1;
	return await runDelete(this, { operation: 'delete', plan: batched ? bulkDeletePlan : oneByOnePlan, batched });
}
