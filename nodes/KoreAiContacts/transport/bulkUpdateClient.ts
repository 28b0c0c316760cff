// Sends one bulk-update body to Kore.ai: paced under the account's rate limit, retried on throttling,
// 5xx, timeouts and resets. It knows records and batches, never input items.
import type { ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

import {
	backoffDelay,
	classifyCall,
	pacingDelay,
	throttleBudget,
	throttleDelay,
	type RetrySettings,
} from '../helpers/retryPolicy';
import type { ContactRecord } from '../helpers/types';
import { koreRequest } from './request';
import type { KoreBulkUpdateResponse } from './types';
import { waitUnlessCancelled } from './waiting';

export interface ClientSettings extends RetrySettings {
	url: string;
	credentials?: ICredentialsDecrypted;
	timeoutMs: number;
	requestsPerMinute: number;
	now: () => number;
}

export type BatchResult =
	| { kind: 'ok'; status: number; body: KoreBulkUpdateResponse }
	/** Kore refused the request as a whole (400/412/413): worth splitting. */
	| { kind: 'rejected'; status: number; detail: string; body: unknown }
	/** The call failed for good; `outcomeUnknown` when Kore may still have applied it. */
	| { kind: 'failed'; reason: string; status?: number; body?: unknown; outcomeUnknown: boolean }
	/** Credentials, scope, host or bot id are wrong: no record can succeed. */
	| { kind: 'configuration'; status: number; detail: string; body: unknown }
	| { kind: 'cancelled' };

export class BulkUpdateClient {
	requestsSent = 0;
	throttledResponses = 0;
	private lastStart?: number;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly settings: ClientSettings,
	) {}

	async put(records: ContactRecord[]): Promise<BatchResult> {
		const { settings } = this;
		let failures = 0;
		let throttles = 0;
		for (;;) {
			// The slot is taken before waiting for it, so requests in flight together are spaced too.
			const now = settings.now();
			const pause = pacingDelay(now, this.lastStart, settings.requestsPerMinute, settings.windowMs);
			this.lastStart = now + pause;
			if (!(await waitUnlessCancelled(this.context, pause, settings.now))) return { kind: 'cancelled' };
			this.requestsSent++;
			const call = await koreRequest.call(this.context, {
				method: 'PUT',
				url: `${settings.url}/bulk-update`,
				body: records,
				timeoutMs: settings.timeoutMs,
			}, settings.credentials);
			if (call === 'cancelled') return { kind: 'cancelled' };
			const verdict = classifyCall(call, settings.now());
			let wait: number;
			switch (verdict.kind) {
				case 'ok':
					return { kind: 'ok', status: call.kind === 'response' ? call.status : 200, body: verdict.body };
				case 'rejectedBatch':
					return { kind: 'rejected', status: verdict.status, detail: verdict.detail, body: verdict.body };
				case 'configuration':
					return { kind: 'configuration', status: verdict.status, detail: verdict.detail, body: verdict.body };
				case 'failedBatch':
					return {
						kind: 'failed',
						reason: `Kore.ai refused the request (HTTP ${verdict.status}): ${verdict.detail}`,
						status: verdict.status,
						body: verdict.body,
						outcomeUnknown: false,
					};
				case 'throttled':
					this.throttledResponses++;
					throttles++;
					if (throttles > throttleBudget(settings.maxRetries)) {
						return {
							kind: 'failed',
							reason: `Kore.ai kept answering with its rate limit after ${throttles} waits: ${verdict.detail} Other workflows may be using the same account; run this one again later or lower Requests Per Minute.`,
							status: verdict.status,
							outcomeUnknown: false,
						};
					}
					wait = throttleDelay(verdict.retryAfterMs, settings);
					break;
				case 'transient':
					failures++;
					if (failures > settings.maxRetries) {
						const tries = failures === 1 ? 'the only try' : `all ${failures} tries`;
						const outcome = verdict.outcomeUnknown
							? 'Kore.ai may or may not have applied this update; sending it again is safe.'
							: 'The record was not updated.';
						return {
							kind: 'failed',
							reason: `${verdict.detail}, on ${tries}. ${outcome}`,
							status: verdict.status,
							outcomeUnknown: verdict.outcomeUnknown,
						};
					}
					wait = backoffDelay(failures - 1, settings);
					break;
			}
			if (!(await waitUnlessCancelled(this.context, wait, settings.now))) return { kind: 'cancelled' };
		}
	}
}
