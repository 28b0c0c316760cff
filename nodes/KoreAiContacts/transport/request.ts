// The one place that talks HTTP to Kore.ai. It returns what happened as data; it never throws for
// an HTTP status or a network failure, and never lets a request option (the signed token) escape.
import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { CallResult } from './types';
import { isCancelled } from './waiting';

export const CREDENTIAL_TYPE = 'koreAiApi';

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

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

function firstString(chain: Array<Record<string, unknown>>, key: string): string | undefined {
	for (const link of chain) if (typeof link[key] === 'string' && link[key] !== '') return link[key] as string;
	return undefined;
}

/**
 * A network failure, or a problem of ours before sending, read from n8n's wrapped error. The innermost
 * error (axios's, with its code) says what happened; n8n's wrapper only rephrases it.
 */
export function describeRequestError(error: unknown): CallResult | RequestNotSentError {
	const chain = errorChain(error).reverse();
	const code = firstString(chain, 'code') ?? '';
	const message = firstString(chain, 'message') ?? 'unknown error';
	const response = chain.map((link) => link.response as { status?: unknown } | undefined).find((r) => typeof r?.status === 'number');
	if (response) {
		const r = response as { status: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown };
		return { kind: 'response', status: r.status, headers: r.headers ?? {}, body: r.data ?? r.body };
	}
	const timedOut = TIMEOUT_CODES.has(code) || /timeout|timed out/i.test(message);
	if (code || timedOut || /socket|ECONN|network|EPIPE|hang up/i.test(message)) {
		return { kind: 'network', code, message: timedOut ? 'timed out' : message, timedOut };
	}
	return new RequestNotSentError(message);
}

/**
 * One request, signed by the credential's own `authenticate`. `credentials`, read once per run, spare
 * n8n from loading and decrypting the credential again for every request of a long run.
 */
export async function koreRequest(
	this: IExecuteFunctions,
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
