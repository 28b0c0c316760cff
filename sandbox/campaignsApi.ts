// Kore.ai's Campaign Management endpoints over one CampaignStore, on each documented reading of its
// pages (see shared/reference/kore-campaign-apis.md): the v1 "agentassist" and v2 "campaign" path
// families, GET or POST for the list of lists, `source` read back as either value, Add Contacts on
// /api/1.1 only, start and stop on their own paths. A reading the sandbox is not set to serve
// answers 404 (a path) or 405 (a method), as a server that does not have it would.
import type { CampaignStore, StoredCampaign, StoredList } from './campaignStore';
import { KoreError } from './envelope';

export interface CampaignReadings {
	/** Which path family is served: Kore's pages give both, for most calls. */
	paths: 'both' | 'v1' | 'v2';
	/** The method of Get All Contact Lists: the tables say POST, the samples send GET. */
	listAllMethod: 'GET' | 'POST';
	/** How a list's `source` reads back (the samples show both). */
	listSource: 'passiveApi' | 'passiveApiIntegration';
}

export const DEFAULT_CAMPAIGN_READINGS: CampaignReadings = { paths: 'both', listAllMethod: 'GET', listSource: 'passiveApi' };

export interface CampaignRequest {
	method: string;
	/** The whole path, from the host. */
	path: string;
	query: Record<string, string>;
	body: unknown;
}

const success = (message: string, data: unknown) => ({ status: 200, body: { status: 'success', message, data }, applied: true });
const NOT_FOUND = () => new KoreError(404, 'Not Found', 404);
const MAX_ADD = 1000;
const MAX_PAGE = 1000;
const MAX_OUTCOMES_PAGE = 100;

/** The family and the part after `/campaign/` of a campaign path, or undefined when it is not one. */
export function campaignRoute(path: string, streamId: string): { family: 'v1' | 'v2' | 'v1trigger' | 'v2trigger' | 'add'; rest: string } | undefined {
	const prefixes = [
		['v1', `/agentassist/api/v1/public/${streamId}/campaign/`],
		['v2', `/campaign/api/v2/public/${streamId}/campaign/`],
		['v1trigger', `/campaign/api/v1/public/${streamId}/campaign/`],
		['v2trigger', `/api/v2/public/${streamId}/campaign/trigger/`],
		['add', `/api/1.1/public/${streamId}/campaign/contactList/`],
	] as const;
	for (const [family, prefix] of prefixes) if (path.startsWith(prefix)) return { family, rest: path.slice(prefix.length) };
	return undefined;
}

export function handleCampaignRequest(store: CampaignStore, readings: CampaignReadings, req: CampaignRequest, streamId: string) {
	const route = campaignRoute(req.path, streamId);
	if (!route) throw NOT_FOUND();
	const family = route.family === 'v1trigger' ? 'v1' : route.family === 'v2trigger' ? 'v2' : route.family;
	if (family !== 'add' && readings.paths !== 'both' && readings.paths !== family) throw NOT_FOUND();
	store.settle();
	const parts = route.rest.split('/').map(decodeURIComponent);
	if (route.family === 'add') {
		if (req.method !== 'POST' || route.rest !== 'addContacts') throw NOT_FOUND();
		return addContacts(store, req.body);
	}
	if (route.family === 'v2trigger') return trigger(store, parts[0], req.query);
	if (route.family === 'v1trigger') {
		if (req.method !== 'POST' || parts.length !== 1) throw NOT_FOUND();
		return trigger(store, parts[0], req.query);
	}
	return serve(store, readings, route.family, req, parts);
}

function serve(store: CampaignStore, readings: CampaignReadings, family: 'v1' | 'v2', req: CampaignRequest, parts: string[]) {
	const [first, second, third] = parts;
	const shown = (list: StoredList) => listView(store, list, readings);
	if (first === 'contactList') {
		if (second === 'createContactList') return req.method === 'POST' ? createList(store, readings, req.body) : methodNotAllowed();
		if (second === 'getAllListDetails') {
			if (req.method !== readings.listAllMethod) return methodNotAllowed();
			return success('', [...store.lists.values()].filter((l) => l.isActive).map(shown));
		}
		if (!second) throw NOT_FOUND();
		if (third === 'getAllContacts') return req.method === 'GET' ? listContacts(store, second, req.query) : methodNotAllowed();
		if (third !== undefined) throw NOT_FOUND();
		switch (req.method) {
			case 'GET':
				return success('', shown(store.list(second)));
			case 'PUT':
				return updateList(store, second, req.body);
			case 'DELETE': {
				const list = store.deleteList(second);
				return success(`Contact list ${list.name} deleted successfully`, shown(list));
			}
		}
		return methodNotAllowed();
	}
	if (first === 'getAllCampaignDetails') return req.method === 'POST' ? listCampaigns(store, req.body) : methodNotAllowed();
	// v2 SMS stop: `campaign//trigger/{id}` (a double slash, as printed)
	if (first === '' && second === 'trigger' && family === 'v2') return trigger(store, third, req.query);
	if (!first) throw NOT_FOUND();
	if (second === 'status') {
		if (req.method !== 'POST') return methodNotAllowed();
		return req.query.view === 'contacts' ? outcomes(store, first, req.body) : campaignStatus(store, first);
	}
	if (second !== undefined) throw NOT_FOUND();
	if (req.method === 'GET') {
		const campaign = store.campaign(first);
		return success(`Campaign ${campaign.name} retrieved successfully`, campaignView(campaign));
	}
	// v2 SMS start: `campaign/{id}?campaignType=sms&trigger=play`
	if (req.method === 'POST' && family === 'v2' && req.query.trigger) return trigger(store, first, req.query);
	return methodNotAllowed();
}

function methodNotAllowed(): never {
	throw new KoreError(405, 'Method Not Allowed', 405);
}

function text(body: unknown, key: string) {
	const value = (body as Record<string, unknown> | undefined)?.[key];
	return typeof value === 'string' ? value : undefined;
}

function listView(store: CampaignStore, list: StoredList, readings: CampaignReadings) {
	const campaignInUse = store.campaignsUsing(list);
	return {
		...list,
		source: readings.listSource,
		totalRecordCount: store.members.get(list._id)?.length ?? 0,
		mapping: { firstName: 'firstName', lastName: 'lastName', phoneNumber: 'phoneNumber', timeZone: 'timeZone', uniqueId: 'uniqueId', contactPriority: 'contactPriority' },
		isListInUse: false,
		campaignInUse,
		apiConfigurations: { dataSyncMode: list.allowDuplicates ? 'allowDuplicates' : 'dontAllowDuplicates' },
		files: [],
	};
}

function createList(store: CampaignStore, readings: CampaignReadings, body: unknown) {
	const name = text(body, 'name');
	const description = text(body, 'description');
	const source = text(body, 'source');
	const problems: string[] = [];
	if (!name || name.trim() === '') problems.push('name is required');
	else if (name.length > 48) problems.push('name must be at most 48 characters');
	if (description === undefined || description.trim() === '') problems.push('description is required');
	else if (description.length > 256) problems.push('description must be at most 256 characters');
	if (source !== 'passiveApi' && source !== 'passiveApiIntegration') problems.push('source must be passiveApi');
	if (problems.length > 0) throw new KoreError(400, `Validation errors/ Invalid arguments: ${problems.join('; ')}`, 412);
	const allowDuplicates = (body as Record<string, unknown>).allowDuplicates === true;
	const list = store.createList({ name: name!, description: description!, allowDuplicates }, readings.listSource);
	return success(`Contact list ${list.name} created successfully`, listView(store, list, readings));
}

function updateList(store: CampaignStore, id: string, body: unknown) {
	const list = store.list(id);
	const name = text(body, 'name');
	const description = text(body, 'description');
	if (name !== undefined && (name.trim() === '' || name.length > 48)) throw new KoreError(400, 'Validation errors/ Invalid arguments: name must be 1 to 48 characters', 412);
	if (description !== undefined && description.length > 256) throw new KoreError(400, 'Validation errors/ Invalid arguments: description must be at most 256 characters', 412);
	if (name !== undefined && name.toLowerCase() !== list.lname && store.listByName(name)) throw new KoreError(400, `Contact list with name ${name} already exists`, 400);
	if (name !== undefined) Object.assign(list, { name, lname: name.toLowerCase() });
	if (description !== undefined) list.description = description;
	if (typeof (body as Record<string, unknown>)?.allowDuplicates === 'boolean') list.allowDuplicates = (body as Record<string, boolean>).allowDuplicates;
	store.touch(list);
	return success(`Contact list ${list.name} updated successfully`, { contactListId: list._id, body: { name: list.name, listType: 'call' } });
}

function listContacts(store: CampaignStore, id: string, query: Record<string, string>) {
	const members = store.members.get(store.list(id)._id)!;
	const skip = Math.max(0, Number(query.skip ?? 0) || 0);
	const limit = Math.min(MAX_PAGE, Math.max(1, Number(query.limit ?? 50) || 50));
	const results = members.slice(skip, skip + limit);
	return success('Contacts retrieved successfully', {
		results,
		skip,
		limit,
		hasMore: skip + limit < members.length,
		totalPages: Math.ceil(members.length / limit),
		totalResults: members.length,
	});
}

function addContacts(store: CampaignStore, body: unknown) {
	const name = text(body, 'contact_list_name');
	const data = (body as Record<string, unknown> | undefined)?.data;
	if (!name || !Array.isArray(data)) throw new KoreError(400, 'Validation errors/ Invalid arguments: contact_list_name and data are required', 412);
	if (data.length > MAX_ADD) throw new KoreError(413, `At most ${MAX_ADD} contacts per request`, 413);
	store.queueAdd(name, data.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null));
	return { status: 200, body: { message: 'Adding contacts to public list is in progress' }, applied: true };
}

function listCampaigns(store: CampaignStore, body: unknown) {
	const request = (body ?? {}) as { type?: unknown; skip?: unknown; limit?: unknown; filters?: { status?: unknown } };
	if (request.type !== 'voice' && request.type !== 'sms') throw new KoreError(400, 'Validation errors/ Invalid arguments: type must be voice or sms', 412);
	const statuses = Array.isArray(request.filters?.status) ? (request.filters!.status as string[]) : undefined;
	const all = [...store.campaigns.values()].filter((c) => c.type === request.type && (!statuses || statuses.includes(c.status)));
	const skip = Math.max(0, Number(request.skip) || 0);
	const limit = Math.min(MAX_PAGE, Math.max(1, Number(request.limit) || 50));
	const results = all.slice(skip, skip + limit).map((c) => campaignView(c));
	return success('Campaign  retrieved successfully', { results, skip, limit, hasMore: skip + limit < all.length, totalPages: Math.ceil(all.length / limit), totalResults: all.length });
}

/** Voice campaigns carry `_id`, SMS ones `id`, as Kore's samples show them. */
function campaignView(campaign: StoredCampaign) {
	const { _id, type, instanceId: _instance, ...rest } = campaign;
	return type === 'sms' ? { id: _id, ...rest, campaignExecutionType: 'NORMAL' } : { _id, ...rest, campaignInstanceUpdatedAt: rest.updatedAt };
}

function campaignStatus(store: CampaignStore, id: string) {
	const campaign = store.campaign(id);
	return { status: 200, body: { status: 'success', data: { id: campaign._id, status: campaign.status, name: campaign.name } }, applied: false };
}

function outcomes(store: CampaignStore, id: string, body: unknown) {
	const all = store.outcomes.get(store.campaign(id)._id)!;
	const request = (body ?? {}) as { page?: unknown; limit?: unknown };
	const limit = Number(request.limit ?? 100);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OUTCOMES_PAGE) throw new KoreError(400, 'Validation errors/ Invalid arguments: limit must be 1 to 100', 412);
	const page = Math.max(1, Number(request.page) || 1);
	const results = all.slice((page - 1) * limit, page * limit);
	return { status: 200, body: { status: 'success', data: { results, page, limit, totalPages: Math.ceil(all.length / limit), totalResults: all.length } }, applied: false };
}

function trigger(store: CampaignStore, id: string | undefined, query: Record<string, string>) {
	if (!id) throw NOT_FOUND();
	const type = query.campaignType;
	if (type !== 'voice' && type !== 'sms') throw new KoreError(400, 'Validation errors/ Invalid arguments: campaignType must be voice or sms', 412);
	const campaign = store.trigger(id, type, query.trigger ?? '');
	const started = campaign.status === 'Active';
	return {
		status: 200,
		body: {
			status: campaign.status,
			message: started ? 'Campaign Started' : 'Campaign Stopped',
			updatedAt: campaign.updatedAt,
			...(type === 'voice' ? { campaignInstanceId: campaign.instanceId } : { campaignExecutionType: 'NORMAL' }),
			...(started && type === 'voice' && { totalCallsCompleted: 0 }),
		},
		applied: true,
	};
}
