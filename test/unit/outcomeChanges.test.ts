// Campaign outcomes as trigger events (helpers/outcomeChanges.ts): each change once, its kind named,
// a rerun's new sessions new and the old run's outcomes never again, and the state bounded by the
// changes between two polls: at most 32 kB for 50,000 dialled contacts and 500 changes.
import { baselineOutcomes, detectOutcomeChanges, OUTCOME_CAPACITY, outcomeKey, outcomeStateBytes, type OutcomeState } from '../../nodes/KoreAiContacts/helpers/outcomeChanges';

const number = (n: number) => `9198${String(10_000_000 + n)}`;
const outcome = (n: number, extra: Record<string, unknown> = {}) => ({
	phoneNumber: number(n),
	uniqueId: `CRM-${n}`,
	dialerOutcome: n % 3 ? 'completed' : 'no-answer',
	numberOfAttemptsSoFar: 1,
	botSessionId: `s${n}`.padEnd(24, '0'),
	agentDispositionCodes: [] as string[],
	botOutboundStatus: 'userHangUp',
	botOutboundStatusDetail: 'user_hangup',
	...extra,
});
const campaign = { id: 'cd-1', name: 'Renewals calls' };
/** Through JSON, as n8n keeps a trigger's state across polls and restarts. */
const stored = (state: OutcomeState): OutcomeState => JSON.parse(JSON.stringify(state));

describe('50,000 dialled contacts', () => {
	const dialled = Array.from({ length: 50_000 }, (_, n) => outcome(n));
	const first = baselineOutcomes(dialled, campaign);

	test('the state is at most 32 kB (printed) and a poll with nothing new emits nothing', () => {
		const bytes = JSON.stringify(first).length;
		console.log(`outcome trigger state for 50,000 dialled contacts: ${bytes} bytes (bound 32,768; summary alone ${outcomeStateBytes()} bytes)`);
		expect(bytes).toBeLessThanOrEqual(32 * 1024);
		expect(detectOutcomeChanges(dialled, stored(first)).changes).toEqual([]);
	});

	test('500 changes between two polls (250 first dials, 150 new attempts, 100 dispositions): each once, its kind named', () => {
		const next = dialled.map((o, n) => (n < 150 ? { ...o, numberOfAttemptsSoFar: 2, botSessionId: `t${n}` } : n < 250 ? { ...o, agentDispositionCodes: ['Renewed'] } : o));
		const more = [...next, ...Array.from({ length: 250 }, (_, i) => outcome(60_000 + i))];
		const found = detectOutcomeChanges(more, stored(first));
		expect(found.unnamed).toBe(0);
		expect(found.changes).toHaveLength(500);
		const person = (c: { outcome: Record<string, unknown> }) => Number(String(c.outcome.uniqueId).slice('CRM-'.length));
		const kinds = (from: number, to: number) => found.changes.filter((c) => person(c) >= from && person(c) < to).map((c) => c.change);
		expect(new Set(kinds(0, 150))).toEqual(new Set(['newAttempt']));
		expect(new Set(kinds(150, 250))).toEqual(new Set(['newDisposition']));
		expect(new Set(kinds(60_000, 60_250))).toEqual(new Set(['firstDial']));
		expect(kinds(0, 150)).toHaveLength(150);
		expect(JSON.stringify(found.next).length).toBeLessThanOrEqual(32 * 1024);
		// The next poll, after a restart (the state through JSON): nothing again.
		expect(detectOutcomeChanges(more, stored(found.next)).changes).toEqual([]);
	});
});

test('a new dialer outcome on the same attempt is named as such', () => {
	const state = baselineOutcomes([outcome(1, { dialerOutcome: '' })], campaign);
	expect(detectOutcomeChanges([outcome(1, { dialerOutcome: 'completed' })], state).changes.map((c) => c.change)).toEqual(['newOutcome']);
});

test('a rerun: the old run\'s outcomes never again, the new run\'s each once, as it dials', () => {
	const oldRun = Array.from({ length: 100 }, (_, n) => outcome(n));
	const state = baselineOutcomes(oldRun, campaign);
	// Kore resets the campaign's data on a rerun; its dialler starts new sessions.
	const afterReset = detectOutcomeChanges([], stored(state));
	expect(afterReset.changes).toEqual([]);
	const newRun = Array.from({ length: 30 }, (_, n) => outcome(n, { botSessionId: `rerun${n}` }));
	const dialling = detectOutcomeChanges(newRun, stored(afterReset.next));
	expect(dialling.changes.map((c) => c.outcome.botSessionId)).toEqual(newRun.map((o) => o.botSessionId));
	expect(dialling.changes.every((c) => c.change === 'firstDial')).toBe(true);
	// Read while Kore still lists the old run beside the new: only the new run's outcomes.
	const both = detectOutcomeChanges([...oldRun, ...newRun], stored(state));
	expect(both.changes.map((c) => c.outcome.botSessionId)).toEqual(newRun.map((o) => o.botSessionId));
});

test('a rerun read before the new run has called everyone again: its calls are first dials, whatever their attempts', () => {
	const oldRun = Array.from({ length: 100 }, (_, n) => outcome(n, { numberOfAttemptsSoFar: 1 + (n % 2) }));
	const state = baselineOutcomes(oldRun, campaign);
	// 40 called again by the new run (some on a second attempt already); the other 60 no longer listed
	const newRun = Array.from({ length: 40 }, (_, n) => outcome(n, { botSessionId: `rerun${n}`, numberOfAttemptsSoFar: 2 }));
	const found = detectOutcomeChanges(newRun, stored(state));
	expect(found.changes.map((c) => c.change)).toEqual(Array(40).fill('firstDial'));
	// within one run nobody leaves the list: a second attempt stays a newAttempt
	const sameRun = detectOutcomeChanges(oldRun.map((o, n) => (n < 5 ? { ...o, numberOfAttemptsSoFar: 3, botSessionId: `third${n}` } : o)), stored(state));
	expect(sameRun.changes.map((c) => c.change)).toEqual(Array(5).fill('newAttempt'));
});

test('a rerun that has called everyone again by the next poll: each call once, none of the old run, named by how it differs', () => {
	const oldRun = Array.from({ length: 50 }, (_, n) => outcome(n));
	const state = baselineOutcomes(oldRun, campaign);
	const newRun = oldRun.map((o, n) => ({ ...o, botSessionId: `rerun${n}`, numberOfAttemptsSoFar: n < 10 ? 2 : 1 }));
	const found = detectOutcomeChanges(newRun, stored(state));
	expect(found.changes.map((c) => c.outcome.botSessionId)).toEqual(newRun.map((o) => o.botSessionId));
	expect(found.changes.slice(0, 10).map((c) => c.change)).toEqual(Array(10).fill('newAttempt'));
	expect(new Set(found.changes.slice(10).map((c) => c.change))).toEqual(new Set(['updated']));
});

test('a read that misses a few people (a page shifted while read): no rerun, nothing twice when they are listed again', () => {
	const dialled = Array.from({ length: 100 }, (_, n) => outcome(n));
	const state = baselineOutcomes(dialled, campaign);
	// this read misses 3 people, while 5 others get a second attempt
	const missing = new Set([10, 11, 12]);
	const read = dialled.filter((_, n) => !missing.has(n)).map((o, n) => (n < 5 ? { ...o, numberOfAttemptsSoFar: 2, botSessionId: `second${n}` } : o));
	const found = detectOutcomeChanges(read, stored(state));
	expect(found.changes.map((c) => c.change)).toEqual(Array(5).fill('newAttempt'));
	// the next read lists them again, one of them called a second time meanwhile
	const next = [...read, dialled[10], dialled[11], { ...dialled[12], numberOfAttemptsSoFar: 2, botSessionId: 'second12' }];
	const after = detectOutcomeChanges(next, stored(found.next));
	expect(after.changes.map((c) => [c.outcome.uniqueId, c.change])).toEqual([['CRM-12', 'newAttempt']]);
	expect(detectOutcomeChanges(next, stored(after.next)).changes).toEqual([]);
});

test('more changes than the summary names: those it names come out, the rest are counted, and it keeps track of twice as many', () => {
	const dialled = Array.from({ length: 2000 }, (_, n) => outcome(n));
	const state = baselineOutcomes(dialled, campaign);
	const changed = dialled.map((o) => ({ ...o, numberOfAttemptsSoFar: 2 }));
	const found = detectOutcomeChanges(changed, stored(state));
	expect(found.resizedTo).toBe(OUTCOME_CAPACITY * 2);
	expect(found.unnamed).toBeGreaterThan(0);
	expect(found.changes.length + found.unnamed).toBeGreaterThanOrEqual(1);
	expect(found.changes.length).toBeLessThan(2000);
	const calmer = changed.map((o, n) => (n < 700 ? { ...o, numberOfAttemptsSoFar: 3 } : o));
	const after = detectOutcomeChanges(calmer, stored(found.next));
	expect(after.unnamed).toBe(0);
	expect(after.changes).toHaveLength(700);
});

test('the key: the same outcome always the same, any field a change touches a new key', () => {
	const base = outcome(7, { agentDispositionCodes: ['B', 'A'] });
	expect(outcomeKey(base)).toMatch(/^[0-9a-f]{24}$/);
	expect(outcomeKey({ ...base, agentDispositionCodes: ['A', 'B'] })).toBe(outcomeKey(base));
	for (const change of [{ numberOfAttemptsSoFar: 2 }, { dialerOutcome: 'busy' }, { agentDispositionCodes: ['A'] }, { botOutboundStatus: 'x' }, { botSessionId: 'other' }]) {
		expect(outcomeKey({ ...base, ...change })).not.toBe(outcomeKey(base));
	}
});
