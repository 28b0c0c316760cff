// Which contacts changed since the last poll, from Kore's own timestamps only (createdAt, updatedAt,
// status), never from this machine's clock, which may be minutes away from Kore's.
//
// The cursor is a point in Kore's time before which every change has already been read. A poll reads
// the list page by page, and changes keep landing while it reads: a contact on a page already read
// may change, a contact created meanwhile shifts the pages. A change made during the read is at or
// after the read's start in Kore's time, and the newest `updatedAt` the read saw is at or before its
// end; so "newest seen minus the read's duration" (a duration, which both clocks measure alike) is
// at or before every change the read may have missed. That is the next cursor. The contacts seen
// after it are remembered with their `updatedAt`, so that the next poll, which reads from the
// cursor again, emits each change once: few ids, however large the account.

import { contactIdOf } from './contactShape';

export type ContactEvent = 'created' | 'updated' | 'deleted';

export interface TriggerState {
	/** Kore time, ms: every change before it has been read. */
	cursor: number;
	/** id -> updatedAt (ms) of the contacts seen after the cursor, each already emitted (or the baseline). */
	seen: Record<string, number>;
}

export interface Change {
	contact: Record<string, unknown>;
	event: ContactEvent;
}

export interface Detection {
	changes: Change[];
	next: TriggerState;
}

/** Added to the read's duration: Kore's timestamps may lag the moment a change becomes visible. */
export const CURSOR_MARGIN_MS = 2000;


const timeOf = (value: unknown) => {
	const ms = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
};

/** The list as read: one version per id (the last one read, when shifted pages showed it twice). */
function latestById(contacts: Array<Record<string, unknown>>) {
	const byId = new Map<string, Record<string, unknown>>();
	for (const contact of contacts) {
		const id = contactIdOf(contact);
		if (id !== undefined) byId.set(id, contact);
	}
	return byId;
}

function nextState(byId: Map<string, Record<string, unknown>>, previous: TriggerState | undefined, readDurationMs: number): TriggerState {
	let newest = previous ? previous.cursor : -Infinity;
	for (const contact of byId.values()) newest = Math.max(newest, timeOf(contact.updatedAt) ?? -Infinity);
	if (newest === -Infinity) return { cursor: 0, seen: {} };
	const cursor = Math.max(previous?.cursor ?? -Infinity, newest - readDurationMs - CURSOR_MARGIN_MS);
	const seen: Record<string, number> = {};
	// A contact the shifted pages hid from this read keeps its entry, or the next poll would emit it again.
	for (const [id, updated] of Object.entries(previous?.seen ?? {})) if (updated > cursor) seen[id] = updated;
	for (const [id, contact] of byId) {
		const updated = timeOf(contact.updatedAt);
		if (updated !== undefined && updated > cursor) seen[id] = updated;
	}
	return { cursor, seen };
}

/** The first poll: the state to start from, and nothing emitted (no backlog of the whole account). */
export function baseline(contacts: Array<Record<string, unknown>>, readDurationMs: number): TriggerState {
	return nextState(latestById(contacts), undefined, readDurationMs);
}

/**
 * The changes since `state`, one per contact, its event from its latest state: INACTIVE is
 * `deleted`; created after the previous cursor and never seen is `created` (created and then edited
 * between two polls comes once, as created); anything else, a restore from INACTIVE included, is
 * `updated`.
 */
export function detectChanges(contacts: Array<Record<string, unknown>>, state: TriggerState, readDurationMs: number): Detection {
	const byId = latestById(contacts);
	const changes: Change[] = [];
	for (const [id, contact] of byId) {
		const updated = timeOf(contact.updatedAt);
		if (updated === undefined || updated <= state.cursor || state.seen[id] === updated) continue;
		const created = timeOf(contact.createdAt);
		const event: ContactEvent =
			contact.status === 'INACTIVE' ? 'deleted' : state.seen[id] === undefined && created !== undefined && created > state.cursor ? 'created' : 'updated';
		changes.push({ contact, event });
	}
	// Oldest change first, as a CRM would replay them.
	changes.sort((a, b) => (timeOf(a.contact.updatedAt) ?? 0) - (timeOf(b.contact.updatedAt) ?? 0));
	return { changes, next: nextState(byId, state, readDurationMs) };
}

/** The contact changed last, for "Fetch Test Event": a sample of what the trigger emits. */
export function mostRecentChange(contacts: Array<Record<string, unknown>>): Change | undefined {
	let latest: Record<string, unknown> | undefined;
	for (const contact of contacts) {
		if (latest === undefined || (timeOf(contact.updatedAt) ?? -Infinity) > (timeOf(latest.updatedAt) ?? -Infinity)) latest = contact;
	}
	if (!latest) return undefined;
	return { contact: latest, event: latest.status === 'INACTIVE' ? 'deleted' : latest.createdAt === latest.updatedAt ? 'created' : 'updated' };
}

/** Whether a stored value is a state this version can continue from. */
export function isTriggerState(value: unknown): value is TriggerState {
	const state = value as TriggerState | undefined;
	return typeof state?.cursor === 'number' && typeof state.seen === 'object' && state.seen !== null;
}
