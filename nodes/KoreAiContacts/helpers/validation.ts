// Kore's documented rules for a contact, checked before anything is sent, with the fix in the reason.
// What can be derived safely is: fullName from the names, separators stripped from phone numbers,
// numbers turned into text where a spreadsheet typed them as numbers, "+" before the country code.
import { fieldLabel, type ContactFieldId } from './fields';
import type { ContactRecord, NewContact } from './types';
import type { RawContact } from './mapping';
import { nationalNumber } from './phone';

export type ValidationResult = { ok: true; record: ContactRecord } | { ok: false; reason: string };
export type NewContactResult = { ok: true; record: NewContact } | { ok: false; reason: string };

const MAX_NAME_LENGTH = 200;
const MAX_ID_LENGTH = 64;
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const MIN_PHONE_DIGITS = 4;
const MAX_PHONE_DIGITS = 15;

/** Control characters (null bytes, line breaks, tabs): never part of a name, and trouble downstream. */
function isControlCode(code: number) {
	return code < 0x20 || code === 0x7f;
}

function hasControlCharacter(text: string) {
	for (let i = 0; i < text.length; i++) if (isControlCode(text.charCodeAt(i))) return true;
	return false;
}

function escapeControlCharacters(text: string) {
	let out = '';
	for (const char of text) {
		const code = char.charCodeAt(0);
		out += isControlCode(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
	}
	return out;
}

/** A short, safe rendering of a value for a reason text. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'an invalid number';
	const text = String(value);
	const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
	return `'${escapeControlCharacters(shown)}'`;
}

export function isMissing(value: unknown) {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Text from a string, or from a whole number a spreadsheet may have typed; otherwise undefined. */
function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	return undefined;
}

function checkId(value: unknown, problems: string[], fix = 'map the Kore.ai contact ID (a bulk update can only change existing contacts)'): string {
	if (isMissing(value)) {
		problems.push(`${fieldLabel('id')} is missing: ${fix}`);
		return '';
	}
	const id = asText(value);
	if (id === undefined) {
		problems.push(`${fieldLabel('id')} must be text; got ${describeValue(value)}`);
		return '';
	}
	if (id.length > MAX_ID_LENGTH || !ID_PATTERN.test(id)) {
		problems.push(
			`${fieldLabel('id')} must be a Kore.ai contact ID (letters, digits, '-' or '_', at most ${MAX_ID_LENGTH} characters); got ${describeValue(id)}`,
		);
	}
	return id;
}

function checkName(id: ContactFieldId, value: unknown, problems: string[]): string {
	const field = fieldLabel(id);
	if (isMissing(value)) {
		problems.push(`${field} is required by Kore.ai but is empty`);
		return '';
	}
	if (typeof value !== 'string') {
		problems.push(`${field} must be text; got ${describeValue(value)}`);
		return '';
	}
	const text = value.trim();
	if (hasControlCharacter(text)) {
		problems.push(`${field} contains a line break or control character; got ${describeValue(text)}`);
	} else if (text.length > MAX_NAME_LENGTH) {
		problems.push(`${field} is ${text.length} characters long; at most ${MAX_NAME_LENGTH} are accepted`);
	}
	return text;
}

function checkPhoneNumber(value: unknown, problems: string[], countryCode: string): string {
	if (isMissing(value)) {
		problems.push(`${fieldLabel('phoneNumber')} is required by Kore.ai but is empty`);
		return '';
	}
	const text = asText(value);
	if (text === undefined) {
		problems.push(`${fieldLabel('phoneNumber')} must be digits only; got ${describeValue(value)}`);
		return '';
	}
	const digits = nationalNumber(text, countryCode);
	if (!/^\d+$/.test(digits)) {
		const hint = digits.startsWith('+') ? ` (put the country code in ${fieldLabel('countryCode')}, not in the number)` : '';
		problems.push(`${fieldLabel('phoneNumber')} must be digits only; got ${describeValue(text)}${hint}`);
	} else if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) {
		problems.push(`${fieldLabel('phoneNumber')} must have ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits; got ${digits.length} digits`);
	}
	return digits;
}

function checkCountryCode(value: unknown, problems: string[]): string {
	if (isMissing(value)) {
		problems.push(`${fieldLabel('countryCode')} is required by Kore.ai but is empty: use the calling code, like '+91' or '+1'`);
		return '';
	}
	const text = asText(value);
	const digits = text?.replace(/^\+/, '').replace(/^00/, '');
	if (text === undefined || digits === undefined || !/^\d{1,4}$/.test(digits)) {
		problems.push(`${fieldLabel('countryCode')} must be a calling code like '+91' or '+1'; got ${describeValue(value)}`);
		return '';
	}
	return `+${digits}`;
}

function checkExtension(value: unknown, problems: string[]): string {
	if (value === undefined || value === null) {
		problems.push(`${fieldLabel('extension')} is required by Kore.ai (the dialing prefix; Kore's own example uses '+'): map a value for it`);
		return '';
	}
	const text = asText(value);
	if (text === undefined || hasControlCharacter(text) || text.length > 10) {
		problems.push(`${fieldLabel('extension')} must be short text, like '+'; got ${describeValue(value)}`);
		return '';
	}
	return text;
}

/** Checks one contact against Kore's rules; every problem is named, so one fix round is enough. */
export function validateContact(raw: RawContact): ValidationResult {
	const problems: string[] = [];
	const id = checkId(raw.id, problems);
	const fields = checkFields(raw, problems);
	if (problems.length > 0) return { ok: false, reason: problems.join('. ') };
	return { ok: true, record: { id, ...fields } };
}

/** The same rules for a new contact, which has no id yet: Kore gives it one. */
export function validateNewContact(raw: RawContact): NewContactResult {
	const problems: string[] = [];
	if (!isMissing(raw.id)) problems.push(`${fieldLabel('id')} must be empty for a new contact: Kore.ai gives it one (use Update or Bulk Update to change an existing contact)`);
	const fields = checkFields(raw, problems);
	if (problems.length > 0) return { ok: false, reason: problems.join('. ') };
	return { ok: true, record: fields };
}

/** A contact id as Update and Delete take it, checked before it goes into a URL. */
export function validateContactId(value: unknown): { ok: true; id: string } | { ok: false; reason: string } {
	const problems: string[] = [];
	const id = checkId(value, problems, 'map the Kore.ai contact ID, like the id of a contact from Get Many');
	return problems.length > 0 ? { ok: false, reason: problems.join('. ') } : { ok: true, id };
}

function checkFields(raw: RawContact, problems: string[]): NewContact {
	const firstName = checkName('firstName', raw.firstName, problems);
	const lastName = checkName('lastName', raw.lastName, problems);
	const fullName = isMissing(raw.fullName)
		? `${firstName} ${lastName}`.trim()
		: checkName('fullName', raw.fullName, problems);
	const salutation = checkName('salutation', raw.salutation, problems);
	if (raw.cellPhone !== undefined) {
		problems.push(`${fieldLabel('cellPhone')} must be an object with phoneNumber, countryCode and extension; got ${describeValue(raw.cellPhone)}`);
	}
	const countryCode = checkCountryCode(raw.countryCode, problems);
	const phoneNumber = checkPhoneNumber(raw.phoneNumber, problems, countryCode);
	const extension = checkExtension(raw.extension, problems);
	return { firstName, lastName, fullName, salutation, cellPhone: { phoneNumber, countryCode, extension } };
}
