// Reading the account's contacts page by page (skip / limit / hasMore), through the run's one client,
// so the pages are paced with every other request of the execution.
import type { CallOutcome, KoreClient } from './koreClient';

export type PagesResult =
	| { kind: 'ok'; contacts: Array<Record<string, unknown>>; pages: number }
	/** A page failed for good: what was read so far is not the list, and is not returned as one. */
	| { kind: 'failed'; outcome: Exclude<CallOutcome, { kind: 'ok' }>; page: number };

/** Up to `limit` contacts (all when undefined), `pageSize` per request. */
export async function readContacts(client: KoreClient, pageSize: number, limit?: number): Promise<PagesResult> {
	const contacts: Array<Record<string, unknown>> = [];
	let pages = 0;
	for (;;) {
		const wanted = limit === undefined ? pageSize : Math.min(pageSize, limit - contacts.length);
		if (wanted <= 0) break;
		const outcome = await client.call({ method: 'GET', path: '', query: { skip: contacts.length, limit: wanted }, expect: 'page', verb: 'read' });
		pages++;
		if (outcome.kind !== 'ok') return { kind: 'failed', outcome, page: pages };
		const page = outcome.body as { results: unknown[]; hasMore?: unknown };
		const results = page.results.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null);
		contacts.push(...results.slice(0, wanted));
		// An empty page ends the list even if hasMore says otherwise: never loop on a server's mistake.
		if (page.hasMore !== true || page.results.length === 0) break;
	}
	return { kind: 'ok', contacts, pages };
}
