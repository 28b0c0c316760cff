// Reading the account's contacts page by page (skip / limit / hasMore), through the run's one client,
// so the pages are paced with every other request of the execution.
import type { ContactPredicate } from '../helpers/contactFilter';
import type { CallOutcome, KoreClient } from './koreClient';

export { LARGEST_PAGE } from '../helpers/options';

export type PagesResult =
	/** `complete`: every page of the list was read (nothing was left unread past the last match). */
	/** `next`: where the next read would start (`from` of a later read), `complete` false. */
	| { kind: 'ok'; contacts: Array<Record<string, unknown>>; pages: number; complete: boolean; next: number }
	/** A page failed for good: what was read so far is not the list, and is not returned as one. */
	| { kind: 'failed'; outcome: Exclude<CallOutcome, { kind: 'ok' }>; page: number };

export interface PagesRequest {
	/** Contacts asked for per request. */
	pageSize: number;
	/** At most this many contacts; all when undefined. */
	limit?: number;
	/** Only the contacts it keeps; every one without it. */
	filter?: ContactPredicate;
	/** No page is asked for after this time (the client's clock). */
	deadline?: number;
	/** Where in the list to start (the `next` of an earlier read); 0 when not given. */
	from?: number;
	/** At most this many pages, then the read ends where it is (`complete` false). */
	maxPages?: number;
}

/**
 * Up to `limit` contacts that `filter` keeps, in Kore's order, `pageSize` per request. No page is
 * read after the last one needed: the limit reached, or the one contact a unique filter can match
 * found.
 */
export async function readContacts(client: KoreClient, { pageSize, limit, filter, deadline, from = 0, maxPages }: PagesRequest): Promise<PagesResult> {
	const contacts: Array<Record<string, unknown>> = [];
	let listed = from;
	let pages = 0;
	for (;;) {
		if (deadline !== undefined && client.settings.now() > deadline) {
			return { kind: 'failed', page: pages + 1, outcome: { kind: 'failed', reason: 'The time a read may take ran out before this page', outcomeUnknown: false } };
		}
		// Where (nearly) every contact counts, the last page asks for no more than is wanted.
		const wanted = limit === undefined || filter?.selective ? pageSize : Math.min(pageSize, limit - contacts.length);
		const outcome = await client.call({ method: 'GET', path: '', query: { skip: listed, limit: wanted }, expect: 'page', verb: 'read' });
		pages++;
		if (outcome.kind !== 'ok') return { kind: 'failed', outcome, page: pages };
		const page = outcome.body as { results: unknown[]; hasMore?: unknown };
		const start = listed;
		listed += page.results.length;
		for (let i = 0; i < page.results.length; i++) {
			const contact = page.results[i];
			if (typeof contact !== 'object' || contact === null || (filter && !filter.matches(contact as Record<string, unknown>))) continue;
			contacts.push(contact as Record<string, unknown>);
			if ((limit !== undefined && contacts.length >= limit) || filter?.unique || filter?.settled?.()) {
				return { kind: 'ok', contacts, pages, complete: page.hasMore !== true && i === page.results.length - 1, next: start + i + 1 };
			}
		}
		// An empty page ends the list even if hasMore says otherwise: never loop on a server's mistake.
		if (page.hasMore !== true || page.results.length === 0) return { kind: 'ok', contacts, pages, complete: true, next: listed };
		if (maxPages !== undefined && pages >= maxPages) return { kind: 'ok', contacts, pages, complete: false, next: listed };
	}
}
