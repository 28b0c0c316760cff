// Reading Kore's answers, whatever call they came from: its error message and code, a bulk answer's
// shape, the contacts a creating call answered with. Pure; the transport and the reconcilers use it.
import type { KoreErrorBody } from '../transport/types';

/** An object that is not an array (a contact, an answer, an entry). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An answer listing records one by one (`successfulRecords` / `failedRecords`), whatever its status. */
export function isBulkResponse(body: unknown): body is Record<string, unknown> {
	return isPlainObject(body) && (Array.isArray(body.successfulRecords) || Array.isArray(body.failedRecords));
}

/** The contacts a creating call answered with: an array, a list under a usual key, or a bulk answer. */
export function createdContacts(body: unknown): unknown[] | undefined {
	if (Array.isArray(body)) return body;
	if (!isPlainObject(body)) return undefined;
	for (const key of ['results', 'contacts', 'data']) if (Array.isArray(body[key])) return body[key] as unknown[];
	return undefined;
}

/** An object or an array: something that may hold a reason further down. */
export function isObjectLike(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** Kore's first error message from its envelope, or a short text of whatever came back. */
export function koreMessage(body: unknown): string {
	if (typeof body === 'string') return body.slice(0, 300);
	const errors = (body as { errors?: unknown } | null)?.errors;
	if (Array.isArray(errors) && errors.length > 0) {
		const first = errors[0] as { msg?: unknown; message?: unknown };
		const text = first?.msg ?? first?.message;
		if (typeof text === 'string') return text;
	}
	for (const key of ['message', 'msg', 'error'] as const) {
		const value = (body as Record<string, unknown> | null)?.[key];
		if (typeof value === 'string') return value;
	}
	return '';
}

/** The code of Kore's first error in its envelope (401, 412, 4002...), if there is one. */
export function koreErrorCode(body: unknown): string | number | undefined {
	const code = (body as KoreErrorBody | null)?.errors?.[0]?.code;
	return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}
