// The contacts of one bot, with Kore's documented rules for each field and its behaviour on update:
// phone numbers stored prefixed with the country code, one phone number per active contact.
import { randomBytes, randomUUID } from 'node:crypto';

import type { CellPhone, StoredContact } from './types';

export interface StoreIdentity {
	streamId: string;
	accountId: string;
	orgId: string;
	userId: string;
	appId: string;
}

export interface ContactInput {
	firstName: string;
	lastName: string;
	fullName?: string;
	salutation: string;
	cellPhone: CellPhone;
}

export type RecordCheck = { ok: true; value: ContactInput } | { ok: false; reason: string; code: string };

const REQUIRED_STRINGS = ['firstName', 'lastName', 'salutation'] as const;
const REQUIRED_PHONE_STRINGS = ['phoneNumber', 'countryCode', 'extension'] as const;

/** Kore's documented body rules for one contact (the id is checked by the caller). */
export function checkContactFields(record: unknown): RecordCheck {
	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		return { ok: false, reason: 'Invalid record: each record must be an object', code: 'INVALID_RECORD' };
	}
	const r = record as Record<string, unknown>;
	for (const field of REQUIRED_STRINGS) {
		if (typeof r[field] !== 'string' || (r[field] as string).trim() === '') {
			return { ok: false, reason: `Invalid field: ${field} is required and must be a string`, code: 'INVALID_FIELD' };
		}
	}
	if (r.fullName !== undefined && typeof r.fullName !== 'string') {
		return { ok: false, reason: 'Invalid field: fullName must be a string', code: 'INVALID_FIELD' };
	}
	const phone = r.cellPhone;
	if (typeof phone !== 'object' || phone === null || Array.isArray(phone)) {
		return { ok: false, reason: 'Invalid field: cellPhone is required and must be an object', code: 'INVALID_FIELD' };
	}
	const p = phone as Record<string, unknown>;
	for (const field of REQUIRED_PHONE_STRINGS) {
		if (typeof p[field] !== 'string') {
			return { ok: false, reason: `Invalid field: cellPhone.${field} is required and must be a string`, code: 'INVALID_FIELD' };
		}
	}
	if (!/^\d+$/.test(p.phoneNumber as string)) {
		return {
			ok: false,
			reason: 'Invalid field: cellPhone.phoneNumber must contain numeric digits only',
			code: 'INVALID_PHONE_NUMBER',
		};
	}
	if (!/^\+?\d{1,4}$/.test(p.countryCode as string)) {
		return { ok: false, reason: 'Invalid field: cellPhone.countryCode must be a country calling code such as +91', code: 'INVALID_FIELD' };
	}
	return {
		ok: true,
		value: {
			firstName: r.firstName as string,
			lastName: r.lastName as string,
			fullName: r.fullName as string | undefined,
			salutation: r.salutation as string,
			cellPhone: {
				phoneNumber: p.phoneNumber as string,
				countryCode: p.countryCode as string,
				extension: p.extension as string,
			},
		},
	};
}

/** The number as Kore stores it: country code (with +) then the digits. */
export function storedPhoneNumber(phone: CellPhone) {
	const code = phone.countryCode.startsWith('+') ? phone.countryCode : `+${phone.countryCode}`;
	return phone.phoneNumber.startsWith(code) ? phone.phoneNumber : `${code}${phone.phoneNumber}`;
}

/** How new contacts' ids look: Kore's 24 hex digits, or UUIDs (36 characters) to try ids of another shape. */
export type ContactIdStyle = 'kore' | 'uuid';

export function newContactId(style: ContactIdStyle = 'kore') {
	return style === 'uuid' ? randomUUID() : randomBytes(12).toString('hex');
}

export class ContactStore {
	private readonly contacts = new Map<string, StoredContact>();
	/** stored phone number -> id of the active contact that owns it */
	private readonly phoneOwners = new Map<string, string>();
	idStyle: ContactIdStyle = 'kore';

	constructor(
		private readonly identity: StoreIdentity,
		private readonly now: () => number,
	) {}

	get size() {
		return this.contacts.size;
	}

	get(id: string) {
		return this.contacts.get(id);
	}

	all(): StoredContact[] {
		return [...this.contacts.values()];
	}

	active(): StoredContact[] {
		return this.all().filter((c) => c.status === 'ACTIVE');
	}

	clear() {
		this.contacts.clear();
		this.phoneOwners.clear();
	}

	load(contacts: StoredContact[]) {
		this.clear();
		for (const contact of contacts) this.put(contact);
	}

	/** The id of another active contact that already owns this number, if any. */
	phoneOwnedByOther(phone: CellPhone, id?: string) {
		const owner = this.phoneOwners.get(storedPhoneNumber(phone));
		return owner !== undefined && owner !== id ? owner : undefined;
	}

	create(input: ContactInput, id = newContactId(this.idStyle)): StoredContact {
		const at = new Date(this.now()).toISOString();
		const contact: StoredContact = {
			_id: id,
			firstName: input.firstName,
			lastName: input.lastName,
			fullName: input.fullName ?? `${input.firstName} ${input.lastName}`,
			salutation: input.salutation,
			cellPhone: { ...input.cellPhone, phoneNumber: storedPhoneNumber(input.cellPhone) },
			status: 'ACTIVE',
			instanceBotId: this.identity.streamId,
			orgId: this.identity.orgId,
			accountId: this.identity.accountId,
			createdBy: this.identity.userId,
			createdByAId: this.identity.appId,
			address: [],
			twitterDetails: [],
			createdAt: at,
			updatedAt: at,
			updatedBy: this.identity.userId,
			updatedByAId: this.identity.appId,
		};
		this.put(contact);
		return contact;
	}

	update(id: string, input: ContactInput): StoredContact {
		const existing = this.contacts.get(id);
		if (!existing) throw new Error(`no contact ${id}`);
		const updated: StoredContact = {
			...existing,
			firstName: input.firstName,
			lastName: input.lastName,
			fullName: input.fullName ?? `${input.firstName} ${input.lastName}`,
			salutation: input.salutation,
			cellPhone: { ...input.cellPhone, phoneNumber: storedPhoneNumber(input.cellPhone) },
			updatedAt: new Date(this.now()).toISOString(),
			updatedBy: this.identity.userId,
			updatedByAId: this.identity.appId,
		};
		this.put(updated);
		return updated;
	}

	deactivate(id: string): StoredContact | undefined {
		const existing = this.contacts.get(id);
		if (!existing) return undefined;
		const updated: StoredContact = { ...existing, status: 'INACTIVE', updatedAt: new Date(this.now()).toISOString() };
		this.put(updated);
		return updated;
	}

	private put(contact: StoredContact) {
		const previous = this.contacts.get(contact._id);
		if (previous && this.phoneOwners.get(previous.cellPhone.phoneNumber) === previous._id) {
			this.phoneOwners.delete(previous.cellPhone.phoneNumber);
		}
		this.contacts.set(contact._id, contact);
		if (contact.status === 'ACTIVE') this.phoneOwners.set(contact.cellPhone.phoneNumber, contact._id);
	}
}
