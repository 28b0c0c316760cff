// Contacts as the outputs carry them: Kore's shape with `id` beside `_id`, or flat for a sheet.
import type { IDataObject } from 'n8n-workflow';

/**
 * A contact's id: `_id` as Kore keeps it, or `id` as the node's outputs (and a CRM row) carry it.
 * Undefined when neither is text or a number.
 */
export function contactIdOf(contact: Record<string, unknown>): string | undefined {
	const id = contact._id ?? contact.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Kore's contact, with `id` beside `_id` (Update and Delete read `id` by default). */
export function withId(contact: Record<string, unknown>): IDataObject {
	const id = contactIdOf(contact);
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
