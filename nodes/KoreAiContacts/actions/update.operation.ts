// Update: each item rewrites one contact, named by Contact ID, with the mapped fields; one request per item.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../helpers/batching';
import { withId } from '../helpers/contactShape';
import type { ContactRecord, ItemOutcome } from '../helpers/types';
import { validateContactId, validateNewContact } from '../helpers/validation';
import { BatchRun, type BatchPlan } from './shared/batchRun';
import { columnsFor, validRecords } from './shared/columns';
import { contactIdFor } from './shared/contactId';
import { previewRequests } from './shared/dryRun';
import { optionsFor, readOptions } from './shared/options';
import { runWrite } from './shared/writeRun';

const OPERATION = 'update';

export const description: INodeProperties[] = [
	contactIdFor(OPERATION, 'The ID of the contact to update'),
	columnsFor(OPERATION, 'add'),
	...optionsFor(OPERATION, ['dryRun', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

const plan: BatchPlan<ContactRecord> = {
	key: byId,
	call: ([{ id, ...fields }]) => ({ method: 'PUT', path: `/${encodeURIComponent(id)}`, body: fields, expect: 'contact', oneContact: true, verb: 'update' }),
	reconcile: (batch, body) => [{ kind: 'success', contact: { ...withId(body as Record<string, unknown>), id: batch[0].record.id } }],
	idOf: (record) => record.id,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = validRecords(this, items, outcomes, (raw, itemIndex) => {
		const contactId = this.getNodeParameter('contactId', itemIndex, '') as unknown;
		// The contact is named by Contact ID; an id among the mapped fields is not a field to change.
		const checkedId = validateContactId(contactId);
		const fields = validateNewContact({ ...raw, id: undefined });
		if (checkedId.ok && fields.ok) return { ok: true, record: { id: checkedId.id, ...fields.record } };
		return { ok: false, id: contactId, reason: [checkedId, fields].flatMap((r) => (r.ok ? [] : [r.reason])).join('. ') };
	});
	return await runWrite(this, {
		operation: 'update',
		items,
		options,
		outcomes,
		pending,
		idOf: plan.idOf,
		preview: () => previewRequests(pending, outcomes, 1, byId, plan.call, 'updated'),
		send: async (client) => await new BatchRun(this, client, plan, outcomes, 1, options.parallelRequests).send(pending),
	});
}
