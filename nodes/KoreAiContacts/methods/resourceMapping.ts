import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { CONTACT_FIELDS } from '../helpers/fields';

// Kore's contact schema is fixed, so the fields come from the node rather than from a call to Kore.
function fields(withId: boolean, matchOn: readonly string[] = ['id']): ResourceMapperField[] {
	return CONTACT_FIELDS.filter((field) => withId || field.id !== 'id').map((field) => ({
		id: field.id,
		displayName: field.displayName,
		// In Create or Update an item may carry no id: it is then matched by phone number, or created.
		required: field.required && !(field.id === 'id' && matchOn.length > 1),
		defaultMatch: field.id === matchOn[0],
		canBeUsedToMatch: matchOn.includes(field.id),
		display: true,
		type: 'string',
	}));
}

/** Bulk Update: the contact fields with the id that finds the contact. */
export async function getContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: fields(true) };
}

/** Create and Update: the contact fields without an id (Kore gives it, or Contact ID names it). */
export async function getNewContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: fields(false) };
}

/** Create or Update: every field, matched on the phone number (default) or the id. */
export async function getUpsertFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: fields(true, ['phoneNumber', 'id']) };
}
