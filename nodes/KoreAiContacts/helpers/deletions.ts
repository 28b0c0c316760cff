// Deletions the trigger names when Kore's list leaves deleted contacts out (where it lists them as
// INACTIVE, their status says so, and change detection reports them). Each poll keeps a summary of the
// active ids it read (helpers/idSummary.ts), a few kilobytes whatever the account's size; the next poll
// names the ids that left. A contact can also be missed by one read when the list shifts under the
// pages (a contact deleted on a page already read moves the rest up), so an id is reported deleted
// only once a second read confirms it: at the poll after it was first missed. Pure.
import { contactIdOf } from './contactShape';
import { difference, encodingFor, packs, summarize, type IdSummary } from './idSummary';

/** Differences between two polls the summary names to start with: 200 keeps it under 16 kB at any account size. */
export const DEFAULT_CAPACITY = 200;
/** The most it grows to (about 1 MB stored for Kore's ids), after polls that changed more. */
const MAX_CAPACITY = 20_000;

export interface DeletionState {
	ids: IdSummary;
	/** Ids the last read missed, to be confirmed by this one. */
	pending: string[];
	/** Active ids no packing can hold (over 64 bytes, or with a NUL byte): kept as they are, never seen with Kore's ids. */
	unpackable?: string[];
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
	if (!previous) return { deleted: [], unnamed: 0, next: stateFor(active, DEFAULT_CAPACITY, []) };
	const { capacity } = previous.ids;
	// Ids that do not fit the last poll's packing (a longer id, another alphabet) were not in its set:
	// the summary of the ids that fit still differences against it, and names every id that left.
	const current = summarize(active, capacity, previous.ids);
	const diff = difference(previous.ids, current);
	const leftOut = (previous.unpackable ?? []).filter((id) => !active.has(id));
	// Listed at all (INACTIVE included), an id is not gone: its status reports a deletion.
	const deleted = previous.pending.filter((id) => !listed.has(id));
	const pending = [...diff.gone, ...leftOut].filter((id) => !listed.has(id));
	let next = capacity;
	let unnamed = 0;
	if (!diff.complete) {
		const before = previous.ids.size + (previous.unpackable?.length ?? 0);
		const goneInAll = Math.max(before - active.size + created, diff.gone.length + leftOut.length);
		unnamed = Math.max(0, goneInAll - diff.gone.length - leftOut.length);
		next = Math.min(MAX_CAPACITY, Math.max(capacity * 2, (goneInAll + created) * 2));
	} else if (capacity > DEFAULT_CAPACITY && (diff.gone.length + diff.added.length) * 8 < capacity) {
		next = Math.max(DEFAULT_CAPACITY, Math.floor(capacity / 2));
	}
	const repack = current.size + (previous.unpackable?.length ?? 0) - leftOut.length !== active.size;
	return {
		deleted,
		unnamed,
		...(next !== capacity && { resizedTo: next }),
		next: next === capacity && !repack ? { ids: current, pending, ...unpackableOf(previous.unpackable, active) } : stateFor(active, next, pending),
	};
}

/** The state for a set of active ids: packed as they all fit best, the rest kept aside. */
function stateFor(active: Set<string>, capacity: number, pending: string[]): DeletionState {
	const packing = encodingFor(active);
	const unpackable = [...active].filter((id) => !packs(id, packing));
	return { ids: summarize(active, capacity, packing), pending, ...(unpackable.length > 0 && { unpackable }) };
}

function unpackableOf(previous: string[] | undefined, active: Set<string>) {
	const kept = (previous ?? []).filter((id) => active.has(id));
	return kept.length > 0 ? { unpackable: kept } : {};
}

export function isDeletionState(value: unknown): value is DeletionState {
	const state = value as DeletionState | undefined;
	return (
		typeof state?.ids?.cells === 'string' &&
		typeof state.ids.capacity === 'number' &&
		Array.isArray(state.pending) &&
		(state.unpackable === undefined || Array.isArray(state.unpackable))
	);
}
