// A phone number as Kore.ai keeps it unique per account: "+", the country code, then the digits.
// Contacts sent and contacts Kore answers with are paired by this key, never by position.

function digits(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\D/g, '') : '';
}

/** The key of a number given as its parts (as the node sends it). */
export function phoneKey(phone: { phoneNumber?: unknown; countryCode?: unknown } | undefined): string | undefined {
	if (!phone) return undefined;
	const number = digits(phone.phoneNumber);
	if (number === '') return undefined;
	// Kore stores the number with its country code in front ("+919876543210"): that is already whole.
	if (typeof phone.phoneNumber === 'string' && phone.phoneNumber.trim().startsWith('+')) return `+${number}`;
	return `+${digits(phone.countryCode)}${number}`;
}

/** The key of a contact as Kore answers with it (cellPhone inside, or flat). */
export function contactPhoneKey(contact: unknown): string | undefined {
	if (typeof contact !== 'object' || contact === null) return undefined;
	const c = contact as Record<string, unknown>;
	const cellPhone = typeof c.cellPhone === 'object' && c.cellPhone !== null ? (c.cellPhone as Record<string, unknown>) : c;
	return phoneKey(cellPhone);
}
