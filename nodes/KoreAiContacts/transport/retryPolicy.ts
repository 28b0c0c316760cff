// What to do after each call to Kore: pure decisions, so every branch is tested with a fixed clock.
import { createdContacts, isBulkResponse, isPlainObject, koreMessage } from '../helpers/koreAnswers';
import type { CallResult } from './types';

export type CallVerdict =
	| { kind: 'ok'; body: Record<string, unknown> | unknown[] }
	| { kind: 'throttled'; retryAfterMs?: number; status: number; detail: string }
	| { kind: 'transient'; status?: number; detail: string; outcomeUnknown: boolean }
	| { kind: 'rejectedBatch'; status: number; detail: string; body: unknown }
	| { kind: 'failedBatch'; status: number; detail: string; body: unknown }
	| { kind: 'configuration'; status: number; detail: string; body: unknown };

export interface RetrySettings {
	maxRetries: number;
	/** Kore's rate-limit window: a minute. Every other wait is scaled from it. */
	windowMs: number;
	random: () => number;
}

const RATE_LIMIT_TEXT = /rate.?limit/i;

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** What a successful answer must look like, per kind of call. */
export type ResponseShape = 'bulk' | 'created' | 'contact' | 'page' | 'campaign';

const READABLE: Record<ResponseShape, (body: unknown) => boolean> = {
	bulk: isBulkResponse,
	created: (body) => createdContacts(body) !== undefined || isBulkResponse(body),
	contact: isPlainObject,
	page: (body) => isPlainObject(body) && Array.isArray(body.results),
	/** The campaign APIs answer an object ({status, message, data}, or a start's {status, message}). */
	campaign: isPlainObject,
};

export interface CallShape {
	expect: ResponseShape;
	/** The call names one contact in its path: a 404 then means that contact, not the bot. */
	oneContact?: boolean;
	/**
	 * The path is one of several Kore's pages document for the call: a 404 or 405 then means this
	 * server serves another of them, not a wrong set-up, and the caller tries the next.
	 */
	probe?: boolean;
}

/** Network failures that happen before a request leaves: nothing can have been applied. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** What a network failure was, in words; the code stays for whoever reports it further. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'Kore.ai closed the connection before answering',
	EPIPE: 'Kore.ai closed the connection while the request was being sent',
	ECONNREFUSED: "Kore.ai's host refused the connection (nothing was sent)",
	ENOTFOUND: "The Host's name could not be found (nothing was sent)",
	EAI_AGAIN: "The Host's name could not be looked up just now (nothing was sent)",
	EHOSTUNREACH: "Kore.ai's host could not be reached (nothing was sent)",
	ENETUNREACH: 'The network to Kore.ai could not be reached (nothing was sent)',
};

function networkDetail(call: Extract<CallResult, { kind: 'network' }>) {
	if (call.timedOut) return 'Kore.ai did not answer within the Request Timeout';
	const words = NETWORK_WORDS[call.code];
	if (words) return `${words} (${call.code})`;
	return `The connection to Kore.ai failed (${call.code ? `${call.code}: ` : ''}${call.message})`;
}

export function classifyCall(call: CallResult, nowMs: number, shape: CallShape = { expect: 'bulk' }): CallVerdict {
	if (call.kind === 'network') {
		// Only a failure that provably never reached Kore.ai is "not applied"; anything else may have been.
		return { kind: 'transient', detail: networkDetail(call), outcomeUnknown: call.timedOut || !NOT_SENT_CODES.has(call.code) };
	}
	const body = parseBody(call.body);
	const message = koreMessage(body);
	const status = call.status;
	if (status === 429 || RATE_LIMIT_TEXT.test(message)) {
		const retryAfterMs = parseRetryAfter(call.headers['retry-after'], nowMs);
		return { kind: 'throttled', status, retryAfterMs, detail: message || 'Too many requests' };
	}
	if (status >= 200 && status < 300) {
		if (READABLE[shape.expect](body)) return { kind: 'ok', body: body as Record<string, unknown> };
		return { kind: 'transient', status, detail: `Kore.ai's answer could not be read (HTTP ${status})`, outcomeUnknown: true };
	}
	// Kore documents no status for a bulk call in which every record failed: a body that still lists
	// the records is a per-record answer, whatever its status.
	if (shape.expect === 'bulk' && status >= 400 && status < 500 && isBulkResponse(body)) return { kind: 'ok', body };
	if ((status === 404 || status === 405) && shape.probe) return { kind: 'rejectedBatch', status, detail: message || `HTTP ${status}`, body };
	if (status === 404 && shape.oneContact && !/\b(bot|stream)/i.test(message)) {
		return { kind: 'rejectedBatch', status, detail: message, body };
	}
	if (status === 401 || status === 403 || status === 404 || status === 405) {
		return { kind: 'configuration', status, detail: message || `HTTP ${status}`, body };
	}
	// A 409 refuses a new or changed phone number: per record when creating or writing one contact.
	const conflictPerRecord = status === 409 && (shape.expect === 'created' || shape.oneContact === true);
	if (status === 400 || status === 412 || status === 413 || status === 422 || conflictPerRecord) {
		return { kind: 'rejectedBatch', status, detail: message, body };
	}
	const detail = message || `HTTP ${status}`;
	if (status === 408 || status >= 500) {
		const answered = `Kore.ai answered HTTP ${status}${message ? ` (${message})` : ''}`;
		return { kind: 'transient', status, detail: answered, outcomeUnknown: status !== 503 };
	}
	return { kind: 'failedBatch', status, detail, body };
}

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s... at Kore's one-minute window, capped at 30 s. */
export function backoffDelay(attempt: number, settings: RetrySettings): number {
	const unit = settings.windowMs / 60;
	const ceiling = Math.min(30 * unit, unit * 2 ** attempt);
	return Math.round(ceiling / 2 + (ceiling / 2) * settings.random());
}

/** Throttled calls are Kore asking to slow down, not failing: they get a larger budget of their own. */
export function throttleBudget(maxRetries: number) {
	return Math.max(10, maxRetries * 3);
}
