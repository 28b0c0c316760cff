// Kore.ai's Campaign Management APIs on every documented reading of its pages: most calls are
// printed under two path families (v2 `/campaign/api/v2/public/{bot}/campaign/...` and v1
// `/agentassist/api/v1/public/{bot}/campaign/...`), Get All Contact Lists with POST in its table and
// GET in its sample, start and stop on paths of their own. The order of trying: v2 first (Kore's
// newer pages; it takes accountId in the query as well as the header), then v1; GET before POST for
// the list of lists (the samples, and the only method the unofficial route list names). A 404 or 405
// moves to the next reading, which nothing applied; the reading that answered is tried first for the
// rest of the run, so a run pays for the search once. Every call carries accountId in the query and
// the header (the oldest pages took it in the query only).
import type { IHttpRequestMethods } from 'n8n-workflow';

import type { CallOutcome, KoreClient } from './koreClient';

export type CampaignType = 'voice' | 'sms';

interface Reading {
	/** Which reading: a run remembers the one that answered. */
	name: string;
	method: IHttpRequestMethods;
	route: string;
	query?: Record<string, string | number>;
}

export interface CampaignCall {
	/** Kind of call, under which the answering reading is remembered. */
	kind: string;
	readings: Reading[];
	body?: unknown;
	/** Not idempotent (a list created): sent again only when Kore.ai surely did not apply it. */
	creating?: boolean;
	verb: string;
}

const enc = encodeURIComponent;

/** The readings of a call printed under both families: `path` after `.../campaign/`. */
function families(client: KoreClient, method: IHttpRequestMethods | IHttpRequestMethods[], path: string, query: Record<string, string | number> = {}): Reading[] {
	const bot = enc(client.settings.streamId ?? '');
	const methods = Array.isArray(method) ? method : [method];
	const v2 = methods.map((m) => ({ name: `v2 ${m}`, method: m, route: `/campaign/api/v2/public/${bot}/campaign/${path}`, query }));
	const v1 = methods.map((m) => ({ name: `v1 ${m}`, method: m, route: `/agentassist/api/v1/public/${bot}/campaign/${path}`, query }));
	return [...v2, ...v1];
}

export const campaignCalls = {
	createList: (client: KoreClient, body: unknown): CampaignCall => ({
		kind: 'lists',
		readings: families(client, 'POST', 'contactList/createContactList'),
		body,
		creating: true,
		verb: 'create',
	}),
	allLists: (client: KoreClient): CampaignCall => ({
		kind: 'allLists',
		readings: families(client, ['GET', 'POST'], 'contactList/getAllListDetails', { type: 'call' }),
		verb: 'read',
	}),
	getList: (client: KoreClient, id: string): CampaignCall => ({ kind: 'lists', readings: families(client, 'GET', `contactList/${enc(id)}`), verb: 'read' }),
	updateList: (client: KoreClient, id: string, body: unknown): CampaignCall => ({ kind: 'lists', readings: families(client, 'PUT', `contactList/${enc(id)}`), body, verb: 'update' }),
	deleteList: (client: KoreClient, id: string): CampaignCall => ({ kind: 'lists', readings: families(client, 'DELETE', `contactList/${enc(id)}`), verb: 'delete' }),
	listContacts: (client: KoreClient, id: string, skip: number, limit: number): CampaignCall => ({
		kind: 'lists',
		readings: families(client, 'GET', `contactList/${enc(id)}/getAllContacts`, { skip, limit }),
		verb: 'read',
	}),
	/** The only path Kore documents for it (no v2 page); the list is named by its name. */
	addContacts: (client: KoreClient, body: unknown): CampaignCall => ({
		kind: 'add',
		readings: [{ name: 'api 1.1', method: 'POST', route: `/api/1.1/public/${enc(client.settings.streamId ?? '')}/campaign/contactList/addContacts` }],
		body,
		verb: 'add',
	}),
	allCampaigns: (client: KoreClient, body: unknown): CampaignCall => ({ kind: 'campaigns', readings: families(client, 'POST', 'getAllCampaignDetails'), body, verb: 'read' }),
	getCampaign: (client: KoreClient, id: string): CampaignCall => ({ kind: 'campaigns', readings: families(client, 'GET', enc(id)), verb: 'read' }),
	campaignStatus: (client: KoreClient, id: string): CampaignCall => ({
		kind: 'campaigns',
		readings: families(client, 'POST', `${enc(id)}/status`, { view: 'status' }),
		body: {},
		verb: 'read',
	}),
	outcomes: (client: KoreClient, id: string, page: number, limit: number): CampaignCall => ({
		kind: 'campaigns',
		readings: families(client, 'POST', `${enc(id)}/status`, { view: 'contacts' }),
		body: { page, limit },
		verb: 'read',
	}),
	/** Get Conversation Details (SmartAssist Analytics): one documented path, v1 only. */
	conversation: (client: KoreClient, sessionId: string): CampaignCall => ({
		kind: 'conversations',
		readings: [{ name: 'sessions GET', method: 'GET', route: `/agentassist/api/v1/public/${enc(client.settings.streamId ?? '')}/conversations/sessions/${enc(sessionId)}` }],
		verb: 'read',
	}),
	/** Start (`play`) or stop, each on the paths its pages print, v2 then v1. */
	trigger: (client: KoreClient, id: string, campaignType: CampaignType, trigger: 'play' | 'stop'): CampaignCall => {
		const bot = enc(client.settings.streamId ?? '');
		const query = { campaignType, trigger };
		const v2 =
			campaignType === 'voice'
				? `/api/v2/public/${bot}/campaign/trigger/${enc(id)}`
				: trigger === 'play'
					? `/campaign/api/v2/public/${bot}/campaign/${enc(id)}`
					: `/campaign/api/v2/public/${bot}/campaign//trigger/${enc(id)}`;
		return {
			kind: 'trigger',
			readings: [
				{ name: 'v2 POST', method: 'POST', route: v2, query },
				{ name: 'v1 POST', method: 'POST', route: `/campaign/api/v1/public/${bot}/campaign/${enc(id)}`, query },
			],
			body: {},
			verb: trigger === 'play' ? 'start' : 'stop',
		};
	},
};

/**
 * The readings in the order to try them: the one that answered this kind of call before, else those
 * of the path family that answered any call, first.
 */
function ordered(client: KoreClient, call: CampaignCall) {
	const known = client.readings.get(call.kind);
	const family = client.readings.get('family');
	const preferred = (r: Reading) => (known ? r.name === known : family !== undefined && r.name.startsWith(family));
	return [...call.readings.filter(preferred), ...call.readings.filter((r) => !preferred(r))];
}

/**
 * One campaign call, through the run's client (its pace, retries and throttling), on the first
 * documented reading this server answers. A 404 or 405 on every reading comes back as the last one's.
 */
export async function campaignRequest(client: KoreClient, call: CampaignCall): Promise<CallOutcome> {
	let last: CallOutcome | undefined;
	for (const reading of ordered(client, call)) {
		const query = { ...reading.query, ...(client.settings.accountId && { accountId: client.settings.accountId }) };
		const outcome = await client.call({
			method: reading.method,
			path: '',
			route: reading.route,
			query,
			...(call.body !== undefined && reading.method !== 'GET' && reading.method !== 'DELETE' && { body: call.body }),
			expect: 'campaign',
			probe: true,
			creating: call.creating,
			verb: call.verb,
		});
		if (outcome.kind === 'rejected' && (outcome.status === 404 || outcome.status === 405)) {
			last = outcome;
			continue;
		}
		if (outcome.kind === 'ok' || outcome.kind === 'rejected' || outcome.kind === 'failed') {
			client.readings.set(call.kind, reading.name);
			if (/^v\d /.test(reading.name)) client.readings.set('family', reading.name.slice(0, 3));
		}
		return outcome;
	}
	return last ?? { kind: 'failed', reason: 'No path of this call is documented', outcomeUnknown: false };
}
