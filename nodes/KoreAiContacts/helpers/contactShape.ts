// Contacts as the outputs carry them: Kore's shape with `id` beside `_id`, or flat for a sheet.
import type { IDataObject } from 'n8n-workflow';

/** Kore's contact, with `id` beside `_id` (Update and Delete read `id` by default). */
export function withId(contact: Record<string, unknown>): IDataObject {
	const id = contact.id ?? contact._id;
	return { ...contact, ...(id !== undefined && { id }) } as IDataObject;
}

/**
 * Flat: phoneNumber (digits, without the country code Kore puts in front), countryCode and extension
 * at the top level, so the row can go to a sheet and come back through Bulk Update unchanged.
 */
export function flatContact(contact: Record<string, unknown>): IDataObject {
	const { cellPhone, ...rest } = withId(contact);
	const phone = (typeof cellPhone === 'object' && cellPhone !== null ? cellPhone : {}) as Record<string, unknown>;
	const countryCode = typeof phone.countryCode === 'string' ? phone.countryCode : '';
	let phoneNumber = typeof phone.phoneNumber === 'string' ? phone.phoneNumber : '';
	if (countryCode && phoneNumber.startsWith(countryCode)) phoneNumber = phoneNumber.slice(countryCode.length);
	return { ...rest, phoneNumber, countryCode, extension: phone.extension ?? '' } as IDataObject;
}
