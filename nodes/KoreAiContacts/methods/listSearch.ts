// The contact picker of Update and Delete ("From List"): the account's contacts, searched by name or
// phone number. Kore.ai has no search, so each call reads a few pages of the list and keeps the
// matches; the picker asks for more (the pagination token: where the list was left) as the person scrolls.
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { contactFilter } from '../helpers/contactFilter';
import { contactIdOf } from '../helpers/contactShape';
import { contactPhoneKey } from '../helpers/phone';
import { defaultOptions } from '../helpers/options';
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
