// Get Many's filters as one predicate over contacts as Kore lists them. Kore documents no search, so
// the node reads the pages and keeps the matches; a number with its country code is one contact
// (Kore keeps a number on one contact), so the reading can stop at it.
import { contactIdOf } from './contactShape';
import { contactPhoneKey, countryDigits, nationalNumber, phoneKey } from './phone';

export type StatusFilter = 'active' | 'inactive' | 'any';

export interface ContactFilters {
	/** A contact ID: at most one contact. */
	id?: string;
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
	/** Asked after each match: true when nothing later in the list can change the answer, so reading stops. */
	settled?(): boolean;
	/**
	 * Keys a matching contact must have one of (see `contactKeys`), when the filter names them: many
	 * filters can then be matched against one read without testing each against every contact.
	 */
	keys?: string[];
}

export type FilterResult = { ok: true; predicate: ContactPredicate } | { ok: false; problem: string };

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const compactPhone = (written: string) => written.replace(/[\s\-.()[\]/]/g, '');

/** "+91 98450 11111", "0091-9845011111", "(+91) 98450 11111": the number carries its country code. */
function hasCountryCode(written: string) {
	return /^(\+|00)/.test(compactPhone(written));
}

/** The national digits of a contact's number (its country code taken off). */
function nationalDigits(contact: Record<string, unknown>) {
	const phone = (typeof contact.cellPhone === 'object' && contact.cellPhone !== null ? contact.cellPhone : contact) as Record<string, unknown>;
	const cc = countryDigits(phone.countryCode);
	return nationalNumber(text(phone.phoneNumber), cc ? `+${cc}` : '').replace(/\D/g, '');
}

/** The keys `ContactPredicate.keys` speaks of: a contact's id, its number, its national digits. */
export function contactKeys(contact: Record<string, unknown>): string[] {
	const id = contactIdOf(contact);
	const key = contactPhoneKey(contact);
	return [...(id === undefined ? [] : [`id:${id}`]), ...(key === undefined ? [] : [`phone:${key}`]), `national:${nationalDigits(contact)}`];
}

interface Matcher {
	test(contact: Record<string, unknown>): boolean;
	keys: string[];
}

function phoneMatcher(written: string): FilterResult | Matcher {
	const compact = compactPhone(written);
	if (!/^(\+|00)?\d+$/.test(compact)) {
		return { ok: false, problem: `The Phone Number filter "${written}" is not a phone number: use digits, with spaces, dashes or a leading + if you like (for example +91 98450 11111)` };
	}
	if (hasCountryCode(written)) {
		const key = phoneKey({ phoneNumber: compact.replace(/^00/, '+') });
		return { test: (contact) => contactPhoneKey(contact) === key, keys: [`phone:${key}`] };
	}
	// Digits alone: the national number exactly, or the number with its country code's digits in
	// front ("919845011111" is "+91 98450 11111", as Kore.ai stores it).
	return {
		test: (contact) => nationalDigits(contact) === compact || contactPhoneKey(contact) === `+${compact}`,
		keys: [`national:${compact}`, `phone:+${compact}`],
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
	let keys: string[] | undefined;
	const id = filters.id?.trim();
	if (id) {
		tests.push((contact) => contactIdOf(contact) === id);
		keys = [`id:${id}`];
	}
	const phone = filters.phoneNumber?.trim();
	if (phone) {
		const matcher = phoneMatcher(phone);
		if ('ok' in matcher) return matcher;
		tests.push(matcher.test);
		keys ??= matcher.keys;
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
			unique: !!id || (!!phone && hasCountryCode(phone) && wantedStatus === 'active'),
			selective: tests.length > (wantedStatus === 'active' ? 1 : 0) || wantedStatus === 'inactive',
			...(keys && { keys }),
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
