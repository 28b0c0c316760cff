// The one place that talks HTTP to Kore.ai. It returns what happened as data; it never throws for
// an HTTP status or a network failure, and never lets a request option (the signed token) escape.
import type { ICredentialsDecrypted, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { CallResult, KoreContext } from './types';
import { isCancelled } from './waiting';

export const CREDENTIAL_TYPE = 'koreAiApi';

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Codes of failures that provably happened before anything left this machine, because what was to be
 * sent cannot be sent: the credential's own refusal (credentials/KoreAiApi.credentials.ts) and Node's
 * refusals of a URL or a header. Only these are configuration errors; every other failure may have
 * reached Kore.ai.
 */
export const CREDENTIAL_REFUSED_CODE = 'ERR_KORE_CREDENTIAL';
const NOT_SENDABLE_CODES = new Set([
	CREDENTIAL_REFUSED_CODE,
	'ERR_INVALID_URL',
	'ERR_INVALID_PROTOCOL',
	'ERR_UNESCAPED_CHARACTERS',
	'ERR_INVALID_CHAR',
	'ERR_INVALID_HTTP_TOKEN',
	'ERR_HTTP_INVALID_HEADER_VALUE',
]);

export interface KoreRequest {
	method: IHttpRequestMethods;
	url: string;
	body?: unknown;
	/** Set for a raw body (multipart): the body is then sent as it is, not as JSON. */
	headers?: Record<string, string>;
	timeoutMs: number;
}

/** A failure before anything reached Kore, such as a credential value that cannot be sent. */
export class RequestNotSentError extends Error {}

function errorChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	while (typeof current === 'object' && current !== null && chain.length < 5) {
		chain.push(current as Record<string, unknown>);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
}

/** A code such as ECONNRESET or ERR_INVALID_URL: never an HTTP status, never a sentence. */
function isErrorCode(value: unknown): value is string {
	return typeof value === 'string' && /^[A-Z][A-Z0-9_]{2,}$/.test(value);
}

/**
 * The failure's code, wherever the n8n line put it. n8n 2.x keeps the HTTP client's error as the
 * `cause` (with its `code`); n8n 1.x drops the cause and keeps the code only as the wrapper's
 * `httpCode` (ECONNRESET, ECONNREFUSED, ECONNABORTED...), with a message of its own.
 */
function failureCode(chain: Array<Record<string, unknown>>): string {
	for (const link of [...chain].reverse()) if (isErrorCode(link.code)) return link.code;
	for (const link of chain) if (isErrorCode(link.httpCode)) return link.httpCode;
	return '';
}

/** The innermost words: the HTTP client's own message (n8n 1.x keeps it in `messages`). */
function failureMessage(chain: Array<Record<string, unknown>>): string {
	for (const link of [...chain].reverse()) {
		const kept = Array.isArray(link.messages) ? link.messages.find((m): m is string => typeof m === 'string' && m !== '') : undefined;
		if (kept) return kept;
		if (typeof link.message === 'string' && link.message !== '') return link.message;
	}
	return 'unknown error';
}

/**
 * A network failure, or a problem of ours before sending, read from n8n's wrapped error by what it
 * is (its code), never by the wording n8n gives it: that wording differs between n8n lines. A failure
 * the node cannot place is a network failure of unknown outcome, never "not sent".
 */
export function describeRequestError(error: unknown): CallResult | RequestNotSentError {
	const chain = errorChain(error);
	const response = chain.map((link) => link.response as { status?: unknown } | undefined).find((r) => typeof r?.status === 'number');
	if (response) {
		const r = response as { status: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown };
		return { kind: 'response', status: r.status, headers: r.headers ?? {}, body: r.data ?? r.body };
	}
	const code = failureCode(chain);
	const message = failureMessage(chain);
	if (NOT_SENDABLE_CODES.has(code)) return new RequestNotSentError(message);
	const timedOut = TIMEOUT_CODES.has(code) || (code === '' && /timeout|timed out/i.test(message));
	return { kind: 'network', code, message: timedOut ? 'timed out' : message, timedOut };
}

/**
 * One request, signed by the credential's own `authenticate`. `credentials`, read once per run, spare
 * n8n from loading and decrypting the credential again for every request of a long run.
 */
export async function koreRequest(
	this: KoreContext,
	request: KoreRequest,
	credentials?: ICredentialsDecrypted,
): Promise<CallResult | 'cancelled'> {
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: request.method,
			url: request.url,
			body: request.body as IDataObject | Buffer,
			...(request.headers ? { headers: request.headers, json: false } : { json: true }),
			timeout: request.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		}, credentials && { credentialsDecrypted: credentials })) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
		return { kind: 'response', status: response.statusCode, headers: response.headers ?? {}, body: response.body };
	} catch (error) {
		// n8n aborts the request itself when the execution is cancelled.
		if (isCancelled(this)) return 'cancelled';
		const described = describeRequestError(error);
		if (described instanceof RequestNotSentError) throw described;
		return described;
	}
}
