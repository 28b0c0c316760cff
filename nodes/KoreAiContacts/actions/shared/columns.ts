// The contact mapping (a resource mapper) and reading each item through it, shared by the
// operations that write contact fields.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { contactFromItem, contactFromMappedValues, type RawContact } from '../../helpers/mapping';
import type { ItemOutcome, PendingRecord } from '../../helpers/types';

const AUTO_MAP_HINT =
	'Map Automatically reads fields named like the contact fields: firstName, lastName, salutation, and phoneNumber, countryCode, extension (flat or inside cellPhone)';

const KEEPS_HINT =
	"A field left out or empty keeps the value Kore.ai has. When an item leaves out any of First Name, Last Name, Salutation, Phone Number, Country Code or Extension, the node reads the contact list once for all such items (one request per 1,000 contacts, stopping when it has found them all)";

/** What every Columns mapper of the node has alike. */
export const EVERY_MAPPER = { fieldWords: { singular: 'field', plural: 'fields' }, addAllFields: true, multiKeyMatch: false, supportAutoMap: true } as const;

const MAPPERS = {
	/** Bulk Update: the id finds the contact. */
	update: {
		resourceMapperMethod: 'getContactFields',
		mode: 'update',
		...EVERY_MAPPER,
		matchingFieldsLabels: {
			title: 'Contact to Update',
			description: 'Kore.ai finds the contact to update by its ID',
			hint: 'The ID of an existing Kore.ai contact, as in the id (or _id) of a contact read from Kore.ai',
		},
	},
	/** Create: no id among the fields, Kore gives it. */
	add: {
		resourceMapperMethod: 'getNewContactFields',
		mode: 'add',
		...EVERY_MAPPER,
	},
	/** Update: no id among the fields (Contact names the contact); the fields left out keep Kore's values. */
	change: {
		resourceMapperMethod: 'getChangedFields',
		mode: 'add',
		...EVERY_MAPPER,
	},
	/** Create or Update: matched on the phone number, or on the id. */
	upsert: {
		resourceMapperMethod: 'getUpsertFields',
		mode: 'upsert',
		...EVERY_MAPPER,
		matchingFieldsLabels: {
			title: 'Match Contacts By',
			description: "Kore.ai allows a phone number on one contact only, so the number finds a person's contact; or match on the contact ID",
			hint: 'Phone numbers match however they are written: +91 98765 43210, 0091-9876543210 and 9876543210 with country code 91 are one number',
		},
	},
} as const;

/** The Columns parameter of one operation, with the mapping fields its kind of write needs. */
export function columnsFor(operation: string, kind: keyof typeof MAPPERS): INodeProperties {
	const withId = kind === 'update' || kind === 'upsert';
	const keeps = kind === 'update' || kind === 'change';
	return {
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: 'Which values of each input item go into which contact field',
		hint: `${withId ? AUTO_MAP_HINT.replace('firstName', 'id, firstName') : AUTO_MAP_HINT}${keeps ? `. ${KEEPS_HINT}` : ''}`,
		typeOptions: { resourceMapper: { ...MAPPERS[kind] } },
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
		const id = 'id' in result ? result.id : raw.id;
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
