// Get Many's filters as one predicate over contacts as Kore lists them. Kore documents no search, so
// the node reads the pages and keeps the matches; a number with its country code is one contact
// (Kore keeps a number on one contact), so the reading can stop at it.
import { contactPhoneKey, countryDigits, nationalNumber, phoneKey } from './phone';

export type StatusFilter = 'active' | 'inactive' | 'any';

export interface ContactFilters {
	phoneNumber?: string;
	name?: string;
	status?: StatusFilter;
	/** An instant, in ms since the epoch. */
	updatedSince?: number;
}

export interface ContactPredicate {
	matches(contact: Record<string, unknown>): boolean;
	/** At most one contact can match: reading can stop at the first. */
	unique: boolean;
	/** Leaves out more than deleted contacts: a page may hold few matches, so pages are read whole. */
	selective: boolean;
}

export type FilterResult = { ok: true; predicate: ContactPredicate } | { ok: false; problem: string };

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const compactPhone = (written: string) => written.replace(/[\s\-.()[\]/]/g, '');

/** "+91 98450 11111", "0091-9845011111", "(+91) 98450 11111": the number carries its country code. */
function hasCountryCode(written: string) {
	return /^(\+|00)/.test(compactPhone(written));
}

function phoneMatcher(written: string): FilterResult | ((contact: Record<string, unknown>) => boolean) {
	const compact = compactPhone(written);
	if (!/^(\+|00)?\d+$/.test(compact)) {
		return { ok: false, problem: `The Phone Number filter "${written}" is not a phone number: use digits, with spaces, dashes or a leading + if you like (for example +91 98450 11111)` };
	}
	if (hasCountryCode(written)) {
		const key = phoneKey({ phoneNumber: compact.replace(/^00/, '+') });
		return (contact) => contactPhoneKey(contact) === key;
	}
	return (contact) => {
		const phone = (typeof contact.cellPhone === 'object' && contact.cellPhone !== null ? contact.cellPhone : contact) as Record<string, unknown>;
		const stored = text(phone.phoneNumber);
		const cc = countryDigits(phone.countryCode);
		return nationalNumber(stored, cc ? `+${cc}` : '').replace(/\D/g, '') === compact;
	};
}

function nameMatcher(name: string) {
	const wanted = name.trim().toLowerCase();
	return (contact: Record<string, unknown>) => {
		const first = text(contact.firstName);
		const last = text(contact.lastName);
		return [first, last, text(contact.fullName), `${first} ${last}`].some((value) => value.toLowerCase().includes(wanted));
	};
}

function statusMatcher(status: StatusFilter) {
	if (status === 'any') return undefined;
	// Kore marks a deleted contact INACTIVE; a contact without a status is an active one.
	return (contact: Record<string, unknown>) => (contact.status === 'INACTIVE') === (status === 'inactive');
}

function updatedMatcher(since: number) {
	return (contact: Record<string, unknown>) => {
		const updated = Date.parse(text(contact.updatedAt));
		return !Number.isNaN(updated) && updated >= since;
	};
}

/** All given filters, combined (AND). */
export function contactFilter(filters: ContactFilters): FilterResult {
	const tests: Array<(contact: Record<string, unknown>) => boolean> = [];
	const phone = filters.phoneNumber?.trim();
	if (phone) {
		const matcher = phoneMatcher(phone);
		if (typeof matcher !== 'function') return matcher;
		tests.push(matcher);
	}
	if (filters.name?.trim()) tests.push(nameMatcher(filters.name));
	const wantedStatus = filters.status ?? 'active';
	const status = statusMatcher(wantedStatus);
	if (status) tests.push(status);
	if (filters.updatedSince !== undefined) tests.push(updatedMatcher(filters.updatedSince));
	return {
		ok: true,
		// Kore keeps a number on one active contact; deleted ones may share it.
		predicate: {
			matches: (contact) => tests.every((test) => test(contact)),
			unique: !!phone && hasCountryCode(phone) && wantedStatus === 'active',
			selective: tests.length > (wantedStatus === 'active' ? 1 : 0) || wantedStatus === 'inactive',
		},
	};
}

/**
 * A date and time as the editor gives it, as an instant: with a zone or offset as written, without
 * one in `timeZone` (the workflow's). Undefined for an empty value; NaN for one that is not a date.
 */
export function instantIn(value: unknown, timeZone: string): number | undefined {
	const written = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
	if (written === '') return undefined;
	if (/(Z|[+-]\d\d:?\d\d)$/i.test(written) || !/^\d{4}-\d\d-\d\d/.test(written)) return Date.parse(written);
	const asUtc = Date.parse(`${written.length === 10 ? `${written}T00:00:00` : written}Z`);
	if (Number.isNaN(asUtc)) return NaN;
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
	} catch {
		return asUtc;
	}
	// The zone's offset at that wall-clock time, found from how the zone writes the UTC instant.
	const offset = (at: number) => {
		const parts = format.formatToParts(at);
		const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
		return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
	};
	const first = asUtc - offset(asUtc);
	return asUtc - offset(first);
}
