// A phone number as Kore.ai keeps it unique per account: "+", the country code, then the national
// digits. Records sent, contacts Kore answers with, and rows of a CRM are all compared by this key.

const SEPARATORS = /[\s\-.()[\]/]/g;
const STORED_FORM = /^\+\d+$/;
/** Digits after the country code, at least: a number shorter than this never repeats its code. */
const MIN_NATIONAL_DIGITS = 10;

function digitsOf(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\D/g, '') : '';
}

/** "+91", "91", "0091" -> "91". */
export function countryDigits(countryCode: unknown): string {
	return digitsOf(countryCode).replace(/^00/, '');
}

/**
 * The national number of `phoneNumber` for this country code: separators removed, and a country
 * code written in front of it again ("+91 98765 43210", "0091-9876543210", "919876543210" for a
 * 10-digit number) taken off. Anything else (letters, another "+") is left for validation to name.
 */
export function nationalNumber(phoneNumber: string, countryCode: unknown): string {
	const compact = phoneNumber.replace(SEPARATORS, '');
	const cc = countryDigits(countryCode);
	if (cc === '') return compact;
	for (const prefix of [`+${cc}`, `00${cc}`]) {
		if (compact.startsWith(prefix) && compact.length > prefix.length) return compact.slice(prefix.length);
	}
	// Written without "+" or "00", the code is only taken off when a full national number follows.
	if (/^\d+$/.test(compact) && compact.startsWith(cc) && compact.length - cc.length >= MIN_NATIONAL_DIGITS) return compact.slice(cc.length);
	return compact;
}

/** The key of a number given as its parts (as an item or a record carries it, or Kore stores it). */
export function phoneKey(phone: { phoneNumber?: unknown; countryCode?: unknown } | undefined): string | undefined {
	if (!phone || (typeof phone.phoneNumber !== 'string' && typeof phone.phoneNumber !== 'number')) return undefined;
	const text = String(phone.phoneNumber).trim();
	// Kore's own form, "+919876543210", is the key already, whatever the country code beside it: the
	// common case when indexing an account.
	if (STORED_FORM.test(text)) return text;
	const cc = countryDigits(phone.countryCode);
	// A number written with "+" and another code than the one given carries its own: keep it whole.
	if (text.startsWith('+') && !(cc && text.replace(SEPARATORS, '').startsWith(`+${cc}`))) {
		const whole = digitsOf(text);
		return whole ? `+${whole}` : undefined;
	}
	const national = digitsOf(nationalNumber(text, cc));
	return national ? `+${cc}${national}` : undefined;
}

/** Batching key of new contacts: two with one number never travel together. */
export const byPhone = (record: { cellPhone: { phoneNumber?: unknown; countryCode?: unknown } }) => phoneKey(record.cellPhone) ?? '';

/** The key of a contact as Kore answers with it (cellPhone inside, or flat). */
export function contactPhoneKey(contact: unknown): string | undefined {
	if (typeof contact !== 'object' || contact === null) return undefined;
	const c = contact as Record<string, unknown>;
	const cellPhone = typeof c.cellPhone === 'object' && c.cellPhone !== null ? (c.cellPhone as Record<string, unknown>) : c;
	return phoneKey(cellPhone);
}
