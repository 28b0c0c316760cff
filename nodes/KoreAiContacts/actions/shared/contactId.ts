// The Contact ID parameter of the operations that name contacts, and reading it.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcome, PendingRecord } from '../../helpers/types';
import { validateContactId } from '../../helpers/validation';

const PLACEHOLDER = '6964af60d4c8a3d1a0b1c2d3';
const HINT = 'Read for each input item. Get Many and Create put the ID of each contact in "id".';

/**
 * Update and Delete name one contact per item: a resource locator, so it can be picked from a list of
 * the account's contacts (searched by name or phone number) or given by ID. A plain text value saved
 * before it was one (such as an expression) keeps working: n8n hands it over as it is.
 */
export function contactLocatorFor(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Contact',
		name: 'contactId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'id', value: '={{ $json.id }}' },
		description,
		hint: HINT,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a contact...',
				typeOptions: { searchListMethod: 'searchContacts', searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: PLACEHOLDER,
				validation: [{ type: 'regex', properties: { regex: '^[A-Za-z0-9_-]{1,64}$', errorMessage: 'A Kore.ai contact ID: letters, digits, - or _' } }],
			},
		],
		displayOptions: { show: { operation: [operation] } },
	};
}

/** Bulk Delete's Contact ID: one ID per item, most often mapped from the items. */
export function contactIdFor(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '={{ $json.id }}',
		placeholder: PLACEHOLDER,
		description,
		hint: HINT,
		displayOptions: { show: { operation: [operation] } },
	};
}

/** The Contact ID of one item, from a plain value or a resource locator. */
export function contactIdOfItem(context: IExecuteFunctions, itemIndex: number): unknown {
	return context.getNodeParameter('contactId', itemIndex, '', { extractValue: true }) as unknown;
}

/** The Contact ID of every item: valid ones to send, the others Failed before sending. */
export function readContactIds(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
): Array<PendingRecord<{ id: string }>> {
	const pending: Array<PendingRecord<{ id: string }>> = [];
	items.forEach((_, itemIndex) => {
		const value = contactIdOfItem(context, itemIndex);
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
