// Campaign contact lists through the run's client: finding a list by id or by name (Add Contacts
// names it, every other call takes its id, so a run resolves whichever it was given once), and
// reading a list's contacts page by page.
import { answerData, answerHasMore, answerRecords, recordId, sameListName } from '../helpers/campaignAnswers';
import { campaignCalls, campaignRequest } from './campaignApi';
import type { CallOutcome, KoreClient } from './koreClient';

export type ListLookup = { kind: 'found'; list: Record<string, unknown> } | { kind: 'missing'; reason: string } | { kind: 'error'; outcome: Exclude<CallOutcome, { kind: 'ok' }> };

/** Every contact list of the bot (Kore documents no paging for this call). */
export async function allLists(client: KoreClient): Promise<{ ok: true; lists: Array<Record<string, unknown>> } | { ok: false; outcome: Exclude<CallOutcome, { kind: 'ok' }> }> {
	const outcome = await campaignRequest(client, campaignCalls.allLists(client));
	return outcome.kind === 'ok' ? { ok: true, lists: answerRecords(outcome.body) } : { ok: false, outcome };
}

/** The list with this name, if the bot has one. */
export async function listByName(client: KoreClient, name: string): Promise<ListLookup> {
	const all = await allLists(client);
	if (!all.ok) return { kind: 'error', outcome: all.outcome };
	const list = all.lists.find((l) => sameListName(l, name));
	return list ? { kind: 'found', list } : { kind: 'missing', reason: `Kore.ai has no contact list named "${name}"` };
}

/** The list with this id: its details (its name included, which Add Contacts needs). */
export async function listById(client: KoreClient, id: string): Promise<ListLookup> {
	const outcome = await campaignRequest(client, campaignCalls.getList(client, id));
	if (outcome.kind === 'ok') {
		const list = answerData(outcome.body);
		return recordId(list) || typeof list.name === 'string' ? { kind: 'found', list: { _id: id, ...list } } : { kind: 'missing', reason: `Kore.ai has no contact list ${id}` };
	}
	if (outcome.kind === 'rejected' && outcome.status === 404) return { kind: 'missing', reason: `Kore.ai has no contact list ${id}: the ID is wrong, or the list was deleted` };
	return { kind: 'error', outcome };
}

/** The largest page of a list's contacts the node asks for (Kore documents none; its sample shows 50). */
export const LIST_PAGE = 1000;

/**
 * Every contact of a list, page by page (`skip` / `limit`, the paging of Kore's other lists; a server
 * that pages by its own size is followed by what it returned).
 */
export async function readListContacts(client: KoreClient, id: string): Promise<{ ok: true; contacts: Array<Record<string, unknown>>; pages: number } | { ok: false; outcome: Exclude<CallOutcome, { kind: 'ok' }> }> {
	const contacts: Array<Record<string, unknown>> = [];
	for (let pages = 1; ; pages++) {
		const outcome = await campaignRequest(client, campaignCalls.listContacts(client, id, contacts.length, LIST_PAGE));
		if (outcome.kind !== 'ok') return { ok: false, outcome };
		const page = answerRecords(outcome.body);
		contacts.push(...page);
		if (page.length === 0 || !answerHasMore(outcome.body)) return { ok: true, contacts, pages };
	}
}
