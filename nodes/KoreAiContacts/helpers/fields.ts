// The contact fields Bulk Update maps, shared by the resource mapper and the mapping from items.

export const CONTACT_FIELDS = [
	{ id: 'id', displayName: 'Contact ID', required: true },
	{ id: 'firstName', displayName: 'First Name', required: true },
	{ id: 'lastName', displayName: 'Last Name', required: true },
	{ id: 'fullName', displayName: 'Full Name (Optional)', required: false },
	{ id: 'salutation', displayName: 'Salutation', required: true },
	{ id: 'phoneNumber', displayName: 'Phone Number (Digits Only)', required: true },
	{ id: 'countryCode', displayName: 'Country Code', required: true },
	{ id: 'extension', displayName: 'Extension (Dialing Prefix)', required: true },
] as const;

export type ContactFieldId = (typeof CONTACT_FIELDS)[number]['id'];

/**
 * A field as a reason names it: as the editor shows it, with the JSON key beside it, so a person can
 * find it in the panel and in the data ("Phone Number (phoneNumber)").
 */
export function fieldLabel(id: ContactFieldId | 'cellPhone'): string {
	const shown = CONTACT_FIELDS.find((field) => field.id === id)?.displayName.replace(/ \(.*\)$/, '') ?? 'Cell Phone';
	return `${shown} (${id})`;
}

/** The fields of `cellPhone` in Kore's shape, which items may also carry flat. */
export const PHONE_FIELDS = ['phoneNumber', 'countryCode', 'extension'] as const;
