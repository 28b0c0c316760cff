// A page of the account's contacts that failed for good, as the node's error: never a silently
// short list (Get Many), never a sync planned against part of the account (Create or Update).
import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import { explainConfigurationError } from '../helpers/explain';
import type { PagesResult } from './pages';
import type { KoreContext } from './types';

export function listReadError(context: KoreContext, failure: Extract<PagesResult, { kind: 'failed' }>) {
	const { outcome, page } = failure;
	if (outcome.kind === 'configuration') {
		const explained = explainConfigurationError(outcome.status, outcome.detail, outcome.body, outcome.scope);
		return new NodeApiError(context.getNode(), (outcome.body ?? {}) as JsonObject, {
			message: explained.message,
			description: explained.description,
			httpCode: String(outcome.status),
		});
	}
	const why =
		outcome.kind === 'cancelled'
			? 'the execution was cancelled'
			: outcome.kind === 'failed'
				? outcome.reason
				: `Kore.ai refused the request (HTTP ${outcome.status})${outcome.detail ? `: ${outcome.detail}` : ''}`;
	return new NodeOperationError(context.getNode(), `Kore.ai's contact list could not be read: page ${page} failed`, {
		description: `${why}. No contacts are returned, rather than a list with some missing. Run the workflow again; if it keeps failing, lower Page Size or raise Request Timeout.`,
	});
}

