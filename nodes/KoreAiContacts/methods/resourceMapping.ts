import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { CONTACT_FIELDS } from '../helpers/fields';

// Kore's contact schema is fixed, so the fields come from the node rather than from a call to Kore.
export async function getContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const fields: ResourceMapperField[] = CONTACT_FIELDS.map((field) => ({
		id: field.id,
		displayName: field.displayName,
		required: field.required,
		defaultMatch: field.id === 'id',
		canBeUsedToMatch: field.id === 'id',
		display: true,
		type: 'string',
	}));
	return { fields };
}
