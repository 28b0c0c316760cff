// The people an Add Contacts run puts on a campaign contact list: each input item read and checked
// as Kore's campaign pages describe a list contact, the phone number read as the Contacts operations
// read it, and sent as Kore's Add Contacts sample writes it (country code and number, digits only).
// Then, since Kore answers only "in progress", what a later read of the list shows decides each
// number's fate. Pure.
import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './koreAnswers';
import { phoneKey } from './phone';
import { describeValue, isMissing } from './validation';

/** The fields a list contact can carry (the keys of a list's `mapping` in Kore's answers). */
export const LIST_CONTACT_FIELDS = [
	{ id: 'phoneNumber', displayName: 'Phone Number', required: true },
	{ id: 'countryCode', displayName: 'Country Code', required: false },
	{ id: 'firstName', displayName: 'First Name', required: false },
	{ id: 'lastName', displayName: 'Last Name', required: false },
	{ id: 'timeZone', displayName: 'Time Zone', required: false },
	{ id: 'uniqueId', displayName: 'Unique ID', required: false },
	{ id: 'contactPriority', displayName: 'Contact Priority', required: false },
] as const;

export type ListContactField = (typeof LIST_CONTACT_FIELDS)[number]['id'];
export type RawListContact = Partial<Record<ListContactField, unknown>>;

/** What Add Contacts sends for one person: `phoneNumber` in digits, the rest only when given. */
export interface ListEntry {
	phoneNumber: string;
	firstName?: string;
	lastName?: string;
	timeZone?: string;
	uniqueId?: string;
	contactPriority?: string;
}

const label = (id: ListContactField) => `${LIST_CONTACT_FIELDS.find((f) => f.id === id)!.displayName} (${id})`;
const E164_DIGITS = /^\d{8,15}$/;

/** The list-contact fields of an item (Map Automatically): only these keys are read. */
export function listContactFromItem(json: IDataObject): RawListContact {
	const raw: RawListContact = {};
	const phone = isPlainObject(json.cellPhone) ? json.cellPhone : undefined;
	for (const { id } of LIST_CONTACT_FIELDS) {
		const own = Object.prototype.hasOwnProperty.call(json, id) ? json[id] : undefined;
		raw[id] = own === undefined && phone && (id === 'phoneNumber' || id === 'countryCode') ? phone[id] : own;
	}
	return raw;
}

/** Whether `zone` is a time zone database name such as Asia/Kolkata (what Kore's dialer uses). */
export function isTimeZone(zone: string): boolean {
	if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(zone)) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

function text(value: unknown): string | undefined {
	if (isMissing(value)) return undefined;
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

/** One person to dial, or the reason the item cannot be one, the field named as the panel shows it. */
export function validateListContact(raw: RawListContact): { ok: true; entry: ListEntry; key: string } | { ok: false; reason: string } {
	if (isMissing(raw.phoneNumber)) return { ok: false, reason: `${label('phoneNumber')} is required` };
	if (typeof raw.phoneNumber !== 'string' && typeof raw.phoneNumber !== 'number') {
		return { ok: false, reason: `${label('phoneNumber')} must be text or a number; got ${describeValue(raw.phoneNumber)}` };
	}
	// "0044 20..." with no country code beside it: the international prefix, as "+44 20...".
	const given = String(raw.phoneNumber).trim();
	const written = isMissing(raw.countryCode) ? given.replace(/^00(?=\d)/, '+') : given;
	if (/[^\d\s\-.()[\]/+]/.test(written)) return { ok: false, reason: `${label('phoneNumber')} must be digits (spaces, dashes, brackets and a leading + are fine); got '${written}'` };
	const key = phoneKey({ phoneNumber: written, countryCode: raw.countryCode });
	const international = /^(\+|00)/.test(written) || !isMissing(raw.countryCode);
	if (!key || !international) {
		return { ok: false, reason: `${label('phoneNumber')} needs its country code for the dialer: write it with + (like +91 98450 11111) or map ${label('countryCode')}; got '${written}'` };
	}
	const digits = key.slice(1);
	if (!E164_DIGITS.test(digits)) return { ok: false, reason: `${label('phoneNumber')} must have 8 to 15 digits with its country code; got '${written}'` };
	const entry: ListEntry = { phoneNumber: digits };
	for (const id of ['firstName', 'lastName', 'uniqueId'] as const) {
		const value = text(raw[id]);
		if (value) entry[id] = value;
	}
	const zone = text(raw.timeZone);
	if (zone) {
		if (!isTimeZone(zone)) return { ok: false, reason: `${label('timeZone')} must be a time zone name such as Asia/Kolkata or America/New_York; got '${zone}'` };
		entry.timeZone = zone;
	}
	const priority = text(raw.contactPriority);
	if (priority) {
		if (!/^\d{1,3}$/.test(priority) || Number(priority) < 1) return { ok: false, reason: `${label('contactPriority')} must be a whole number from 1; got '${priority}'` };
		entry.contactPriority = priority;
	}
	return { ok: true, entry, key: digits };
}

/** The digits of a number as a list contact carries it: what a read of the list is compared by. */
export function listPhoneDigits(contact: unknown): string | undefined {
	if (!isPlainObject(contact)) return undefined;
	const value = contact.phoneNumber;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const digits = String(value).replace(/\D/g, '');
	return digits === '' ? undefined : digits;
}

/** How many times each number stands on the list. */
export function countNumbers(contacts: unknown[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const contact of contacts) {
		const digits = listPhoneDigits(contact);
		if (digits) counts.set(digits, (counts.get(digits) ?? 0) + 1);
	}
	return counts;
}

/**
 * Which sent numbers a read of the list confirms: a number is confirmed once it stands on the list
 * more often than before the run, by as many as were sent (a list that allows duplicates), or at all
 * (one that does not).
 */
export function confirmedNumbers(sent: Map<string, number>, before: Map<string, number>, now: Map<string, number>, allowDuplicates: boolean): Set<string> {
	const confirmed = new Set<string>();
	for (const [digits, times] of sent) {
		const count = now.get(digits) ?? 0;
		if (allowDuplicates ? count >= (before.get(digits) ?? 0) + times : count > 0) confirmed.add(digits);
	}
	return confirmed;
}
