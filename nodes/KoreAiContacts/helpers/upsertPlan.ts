// Create or Update, decided before anything is sent: each item matched to the account's contacts
// (read once) by phone number or id, then unchanged, updated (with what changes) or created.
// Ambiguity is reported, never guessed. Pure: the operation reads and sends.
import { contactIdOf } from './contactShape';
import type { RawContact } from './mapping';
import { contactPhoneKey, countryDigits, nationalNumber, phoneKey } from './phone';
import type { ContactRecord, NewContact } from './types';

export interface UpsertItem {
	itemIndex: number;
	record: NewContact;
	/** The contact id the item carries, if any (checked). */
	id?: string;
	/** Whether the item maps fullName; if not, a contact's own full name is kept. */
	mapsFullName: boolean;
}

export type StoredContact = Record<string, unknown> & { _id?: unknown; id?: unknown; status?: unknown; cellPhone?: unknown };

export type Changes = Record<string, { from: unknown; to: unknown }>;

export type Decision =
	| { action: 'unchanged'; contact: StoredContact }
	| { action: 'updated'; record: ContactRecord; changes: Changes; contact: StoredContact }
	| { action: 'created'; record: NewContact }
	| { action: 'failed'; reason: string; code: string; id?: string };

export interface UpsertSettings {
	matchOn: 'phoneNumber' | 'id';
	/** Match on the id when an item carries one, even when matching on phone number. */
	preferId: boolean;
	skipUnchanged: boolean;
}

const contactId = (contact: StoredContact) => contactIdOf(contact) ?? '';

/**
 * The account's contacts by phone key, and by id when any item needs it; an active contact wins a
 * number over an inactive one.
 */
export function indexContacts(contacts: StoredContact[], withIds = true) {
	const byPhone = new Map<string, StoredContact>();
	const byId = new Map<string, StoredContact>();
	for (const contact of contacts) {
		if (withIds) byId.set(contactId(contact), contact);
		const key = contactPhoneKey(contact);
		if (key === undefined) continue;
		const held = byPhone.get(key);
		if (!held || (held.status === 'INACTIVE' && contact.status !== 'INACTIVE')) byPhone.set(key, contact);
	}
	return { byPhone, byId };
}

function cellPhoneOf(contact: StoredContact) {
	return (typeof contact.cellPhone === 'object' && contact.cellPhone !== null ? contact.cellPhone : {}) as Record<string, unknown>;
}

/**
 * What would change on `contact` if `record` were written: only the fields the item maps. The phone
 * numbers are compared by key (`samePhone`, when the caller already knows it).
 */
export function contactChanges(contact: StoredContact, record: NewContact, mapsFullName: boolean, samePhone?: boolean): Changes {
	const changes: Changes = {};
	const phone = cellPhoneOf(contact);
	const compare = (field: string, from: unknown, to: unknown, same = from === to) => {
		if (!same) changes[field] = { from: from ?? null, to };
	};
	compare('firstName', contact.firstName, record.firstName);
	compare('lastName', contact.lastName, record.lastName);
	if (mapsFullName) compare('fullName', contact.fullName, record.fullName);
	compare('salutation', contact.salutation, record.salutation);
	if (!(samePhone ?? contactPhoneKey(contact) === phoneKey(record.cellPhone))) {
		const national = typeof phone.phoneNumber === 'string' ? nationalNumber(phone.phoneNumber, phone.countryCode) : null;
		compare('phoneNumber', national, record.cellPhone.phoneNumber, false);
	}
	if (phone.countryCode !== record.cellPhone.countryCode) {
		const countryCode = `+${countryDigits(phone.countryCode)}`;
		compare('countryCode', countryCode, record.cellPhone.countryCode);
	}
	compare('extension', phone.extension, record.cellPhone.extension);
	return changes;
}

function failed(code: string, reason: string, id?: string): Decision {
	return { action: 'failed', code, reason, ...(id !== undefined && { id }) };
}

export function planUpsert(items: UpsertItem[], contacts: StoredContact[], settings: UpsertSettings): Decision[] {
	const { byPhone, byId } = indexContacts(contacts, settings.matchOn === 'id' || items.some((item) => item.id !== undefined));
	const phoneSeen = new Map<string, number>();
	const contactSeen = new Map<string, number>();
	return items.map(({ itemIndex, record, id, mapsFullName }): Decision => {
		const key = phoneKey(record.cellPhone) ?? '';
		const earlier = phoneSeen.get(key);
		if (earlier !== undefined) {
			return failed('REPEATED_PHONE_NUMBER', `The phone number ${key} is also on item ${earlier}, which comes first; only that item is written.`, id);
		}
		phoneSeen.set(key, itemIndex);
		const byIdMatch = id !== undefined ? byId.get(id) : undefined;
		const byPhoneMatch = byPhone.get(key);
		const onId = settings.matchOn === 'id' || (settings.preferId && id !== undefined);
		if (id !== undefined && !byIdMatch) {
			return failed('CONTACT_NOT_FOUND', `Kore.ai has no contact with the id ${id} this item carries: correct the id, or remove it to match by phone number only.`, id);
		}
		let target = onId ? byIdMatch : byPhoneMatch;
		if (byIdMatch && byPhoneMatch && contactId(byIdMatch) !== contactId(byPhoneMatch)) {
			return failed(
				'AMBIGUOUS_MATCH',
				`The phone number ${key} belongs to contact ${contactId(byPhoneMatch)}, but the item's id is contact ${contactId(byIdMatch)}: correct the id or the phone number so both name one contact.`,
				id,
			);
		}
		if (!onId && byIdMatch && !byPhoneMatch) {
			// Matching on phone, with an id of a contact that has another number: the number is what changes.
			target = byIdMatch;
		}
		if (!target) {
			if (onId && byPhoneMatch) {
				return failed('DUPLICATE_PHONE_NUMBER', `The item has no contact id, and its phone number ${key} already belongs to contact ${contactId(byPhoneMatch)}: map that id, or match on phone number.`);
			}
			return { action: 'created', record };
		}
		const targetId = contactId(target);
		const twice = contactSeen.get(targetId);
		if (twice !== undefined) return failed('REPEATED_CONTACT', `Item ${twice}, which comes first, already writes contact ${targetId}; only that item is written.`, targetId);
		contactSeen.set(targetId, itemIndex);
		if (target.status === 'INACTIVE') {
			return failed(
				'INACTIVE_CONTACT',
				`The matching contact ${targetId} was deleted in Kore.ai (INACTIVE) and cannot be updated. Restore it in Kore.ai, or give this person another number, then run again.`,
				targetId,
			);
		}
		const changes = contactChanges(target, record, mapsFullName, target === byPhoneMatch);
		if (Object.keys(changes).length === 0 && settings.skipUnchanged) return { action: 'unchanged', contact: target };
		const fullName = mapsFullName || typeof target.fullName !== 'string' ? record.fullName : target.fullName;
		return { action: 'updated', record: { id: targetId, ...record, fullName }, changes, contact: target };
	});
}

/** Whether the person mapped a full name (otherwise the node derives one, and keeps Kore's own). */
export function mapsFullName(raw: RawContact) {
	return typeof raw.fullName === 'string' ? raw.fullName.trim() !== '' : raw.fullName !== undefined && raw.fullName !== null;
}
