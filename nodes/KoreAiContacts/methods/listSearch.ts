// The contact picker of Update and Delete ("From List"): the account's contacts, searched by name or
// phone number. Kore.ai has no search, so each call reads a few pages of the list and keeps the
// matches; the picker asks for more (the pagination token: where the list was left) as the person scrolls.
import { NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchItems, type INodeListSearchResult } from 'n8n-workflow';

import { contactFilter } from '../helpers/contactFilter';
import { contactIdOf } from '../helpers/contactShape';
import { contactPhoneKey } from '../helpers/phone';
import { answerRecords, recordId } from '../helpers/campaignAnswers';
import { defaultOptions } from '../helpers/options';
import { campaignCalls, campaignRequest } from '../transport/campaignApi';
import { readCampaigns } from '../transport/campaigns';
import type { CallOutcome } from '../transport/koreClient';
import { asNodeError, openClient } from '../transport/client';
import { listReadError } from '../transport/listReadError';
import { LARGEST_PAGE, readContacts } from '../transport/pages';

/** Pages one search reads at most (3,000 contacts): a few of Kore's 60 requests a minute; the picker asks for more. */
const PAGES_PER_SEARCH = 3;
const MATCHES_WANTED = 20;

/** A search that is a phone number (digits, spaces, dashes, a leading +) looks for the number; anything else for a name. */
function searchFilter(text: string | undefined) {
	const wanted = text?.trim() ?? '';
	const isPhone = /^\+?[\d\s\-.()]{4,}$/.test(wanted);
	const result = contactFilter(isPhone ? { phoneNumber: wanted } : { name: wanted });
	return result.ok ? result.predicate : undefined;
}

function label(contact: Record<string, unknown>) {
	const name = typeof contact.fullName === 'string' && contact.fullName.trim() ? contact.fullName : `${String(contact.firstName ?? '')} ${String(contact.lastName ?? '')}`.trim();
	const phone = contactPhoneKey(contact);
	return phone ? `${name || 'No name'} (${phone})` : name || 'No name';
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const from = Number(paginationToken ?? 0) || 0;
	try {
		const client = await openClient(this, defaultOptions());
		const read = await readContacts(client, {
			pageSize: LARGEST_PAGE,
			from,
			limit: MATCHES_WANTED,
			maxPages: PAGES_PER_SEARCH,
			filter: searchFilter(filter) ?? { matches: () => true, unique: false, selective: false },
		});
		if (read.kind === 'failed') throw listReadError(this, read);
		const results: INodeListSearchItems[] = read.contacts.flatMap((contact) => {
			const id = contactIdOf(contact);
			return id === undefined ? [] : [{ name: label(contact), value: id }];
		});
		return { results, ...(!read.complete && { paginationToken: String(read.next) }) };
	} catch (error) {
		throw asNodeError(this, error);
	}
}

/** A picker's read that failed: what Kore said, and the scope the campaign pickers need. */
function searchError(context: ILoadOptionsFunctions, outcome: Exclude<CallOutcome, { kind: 'ok' }>, what: string) {
	const why = outcome.kind === 'configuration' || outcome.kind === 'rejected' ? outcome.detail : outcome.kind === 'failed' ? outcome.reason : 'cancelled';
	return new NodeOperationError(context.getNode(), `Kore.ai's ${what} could not be read: ${why}`, {
		description: 'The JWT app of the Kore.ai API credential needs the Contact Center scope "Campaign Management".',
	});
}

/** The list picker: every contact list of the bot (one request), searched by name. */
export async function searchContactLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await openClient(this, defaultOptions(), undefined, 'Campaign Management');
	const outcome = await campaignRequest(client, campaignCalls.allLists(client));
	if (outcome.kind !== 'ok') throw searchError(this, outcome, 'contact lists');
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results: INodeListSearchItems[] = answerRecords(outcome.body).flatMap((list) => {
		const id = recordId(list);
		const name = typeof list.name === 'string' ? list.name : id;
		if (!id || (wanted && !String(name).toLowerCase().includes(wanted))) return [];
		return [{ name: `${name} (${typeof list.totalRecordCount === 'number' ? `${list.totalRecordCount} contacts` : id})`, value: id }];
	});
	return { results };
}

/** The campaign picker: the campaigns of the Campaign Type chosen (pages of 100), searched by name. */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const type = this.getCurrentNodeParameter('campaignType') === 'sms' ? 'sms' : 'voice';
	const client = await openClient(this, defaultOptions(), undefined, 'Campaign Management');
	const read = await readCampaigns(client, type, [], 500);
	if (!read.ok) throw searchError(this, read.outcome, 'campaigns');
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results: INodeListSearchItems[] = read.value.flatMap((campaign) => {
		const id = recordId(campaign);
		const name = typeof campaign.name === 'string' ? campaign.name : id;
		if (!id || (wanted && !String(name).toLowerCase().includes(wanted))) return [];
		return [{ name: `${name} (${String(campaign.status ?? type)})`, value: id }];
	});
	return { results };
}
