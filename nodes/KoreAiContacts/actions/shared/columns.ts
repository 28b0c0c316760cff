// The contact mapping (a resource mapper) and reading each item through it, shared by the
// operations that write contact fields.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { contactFromItem, contactFromMappedValues, type RawContact } from '../../helpers/mapping';
import type { ItemOutcome, PendingRecord } from '../../helpers/types';

const AUTO_MAP_HINT =
	'Map Automatically reads fields named like the contact fields: firstName, lastName, salutation, and phoneNumber, countryCode, extension (flat or inside cellPhone)';

/** The Columns parameter of one operation. `withId`: the mapping includes the contact's id, to match on. */
export function columnsFor(operation: string, withId: boolean): INodeProperties {
	return {
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: 'Which values of each input item go into which contact field',
		hint: withId ? AUTO_MAP_HINT.replace('firstName', 'id, firstName') : AUTO_MAP_HINT,
		typeOptions: {
			resourceMapper: withId
				? {
						resourceMapperMethod: 'getContactFields',
						mode: 'update',
						fieldWords: { singular: 'field', plural: 'fields' },
						addAllFields: true,
						multiKeyMatch: false,
						supportAutoMap: true,
						matchingFieldsLabels: {
							title: 'Contact to Update',
							description: 'Kore.ai finds the contact to update by its ID',
							hint: 'The ID of an existing Kore.ai contact, as in the id (or _id) of a contact read from Kore.ai',
						},
					}
				: {
						resourceMapperMethod: 'getNewContactFields',
						mode: 'add',
						fieldWords: { singular: 'field', plural: 'fields' },
						addAllFields: true,
						multiKeyMatch: false,
						supportAutoMap: true,
					},
		},
		displayOptions: { show: { operation: [operation] } },
	};
}

type Checked<R> = { ok: true; record: R } | { ok: false; reason: string; id?: unknown };

/**
 * Each item through the mapping and `check`: the records to send, and a Failed outcome (before
 * sending) for each item that breaks a rule. A failure's `id` is shown when given, else the item's.
 */
export function validRecords<R>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	check: (raw: RawContact, itemIndex: number) => Checked<R>,
): Array<PendingRecord<R>> {
	const pending: Array<PendingRecord<R>> = [];
	rawContacts(context, items).forEach((raw, itemIndex) => {
		const result = check(raw, itemIndex);
		if (result.ok) {
			pending.push({ slot: itemIndex, itemIndex, record: result.record });
			return;
		}
		const id = givenId('id' in result ? result.id : raw.id);
		outcomes[itemIndex] = { kind: 'failed', id, record: raw, stage: 'validation', reason: result.reason, code: 'INVALID_RECORD' };
	});
	return pending;
}

/** The raw contact fields of one item, in the mapping mode the person chose. */
export function rawContacts(context: IExecuteFunctions, items: INodeExecutionData[]): RawContact[] {
	const automatic = context.getNodeParameter('columns.mappingMode', 0, 'defineBelow') === 'autoMapInputData';
	return items.map((item, itemIndex) =>
		automatic ? contactFromItem(item.json) : contactFromMappedValues(context.getNodeParameter('columns.value', itemIndex, {}) as IDataObject),
	);
}

/** The id as the person gave it, for the Failed item: only plain values, never an object. */
export function givenId(value: unknown) {
	return typeof value === 'string' || typeof value === 'number' ? value : null;
}
