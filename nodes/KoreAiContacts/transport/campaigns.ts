// Campaigns through the run's client: the campaigns of a type page by page, one campaign, and a
// campaign's per-contact outcomes in pages of 100 (the most Kore's page allows).
import { answerData, answerRecords } from '../helpers/campaignAnswers';
import { campaignCalls, campaignRequest, type CampaignType } from './campaignApi';
import type { CallOutcome, KoreClient } from './koreClient';

type Failure = Exclude<CallOutcome, { kind: 'ok' }>;
export type Read<T> = { ok: true; value: T; pages: number } | { ok: false; outcome: Failure };

/** Campaigns per page of Get All Campaigns (Kore documents no largest; its samples ask for 50). */
export const CAMPAIGN_PAGE = 100;
/** Outcomes per page: Kore's limit is 1 to 100. */
export const OUTCOME_PAGE = 100;

/** Up to `limit` campaigns of a type (all when undefined), with Kore's status filter. */
export async function readCampaigns(client: KoreClient, type: CampaignType, statuses: string[], limit?: number): Promise<Read<Array<Record<string, unknown>>>> {
	const campaigns: Array<Record<string, unknown>> = [];
	for (let page = 1; ; page++) {
		const size = limit === undefined ? CAMPAIGN_PAGE : Math.min(CAMPAIGN_PAGE, limit - campaigns.length);
		const body = { type, skip: campaigns.length, page, limit: size, ...(statuses.length > 0 && { filters: { status: statuses } }) };
		const outcome = await campaignRequest(client, campaignCalls.allCampaigns(client, body));
		if (outcome.kind !== 'ok') return { ok: false, outcome };
		const results = answerRecords(outcome.body);
		campaigns.push(...results);
		const data = answerData(outcome.body);
		const more = typeof data.hasMore === 'boolean' ? data.hasMore : results.length === size;
		if (!more || results.length === 0 || (limit !== undefined && campaigns.length >= limit)) return { ok: true, value: campaigns, pages: page };
	}
}

/** Every dialled contact of a campaign with its outcome, in pages of 100, until `enough` says stop (a failure past `deadline`). */
export async function readOutcomes(client: KoreClient, id: string, enough: (soFar: number) => boolean = () => false, deadline?: number): Promise<Read<Array<Record<string, unknown>>>> {
	const outcomes: Array<Record<string, unknown>> = [];
	for (let page = 1; ; page++) {
		if (deadline !== undefined && client.settings.now() > deadline) {
			return { ok: false, outcome: { kind: 'failed', reason: `The time a read may take ran out before page ${page} of the outcomes (100 a page)`, outcomeUnknown: false } };
		}
		const outcome = await campaignRequest(client, campaignCalls.outcomes(client, id, page, OUTCOME_PAGE));
		if (outcome.kind !== 'ok') return { ok: false, outcome };
		const results = answerRecords(outcome.body);
		outcomes.push(...results);
		const data = answerData(outcome.body);
		const last = typeof data.totalPages === 'number' ? page >= data.totalPages : results.length < OUTCOME_PAGE;
		if (last || results.length === 0 || enough(outcomes.length)) return { ok: true, value: outcomes, pages: page };
	}
}

/** A campaign's details, or its status alone (what Start and Stop check when Kore refuses them). */
export async function campaignStatus(client: KoreClient, id: string): Promise<Read<Record<string, unknown>>> {
	const outcome = await campaignRequest(client, campaignCalls.campaignStatus(client, id));
	return outcome.kind === 'ok' ? { ok: true, value: answerData(outcome.body), pages: 1 } : { ok: false, outcome };
}
