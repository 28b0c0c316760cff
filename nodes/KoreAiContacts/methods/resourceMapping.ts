import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { CONTACT_FIELDS } from '../helpers/fields';
import { LIST_CONTACT_FIELDS } from '../helpers/listEntries';

// Kore's contact schema is fixed, so the fields come from the node rather than from a call to Kore.
// `changesOnly`: an update, where a field left out keeps Kore's value, so only the id is required.
function fields(withId: boolean, matchOn: readonly string[] = ['id'], changesOnly = false): ResourceMapperField[] {
	return CONTACT_FIELDS.filter((field) => withId || field.id !== 'id').map((field) => ({
		id: field.id,
		displayName: field.displayName,
		// In Create or Update an item may carry no id: it is then matched by phone number, or created.
		required: field.required && !(field.id === 'id' && matchOn.length > 1) && !(changesOnly && field.id !== 'id'),
		defaultMatch: field.id === matchOn[0],
		canBeUsedToMatch: matchOn.includes(field.id),
		display: true,
		type: 'string',
	}));
}

/** Bulk Update: the contact fields with the id that finds the contact; the others only where they change. */
export async function getContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: fields(true, ['id'], true) };
}

/** Create: every contact field Kore requires, without an id (Kore gives it). */
export async function getNewContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: fields(false) };
}

/** Update: the fields to change, none required, without an id (Contact names the contact). */
export async function getChangedFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: fields(false, ['id'], true) };
}

/** Create or Update: every field, matched on the phone number (default) or the id. */
export async function getUpsertFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: fields(true, ['phoneNumber', 'id']) };
}

/** Add Contacts: a person to dial on a campaign list; only the phone number is required. */
export async function getListContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return {
		fields: LIST_CONTACT_FIELDS.map((field) => ({
			id: field.id,
			displayName: field.displayName,
			required: field.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		})),
	};
}
