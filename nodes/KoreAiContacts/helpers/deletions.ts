// Deletions the trigger names when Kore's list leaves deleted contacts out (where it lists them as
// INACTIVE, their status says so, and change detection reports them). Each poll keeps a summary of the
// active ids it read (helpers/idSummary.ts), a few kilobytes whatever the account's size; the next poll
// names the ids that left. A contact can also be missed by one read when the list shifts under the
// pages (a contact deleted on a page already read moves the rest up), so an id is reported deleted
// only once a second read confirms it: at the poll after it was first missed. Pure.
import { contactIdOf } from './contactShape';
import { difference, fits, summarize, type IdSummary } from './idSummary';

/** Differences between two polls the summary names to start with: 200 keeps it under 16 kB at any account size. */
export const DEFAULT_CAPACITY = 200;
/** The most it grows to (about 1 MB stored for Kore's ids), after polls that changed more. */
const MAX_CAPACITY = 20_000;

export interface DeletionState {
	ids: IdSummary;
	/** Ids the last read missed, to be confirmed by this one. */
	pending: string[];
}

export interface DeletionCheck {
	/** Ids deleted, confirmed by two reads: each reported once. */
	deleted: string[];
	/** Deletions since the last poll that could not be named (more changed than the summary holds): at least this many. */
	unnamed: number;
	/** The differences the summary can now name, when it was resized for the next poll. */
	resizedTo?: number;
	next: DeletionState;
}

/** The ids the read listed, and of those the active ones: one pass over the list. */
function idsOf(contacts: Array<Record<string, unknown>>) {
	const listed = new Set<string>();
	const active = new Set<string>();
	for (const contact of contacts) {
		const id = contactIdOf(contact);
		if (id === undefined) continue;
		listed.add(id);
		if (contact.status !== 'INACTIVE') active.add(id);
	}
	return { listed, active };
}

/**
 * `created`: the contacts this poll found created since the last one (change detection's count); with
 * the sizes of both reads it tells how many were deleted when the summary cannot name them all.
 */
export function trackDeletions(contacts: Array<Record<string, unknown>>, previous: DeletionState | undefined, created: number): DeletionCheck {
	const { listed, active } = idsOf(contacts);
	if (!previous || !fits(previous.ids, active)) {
		return { deleted: [], unnamed: 0, next: { ids: summarize(active, previous?.ids.capacity ?? DEFAULT_CAPACITY), pending: [] } };
	}
	const { capacity } = previous.ids;
	const current = summarize(active, capacity, previous.ids);
	const diff = difference(previous.ids, current);
	// Listed at all (INACTIVE included), an id is not gone: its status reports a deletion.
	const deleted = previous.pending.filter((id) => !listed.has(id));
	const pending = diff.gone.filter((id) => !listed.has(id));
	let next = capacity;
	let unnamed = 0;
	if (!diff.complete) {
		const goneInAll = Math.max(previous.ids.size - current.size + created, diff.gone.length);
		unnamed = Math.max(0, goneInAll - diff.gone.length);
		next = Math.min(MAX_CAPACITY, Math.max(capacity * 2, (goneInAll + created) * 2));
	} else if (capacity > DEFAULT_CAPACITY && (diff.gone.length + diff.added.length) * 8 < capacity) {
		next = Math.max(DEFAULT_CAPACITY, Math.floor(capacity / 2));
	}
	return {
		deleted,
		unnamed,
		...(next !== capacity && { resizedTo: next }),
		next: { ids: next === capacity ? current : summarize(active, next, previous.ids), pending },
	};
}

export function isDeletionState(value: unknown): value is DeletionState {
	const state = value as DeletionState | undefined;
	return typeof state?.ids?.cells === 'string' && typeof state.ids.capacity === 'number' && Array.isArray(state.pending);
}
