// The header secret Kore.ai sends with every Pre-Call request (the only authentication it offers:
// fixed headers configured on the campaign). Compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface HeaderSecret {
	headerName: string;
	secret: string;
}

/** Characters HTTP allows in a header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Shorter secrets are guessed; Kore.ai's Headers take any length. */
export const MIN_SECRET_LENGTH = 16;

/** What is wrong with a credential before any request comes, or undefined. */
export function secretProblem(secret: Partial<HeaderSecret> | undefined): string | undefined {
	const name = (secret?.headerName ?? '').trim();
	if (name === '') return 'The credential has no Header Name';
	if (!HEADER_NAME.test(name)) return `The Header Name '${name.slice(0, 60)}' has characters a header name cannot have (letters, digits and - are safe)`;
	const value = secret?.secret ?? '';
	if (value === '') return 'The credential has no Secret';
	if (/[\r\n\0]/.test(value)) return 'The Secret contains a line break: paste the value alone';
	if (value.length < MIN_SECRET_LENGTH) return `The Secret is ${value.length} characters: use at least ${MIN_SECRET_LENGTH} random ones, anyone who guesses it can ask this workflow`;
	return undefined;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Whether the request's headers carry the secret (header names are case-insensitive, as in HTTP). */
export function carriesSecret(headers: Record<string, string | string[] | undefined>, secret: HeaderSecret): boolean {
	const name = secret.headerName.trim().toLowerCase();
	if (name === '' || secret.secret === '') return false;
	const given = headers[name];
	const value = Array.isArray(given) ? given[0] : given;
	// Digests of equal length, so neither the value's length nor its first wrong byte shows in the time.
	return typeof value === 'string' && timingSafeEqual(digest(value), digest(secret.secret));
}
