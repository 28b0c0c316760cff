// Update changes only what an item gives: a field it leaves out (or empty) keeps the value Kore.ai has.
// Kore's bulk update takes whole contacts only, so such a record is completed from Kore's copy first.
// Pure: the operation reads the list (once, for every record that needs it) and sends.
import { isPlainObject } from './koreAnswers';
import type { RawContact } from './mapping';
import { nationalNumber } from './phone';
import { isMissing } from './validation';

/** The fields Kore requires on every contact it writes. */
const REQUIRED = ['firstName', 'lastName', 'salutation', 'phoneNumber', 'countryCode', 'extension'] as const;

/** The fields Kore requires that the item leaves out (or empty): they need Kore's copy of the contact. */
export function missingFields(raw: RawContact) {
	return REQUIRED.filter((field) => isMissing(raw[field]));
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The item's fields over Kore's copy: what the item gives wins, the rest is Kore's. The full name is
 * Kore's only when the item changes neither name; otherwise it is derived from the names again.
 */
export function completeFrom(raw: RawContact, stored: Record<string, unknown>): RawContact {
	const phone = isPlainObject(stored.cellPhone) ? stored.cellPhone : {};
	const storedCountry = text(phone.countryCode) ?? '';
	const kept = (given: unknown, fallback: unknown) => (isMissing(given) ? fallback : given);
	const countryCode = kept(raw.countryCode, storedCountry);
	return {
		...raw,
		firstName: kept(raw.firstName, text(stored.firstName)),
		lastName: kept(raw.lastName, text(stored.lastName)),
		salutation: kept(raw.salutation, text(stored.salutation)),
		fullName: isMissing(raw.fullName) && isMissing(raw.firstName) && isMissing(raw.lastName) ? text(stored.fullName) : raw.fullName,
		// Kore stores the number with its country code in front ("+919845011111"); the record sends the national digits.
		phoneNumber: kept(raw.phoneNumber, nationalNumber(text(phone.phoneNumber) ?? '', storedCountry)),
		countryCode,
		extension: kept(raw.extension, text(phone.extension)),
	};
}
