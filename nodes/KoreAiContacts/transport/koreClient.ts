// Every call of an execution to Kore.ai goes through one client: paced under the account's rate
// limit (one pace for reads and writes together, shared with other executions through Kore's
// answers), retried on throttling, 5xx, timeouts and resets.
// Creating calls are retried only when Kore.ai surely did not apply them. It knows calls, never items.
import type { ICredentialsDecrypted, IHttpRequestMethods } from 'n8n-workflow';

import { PAST_TENSE, type KoreScope, type Verb } from '../helpers/explain';
import { backoffDelay, classifyCall, throttleBudget, type CallShape, type RetrySettings } from './retryPolicy';
import { SharedPace } from './sharedPace';
import { koreRequest } from './request';
import type { KoreContext } from './types';
import { waitUnlessCancelled } from './waiting';

export interface ClientSettings extends RetrySettings {
	/** The Contacts API of the bot: `path` of a call is after it. */
	url: string;
	/** The environment's origin, for calls with a `route` (the campaign APIs live under other prefixes). */
	origin?: string;
	/** The scope Kore.ai needs for the calls this client makes: a refusal names it. */
	scope?: KoreScope;
	/** The credential's bot and account, which the campaign APIs also take in the path and query. */
	streamId?: string;
	accountId?: string;
	credentials?: ICredentialsDecrypted;
	timeoutMs: number;
	requestsPerMinute: number;
	now: () => number;
}

export interface KoreCall extends CallShape {
	method: IHttpRequestMethods;
	/** After `.../contacts`: '', '/bulk-update', '/<id>'... Ignored when `route` is given. */
	path: string;
	/** A path from the host (`/campaign/api/v2/public/...`), for the APIs outside `.../contacts`. */
	route?: string;
	query?: Record<string, string | number>;
	body?: unknown;
	/** A raw body (multipart) with its own headers, instead of JSON. */
	headers?: Record<string, string>;
	/** Not idempotent: sent again only when Kore.ai surely did not apply it. */
	creating?: boolean;
	/** What the call does, for the reasons people read: "update", "create", "delete", "read". */
	verb: string;
}

/**
 * `afterUnknown`: an earlier try of this call may have been applied (timeout, reset). A delete that
 * then finds no contact found the one it deleted itself.
 */
export type CallOutcome =
	| { kind: 'ok'; status: number; body: unknown; afterUnknown: boolean }
	/** Kore refused the request as a whole (400/404 of one contact/409/412/413/422): worth splitting. */
	| { kind: 'rejected'; status: number; detail: string; body: unknown; afterUnknown: boolean }
	/** The call failed for good; `outcomeUnknown` when Kore may still have applied it. */
	| { kind: 'failed'; reason: string; status?: number; body?: unknown; outcomeUnknown: boolean }
	/** Credentials, scope, host or bot id are wrong: no record can succeed. */
	| { kind: 'configuration'; status: number; detail: string; body: unknown; scope?: KoreScope }
	| { kind: 'cancelled' };

export type ConfigurationRefusal = Extract<CallOutcome, { kind: 'configuration' }>;

export class KoreClient {
	requestsSent = 0;
	throttledResponses = 0;
	/** Pages of the contact list read (requests that read, answered). */
	pagesRead = 0;
	/** Writes Kore.ai took (answered 2xx, or per record): after one, part of the run may be applied. */
	writesAccepted = 0;
	/**
	 * Kore's first answer that the set-up is wrong (credentials, scope, bot). Later calls are not sent:
	 * they would be refused the same way, and each costs a request of the account's minute.
	 */
	refusal?: ConfigurationRefusal;
	/** Which of Kore's documented readings answered each kind of call: later calls try it first. */
	readonly readings = new Map<string, string>();
	private readonly pace: SharedPace;
	/**
	 * Kore's refusals for its rate limit since it last took a request, across all calls of the
	 * execution, and the words of the last one. Past the throttle budget the account is not coming
	 * back soon (another system holds it, or a longer limit): later calls are not sent, so that a
	 * large run ends in minutes with its records on Failed instead of each batch waiting it out.
	 */
	private refusedInARow = 0;
	private lastRefusal = '';

	constructor(
		private readonly context: KoreContext,
		readonly settings: ClientSettings,
	) {
		this.pace = new SharedPace(settings);
	}

	/** How many more requests this run expects to send (the batch runner knows): the pace looks for room only when it is worth it. */
	expect(requests: number) {
		this.pace.expect(requests);
	}

	async call(request: KoreCall): Promise<CallOutcome> {
		const { settings } = this;
		const query = request.query && new URLSearchParams(Object.entries(request.query).map(([k, v]): [string, string] => [k, String(v)])).toString();
		let failures = 0;
		let throttles = 0;
		let afterUnknown = false;
		const budget = throttleBudget(settings.maxRetries);
		if (this.refusal) return this.refusal;
		if (this.refusedInARow > budget) {
			return {
				kind: 'failed',
				reason: `Not sent: Kore.ai answered this run's last ${this.refusedInARow} requests with its rate limit, with no request taken in between: ${this.lastRefusal} ${RATE_LIMIT_ADVICE}`,
				outcomeUnknown: false,
			};
		}
		for (;;) {
			const pause = this.pace.reserve(settings.now());
			if (!(await waitUnlessCancelled(this.context, pause, settings.now))) return { kind: 'cancelled' };
			if (this.pace.heldFor(settings.now()) > 0) continue;
			const sentAt = settings.now();
			this.pace.sent(sentAt);
			this.requestsSent++;
			const call = await koreRequest.call(
				this.context,
				{
					method: request.method,
					url: `${request.route !== undefined ? (settings.origin ?? '') + request.route : settings.url + request.path}${query ? `?${query}` : ''}`,
					body: request.body,
					headers: request.headers,
					timeoutMs: settings.timeoutMs,
				},
				settings.credentials,
			);
			if (call === 'cancelled') return { kind: 'cancelled' };
			const verdict = classifyCall(call, settings.now(), request);
			if (verdict.kind === 'throttled') {
				this.refusedInARow++;
				this.pace.throttled(sentAt, settings.now(), verdict.retryAfterMs);
			} else if (call.kind === 'response') {
				this.refusedInARow = 0;
				this.pace.accepted(sentAt, settings.now());
			} else this.pace.answered(sentAt, settings.now());
			switch (verdict.kind) {
				case 'ok':
					if (request.verb === 'read') this.pagesRead++;
					else this.writesAccepted++;
					return { kind: 'ok', status: call.kind === 'response' ? call.status : 200, body: verdict.body, afterUnknown };
				case 'rejectedBatch':
					return { kind: 'rejected', status: verdict.status, detail: verdict.detail, body: verdict.body, afterUnknown };
				case 'configuration':
					this.refusal = { kind: 'configuration', status: verdict.status, detail: verdict.detail, body: verdict.body, ...(settings.scope && { scope: settings.scope }) };
					return this.refusal;
				case 'failedBatch':
					return {
						kind: 'failed',
						reason: `Kore.ai refused the request (HTTP ${verdict.status}): ${verdict.detail}`,
						status: verdict.status,
						body: verdict.body,
						outcomeUnknown: false,
					};
				case 'throttled': {
					this.throttledResponses++;
					throttles++;
					this.lastRefusal = verdict.detail;
					// a call's own refusals, or the run's in a row when calls side by side share them
					const waits = Math.max(throttles, this.refusedInARow);
					if (waits > budget) {
						return {
							kind: 'failed',
							reason: `Kore.ai kept answering with its rate limit after ${waits} waits: ${verdict.detail} ${RATE_LIMIT_ADVICE}`,
							status: verdict.status,
							outcomeUnknown: false,
						};
					}
					// The pace holds this and every later request until the wait it set is over.
					continue;
				}
				case 'transient':
					failures++;
					// Sending a create again after an unknown outcome could make a second contact.
					if (failures > settings.maxRetries || (request.creating && verdict.outcomeUnknown)) {
						return {
							kind: 'failed',
							reason: transientReason(verdict.detail, failures, verdict.outcomeUnknown, request),
							status: verdict.status,
							outcomeUnknown: verdict.outcomeUnknown,
						};
					}
					afterUnknown ||= verdict.outcomeUnknown;
					if (!(await waitUnlessCancelled(this.context, backoffDelay(failures - 1, settings), settings.now))) return { kind: 'cancelled' };
			}
		}
	}
}

const RATE_LIMIT_ADVICE = 'Other workflows may be using the same account; run this one again later or lower Requests Per Minute.';

function transientReason(detail: string, failures: number, outcomeUnknown: boolean, request: KoreCall) {
	const tries = failures === 1 ? 'the only try' : `all ${failures} tries`;
	if (!outcomeUnknown) return `${detail}, on ${tries}. ${request.verb === 'read' ? 'Nothing was read.' : `The record was not ${PAST_TENSE[request.verb as Verb] ?? 'changed'}.`}`;
	const again = request.creating ? 'the node checks before sending it again' : 'sending it again is safe';
	return `${detail}, on ${tries}. Kore.ai may or may not have applied this ${request.verb}; ${again}.`;
}
