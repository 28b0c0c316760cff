// The Contact ID parameter of the operations that name one contact per item, and reading it.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcome, PendingRecord } from '../../helpers/types';
import { validateContactId } from '../../helpers/validation';
import { BatchRun, type BatchPlan } from './batchRun';
import { previewRequests } from './dryRun';
import { readOptions } from './options';
import { runWrite } from './writeRun';

export function contactIdFor(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '={{ $json.id }}',
		placeholder: '6964af60d4c8a3d1a0b1c2d3',
		description,
		hint: 'Read for each input item. Get Many and Create put the ID of each contact in "id".',
		displayOptions: { show: { operation: [operation] } },
	};
}

/** The Contact ID of every item: valid ones to send, the others Failed before sending. */
export function readContactIds(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
): Array<PendingRecord<{ id: string }>> {
	const pending: Array<PendingRecord<{ id: string }>> = [];
	items.forEach((_, itemIndex) => {
		const value = context.getNodeParameter('contactId', itemIndex, '') as unknown;
		const result = validateContactId(value);
		if (result.ok) pending.push({ slot: itemIndex, itemIndex, record: { id: result.id } });
		else outcomes[itemIndex] = { kind: 'failed', id: value, record: { id: value }, stage: 'validation', reason: result.reason, code: 'INVALID_ID' };
	});
	return pending;
}

/** A delete whose first try may have gone through, and whose retry found no contact: it is deleted. */
export function deletedByEarlierTry(id: string): ItemOutcome {
	return {
		kind: 'success',
		contact: { id, status: 'INACTIVE', deleted: true, note: 'Kore.ai deleted it on a first try whose answer was lost' },
	};
}

/** The execute of an operation that takes one Contact ID per item: in batches, or one per request. */
export async function runForContactIds(
	context: IExecuteFunctions,
	operation: string,
	plan: BatchPlan<{ id: string }>,
	batched: boolean,
	action: string,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const options = readOptions(context);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = readContactIds(context, items, outcomes);
	const batchSize = batched ? options.batchSize : 1;
	return await runWrite(context, {
		operation,
		items,
		options,
		outcomes,
		pending,
		idOf: plan.idOf,
		preview: () => previewRequests(pending, outcomes, batchSize, plan.key, plan.call, action),
		send: async (client) => await new BatchRun(context, client, plan, outcomes, batchSize, options.parallelRequests).send(pending),
	});
}
