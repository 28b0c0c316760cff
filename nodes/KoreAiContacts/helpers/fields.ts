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

/** The fields of `cellPhone` in Kore's shape, which items may also carry flat. */
export const PHONE_FIELDS = ['phoneNumber', 'countryCode', 'extension'] as const;
