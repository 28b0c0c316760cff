// Campaign call outcomes as trigger events: each change once, with state that grows with the changes
// between two polls, never with the campaign. Every outcome becomes one 12-byte key: who was called
// (a hash of the number and Unique ID), attempts so far, a hash of the dialer outcome, a hash of the
// disposition codes, and a hash of everything a change can touch (the bot session included, so a
// rerun of the campaign, which starts new sessions, never looks like the old run). The keys of a
// poll go into a compact invertible summary (idSummary.ts); the keys in this poll's and not in the
// last poll's summary are the changes, and the last poll's keys for the same person say what kind.
// Pure.
import { createHash } from 'node:crypto';

import { difference, storedBytes, summarize, type IdSummary } from './idSummary';

/** Differences a summary names: 500 changes (a changed outcome counts twice: its old and new key). */
export const OUTCOME_CAPACITY = 1000;
const PACKING = { encoding: 'hex', width: 12 } as const;

export type OutcomeChange = 'firstDial' | 'newAttempt' | 'newOutcome' | 'newDisposition' | 'updated';

export interface OutcomeState {
	campaignId: string;
	campaignName?: string;
	summary: IdSummary;
}

export interface OutcomeCheck {
	changes: Array<{ outcome: Record<string, unknown>; change: OutcomeChange }>;
	/** More changes than the summary could name: how many keys are new, at least, beyond those named. */
	unnamed: number;
	/** The summary's new capacity, when it had to grow. */
	resizedTo?: number;
	next: OutcomeState;
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const digest = (value: string, bytes: number) => createHash('sha256').update(value).digest().subarray(0, bytes).toString('hex');

function codes(outcome: Record<string, unknown>) {
	const list = Array.isArray(outcome.agentDispositionCodes) ? outcome.agentDispositionCodes.map(text) : [];
	return [...list].sort().join('\u001f');
}

/** The 24-hex-digit key of an outcome: person (4 bytes), attempts, outcome, dispositions, everything (5). */
export function outcomeKey(outcome: Record<string, unknown>): string {
	const person = `${text(outcome.phoneNumber).replace(/\D/g, '')}\u001f${text(outcome.uniqueId)}`;
	const attempts = Math.max(0, Math.min(255, Math.trunc(Number(outcome.numberOfAttemptsSoFar) || 0)));
	const everything = [person, attempts, text(outcome.dialerOutcome), codes(outcome), text(outcome.botOutboundStatus), text(outcome.botOutboundStatusDetail), text(outcome.botSessionId)].join('\u001e');
	return digest(person, 4) + attempts.toString(16).padStart(2, '0') + digest(text(outcome.dialerOutcome), 1) + digest(codes(outcome), 1) + digest(everything, 5);
}

const byte = (k: string, at: number) => parseInt(k.slice(at * 2, at * 2 + 2), 16);
const personOf = (key: string) => key.slice(0, 8);

/** What kind of change a new key is, from the person's key in the last poll (if any). */
function kindOf(key: string, before: string | undefined, newRun: boolean): OutcomeChange {
	if (before === undefined || newRun) return 'firstDial';
	if (byte(key, 4) > byte(before, 4)) return 'newAttempt';
	if (byte(key, 5) !== byte(before, 5)) return 'newOutcome';
	if (byte(key, 6) !== byte(before, 6)) return 'newDisposition';
	return 'updated';
}

/**
 * The last poll's keys whose person this read does not list at all. Within one run Kore never takes
 * an outcome off its list, so such a person is either the old run's (Kore started the campaign again)
 * or missing from this one read (a page that shifted while it was read).
 */
function vanishedKeys(gone: string[], listed: Map<string, string>): string[] {
	return gone.filter((key) => !listed.has(personOf(key)));
}

/**
 * Whether Kore started the campaign again since the last poll (a rerun clears its outcomes and calls
 * the list anew, in new sessions): someone has fewer attempts than before, or none of the last poll's
 * outcomes is still listed as it was and someone is not listed at all. A read that misses a few
 * people while the others stay as they were is not a rerun. A new run that has already called
 * everyone the last poll listed, none with fewer attempts, cannot be told from new attempts: its
 * calls still come once each, named by how they differ from the old run's.
 */
function isNewRun(found: { gone: string[]; complete: boolean }, listed: Map<string, string>, vanished: string[], lastSize: number): boolean {
	if (!found.complete || found.gone.length === 0) return false;
	const fewerAttempts = found.gone.some((key) => {
		const after = listed.get(personOf(key));
		return after !== undefined && byte(after, 4) < byte(key, 4);
	});
	return fewerAttempts || (vanished.length > 0 && found.gone.length >= lastSize);
}

/** The first poll's state: it takes note of every outcome and emits nothing. */
export function baselineOutcomes(outcomes: Array<Record<string, unknown>>, campaign: { id: string; name?: string }, capacity = OUTCOME_CAPACITY): OutcomeState {
	return { campaignId: campaign.id, ...(campaign.name && { campaignName: campaign.name }), summary: summarize(outcomes.map(outcomeKey), capacity, PACKING, 'compact') };
}

/** The outcomes new or changed since the state was taken, in the order Kore lists them. */
export function detectOutcomeChanges(outcomes: Array<Record<string, unknown>>, state: OutcomeState): OutcomeCheck {
	const keys = outcomes.map(outcomeKey);
	const capacity = state.summary.capacity;
	const now = summarize(keys, capacity, PACKING, 'compact');
	const found = difference(state.summary, now);
	const added = new Set(found.added);
	const earlier = new Map(found.gone.map((key) => [personOf(key), key]));
	// The people with a new key in this read: by person, the key.
	const listed = new Map(found.added.map((key) => [personOf(key), key]));
	const vanished = found.complete ? vanishedKeys(found.gone, listed) : [];
	const newRun = isNewRun(found, listed, vanished, state.summary.size);
	const changes = outcomes.flatMap((outcome, i) => (added.has(keys[i]) ? [{ outcome, change: kindOf(keys[i], earlier.get(personOf(keys[i])), newRun) }] : []));
	// Someone this read missed within the same run stays in the summary: when a later read lists
	// them again as they were, nothing is emitted twice; as they changed, the change comes once.
	if (found.complete) return { changes, unnamed: 0, next: { ...state, summary: newRun || vanished.length === 0 ? now : summarize([...keys, ...vanished], capacity, PACKING, 'compact') } };
	// Too many changes for the summary: deliver those it named, count the rest, and keep track of
	// twice as many from now on.
	const grown = capacity * 2;
	const unnamed = Math.max(1, now.size - state.summary.size - changes.length);
	return { changes, unnamed, resizedTo: grown, next: { ...state, summary: summarize(keys, grown, PACKING, 'compact') } };
}

export function isOutcomeState(value: unknown): value is OutcomeState {
	if (typeof value !== 'object' || value === null) return false;
	const state = value as Partial<OutcomeState>;
	return typeof state.campaignId === 'string' && typeof state.summary === 'object' && state.summary !== null && typeof state.summary.cells === 'string';
}

/** The bytes the state takes for a summary of this capacity (the bound the tests hold it to). */
export const outcomeStateBytes = (capacity = OUTCOME_CAPACITY) => storedBytes(capacity, PACKING.width, 'compact');
