// The one client of an execution: where to send, the credential read once, the pacing of the run.
import { NodeOperationError } from 'n8n-workflow';

import type { KoreScope } from '../helpers/explain';
import { contactsBaseUrl, credentialHost, normalizeHost } from './host';
import { KoreClient } from './koreClient';
import { CREDENTIAL_TYPE, RequestNotSentError } from './request';
import type { KoreContext } from './types';
import type { RunOptions } from '../helpers/options';

/** A credential value that cannot work: nothing was sent, and the fix is in the credential. */
export function credentialError(context: KoreContext, message: string, itemIndex?: number) {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: 'Open the Kore.ai API credential and correct it.',
	});
}

/** An error of a run as the node reports it: a value that could not be sent is the credential's fault. */
export function asNodeError(context: KoreContext, error: unknown, itemIndex?: number) {
	return error instanceof RequestNotSentError ? credentialError(context, error.message, itemIndex) : error;
}

/** The run's client; `scope`: the Kore.ai scope its calls need (the Contacts APIs', or the campaign ones'). */
export async function openClient(context: KoreContext, options: RunOptions, itemIndex?: number, scope: KoreScope = 'Configuration'): Promise<KoreClient> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	const base = contactsBaseUrl(credentialHost(data), data.streamId);
	if (!base.ok) throw credentialError(context, base.problem, itemIndex);
	const origin = normalizeHost(credentialHost(data));
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return new KoreClient(context, {
		url: base.url,
		...(origin.ok && { origin: origin.url }),
		scope,
		streamId: String(data.streamId).trim(),
		accountId: String(data.accountId ?? '').trim(),
		credentials: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data },
		timeoutMs: options.timeoutMs,
		requestsPerMinute: options.requestsPerMinute,
		maxRetries: options.maxRetries,
		windowMs: options.windowMs,
		now: Date.now,
		random: Math.random,
	});
}
