// The trigger's change detection over made-up sequences of lists: a simulated Kore account with its
// own clock (which may be minutes away from the machine's), read page by page while it changes.
import { baseline, detectChanges, isTriggerState, mostRecentChange, type TriggerState } from '../../nodes/KoreAiContacts/helpers/changeDetection';
import { trackDeletions, type DeletionState } from '../../nodes/KoreAiContacts/helpers/deletions';

type Contact = { _id: string; firstName: string; status: 'ACTIVE' | 'INACTIVE'; createdAt: string; updatedAt: string };

class Account {
	contacts: Contact[] = [];
	constructor(public koreNow: number) {}
	private stamp() {
		this.koreNow += 1000;
		return new Date(this.koreNow).toISOString();
	}
	create(id: string) {
		const at = this.stamp();
		this.contacts.push({ _id: id, firstName: id, status: 'ACTIVE', createdAt: at, updatedAt: at });
	}
	/** Kore's list order is undocumented: a new contact may come first and shift every page. */
	createFirst(id: string) {
		const at = this.stamp();
		this.contacts.unshift({ _id: id, firstName: id, status: 'ACTIVE', createdAt: at, updatedAt: at });
	}
	edit(id: string, at = this.stamp()) {
		const c = this.contacts.find((x) => x._id === id)!;
		Object.assign(c, { firstName: `${id}-edited-${at}`, updatedAt: at, status: 'ACTIVE' });
	}
	remove(id: string) {
		const c = this.contacts.find((x) => x._id === id)!;
		Object.assign(c, { status: 'INACTIVE', updatedAt: this.stamp() });
	}
	/** Gone from the list altogether (a list that leaves deleted contacts out, read later). */
	purge(id: string) {
		this.contacts = this.contacts.filter((x) => x._id !== id);
	}
	/**
	 * Reads the list in pages of `size` (skip / limit, as the node does); `between(page)` runs after
	 * each page. Each page takes 500 ms of Kore time. `listInactive`: whether deleted contacts show.
	 */
	read(size: number, between: (page: number) => void = () => {}, listInactive = true) {
		const started = this.koreNow;
		const seen: Contact[] = [];
		for (let page = 0; ; page++) {
			const visible = this.contacts.filter((c) => listInactive || c.status === 'ACTIVE');
			const slice = visible.slice(page * size, page * size + size).map((c) => ({ ...c }));
			seen.push(...slice);
			this.koreNow += 500;
			between(page);
			if (page * size + size >= visible.length) break;
		}
		return { list: seen as unknown as Array<Record<string, unknown>>, duration: this.koreNow - started };
	}
}

/** Polls as the trigger does, with the state going through JSON (n8n stores it in the database). */
class Poller {
	state?: TriggerState;
	deletions?: DeletionState;
	emitted: Array<[string, string]> = [];
	poll(account: Account, size = 3, between?: (page: number) => void, listInactive = true) {
		const { list, duration } = account.read(size, between, listInactive);
		if (!this.state) {
			this.state = JSON.parse(JSON.stringify(baseline(list, duration)));
			this.deletions = JSON.parse(JSON.stringify(trackDeletions(list, undefined, 0).next));
			return [];
		}
		const { changes, next } = detectChanges(list, this.state!, duration);
		const check = trackDeletions(list, this.deletions, changes.filter((c) => c.event === 'created').length);
		this.state = JSON.parse(JSON.stringify(next));
		this.deletions = JSON.parse(JSON.stringify(check.next));
		const events = changes.map((c): [string, string] => [c.contact._id as string, c.event]);
		events.push(...check.deleted.map((id): [string, string] => [id, 'deleted']));
		if (check.unnamed > 0) events.push([String(check.unnamed), 'deletionsUnnamed']);
		this.emitted.push(...events);
		return events;
	}
}

const START = Date.parse('2026-11-28T09:00:00Z');
function account(n = 10, koreNow = START) {
	const a = new Account(koreNow);
	for (let i = 0; i < n; i++) a.create(`c${i}`);
	return a;
}

test('the first poll is a baseline: nothing emitted, and nothing after it while nothing changes', () => {
	const a = account();
	const p = new Poller();
	expect(p.poll(a)).toEqual([]);
	expect(p.poll(a)).toEqual([]);
	expect(p.poll(a)).toEqual([]);
});

test('created, updated and deleted, each once, by the first poll after it', () => {
	const a = account();
	const p = new Poller();
	p.poll(a);
	a.create('new1');
	a.edit('c3');
	a.remove('c5');
	expect(p.poll(a)).toEqual([
		['new1', 'created'],
		['c3', 'updated'],
		['c5', 'deleted'],
	]);
	expect(p.poll(a)).toEqual([]);
	a.edit('new1');
	expect(p.poll(a)).toEqual([['new1', 'updated']]);
});

test('created and then edited between two polls: once, as created; restored from INACTIVE: updated', () => {
	const a = account();
	const p = new Poller();
	p.poll(a);
	a.create('x');
	a.edit('x');
	a.remove('c1');
	expect(p.poll(a)).toEqual([
		['x', 'created'],
		['c1', 'deleted'],
	]);
	a.edit('c1');
	expect(p.poll(a)).toEqual([['c1', 'updated']]);
});

test('several contacts sharing one updatedAt: each once', () => {
	const a = account();
	const p = new Poller();
	p.poll(a);
	const at = new Date((a.koreNow += 1000)).toISOString();
	for (const id of ['c1', 'c2', 'c7']) a.edit(id, at);
	expect(p.poll(a).map(([id]) => id).sort()).toEqual(['c1', 'c2', 'c7']);
	expect(p.poll(a)).toEqual([]);
	a.edit('c4', at);
	// A fourth change with the same timestamp, landing after the poll that read the other three.
	expect(p.poll(a)).toEqual([['c4', 'updated']]);
});

test('a change on a page already read, while later pages are read, comes with the next poll, once', () => {
	const a = account(12);
	const p = new Poller();
	p.poll(a);
	// While page 2 is read, c0 (page 1, already read) changes, then c10 (page 4, not read yet).
	const events = p.poll(a, 3, (page) => {
		if (page === 1) {
			a.edit('c0');
			a.edit('c10');
		}
	});
	expect(events).toEqual([['c10', 'updated']]);
	expect(p.poll(a)).toEqual([['c0', 'updated']]);
	expect(p.poll(a)).toEqual([]);
});

test('a contact created while the pages are read shifts them: nothing lost, nothing twice', () => {
	const a = account(12);
	const p = new Poller();
	p.poll(a);
	a.edit('c2');
	// A new contact first in the list while page 1 is read: the rest move one place down, so one
	// contact shows on two pages, and the new one is not seen by this poll.
	const first = p.poll(a, 3, (page) => page === 0 && a.createFirst('shifty'));
	expect(first).toEqual([['c2', 'updated']]);
	expect(p.poll(a)).toEqual([['shifty', 'created']]);
	expect(p.poll(a)).toEqual([]);
});

test('a recently changed contact hidden from one read by a shift is not emitted again later', () => {
	const a = account(6);
	const p = new Poller();
	p.poll(a);
	a.edit('c5');
	expect(p.poll(a)).toEqual([['c5', 'updated']]);
	// c5 is last; a contact created first while page 1 is read pushes it past the last page read.
	a.contacts.push(a.contacts.splice(5, 1)[0]);
	const hidden = p.poll(a, 3, (page) => page === 1 && a.createFirst('n1'));
	expect(hidden).toEqual([]);
	expect(p.poll(a)).toEqual([['n1', 'created']]);
	expect(p.emitted.filter(([id]) => id === 'c5')).toHaveLength(1);
});

test.each([
	['minutes behind', -7 * 60_000],
	['minutes ahead', 9 * 60_000],
	['a day behind', -86_400_000],
])("Kore's clock %s of n8n's: the same changes, since only Kore's timestamps are compared", (_name, offset) => {
	const a = account(8, Date.now() + offset);
	const p = new Poller();
	p.poll(a);
	a.edit('c1');
	a.create('n');
	expect(p.poll(a)).toEqual([
		['c1', 'updated'],
		['n', 'created'],
	]);
	expect(p.poll(a)).toEqual([]);
});

test('deletions where the list leaves deleted contacts out: each named once, at the poll after, when a second read confirms it', () => {
	const a = account();
	const p = new Poller();
	p.poll(a, 3, undefined, false);
	a.remove('c4');
	a.edit('c6');
	expect(p.poll(a, 3, undefined, false)).toEqual([['c6', 'updated']]);
	expect(p.poll(a, 3, undefined, false)).toEqual([['c4', 'deleted']]);
	expect(p.poll(a, 3, undefined, false)).toEqual([]);
	expect(p.emitted.filter(([id]) => id === 'c4')).toEqual([['c4', 'deleted']]);
});

test('where the list shows deleted contacts as INACTIVE: from their status, once, even when Kore later leaves them out', () => {
	const a = account();
	const p = new Poller();
	p.poll(a);
	a.remove('c4');
	expect(p.poll(a)).toEqual([['c4', 'deleted']]);
	a.purge('c4');
	expect(p.poll(a)).toEqual([]);
	expect(p.poll(a)).toEqual([]);
});

test('deleted and restored between two polls: updated, never deleted; restored after it was reported: updated', () => {
	const a = account();
	const p = new Poller();
	p.poll(a, 3, undefined, false);
	a.remove('c2');
	expect(p.poll(a, 3, undefined, false)).toEqual([]);
	a.edit('c2');
	expect(p.poll(a, 3, undefined, false)).toEqual([['c2', 'updated']]);
	a.remove('c3');
	p.poll(a, 3, undefined, false);
	expect(p.poll(a, 3, undefined, false)).toEqual([['c3', 'deleted']]);
	a.edit('c3');
	expect(p.poll(a, 3, undefined, false)).toEqual([['c3', 'updated']]);
});

test('a deletion while the pages are read shifts a live contact past this read: it is not reported deleted', () => {
	const a = account(12);
	const p = new Poller();
	p.poll(a, 3, undefined, false);
	// c1 (page 1, already read) is deleted while page 2 is read: c6 moves onto page 2's place already read.
	const events = p.poll(a, 3, (page) => page === 1 && a.remove('c1'), false);
	expect(events).toEqual([]);
	expect(p.poll(a, 3, undefined, false)).toEqual([]);
	expect(p.poll(a, 3, undefined, false)).toEqual([['c1', 'deleted']]);
	expect(p.emitted.filter(([, event]) => event === 'deleted')).toEqual([['c1', 'deleted']]);
});

test('50,000 contacts, 200 deleted and created between two polls: every deletion named once, the state under 16 kB', () => {
	const a = account(50_000);
	const p = new Poller();
	p.poll(a, 1000, undefined, false);
	for (let i = 0; i < 150; i++) a.remove(`c${i * 300 + 7}`);
	for (let i = 0; i < 50; i++) a.create(`n${i}`);
	p.poll(a, 1000, undefined, false);
	const deleted = p.poll(a, 1000, undefined, false);
	expect(deleted.map(([id]) => id).sort()).toEqual(Array.from({ length: 150 }, (_, i) => `c${i * 300 + 7}`).sort());
	expect(p.poll(a, 1000, undefined, false)).toEqual([]);
	const size = JSON.stringify({ state: p.state, deletions: p.deletions }).length;
	console.log(`trigger state at 50,000 contacts after 200 changes: ${size} bytes`);
	expect(size).toBeLessThan(16_000);
});

test('50,000 contacts, 5,000 deleted between two polls (past the bound of 200): one item says how many, the state resized and printed', () => {
	const a = account(50_000);
	const p = new Poller();
	p.poll(a, 1000, undefined, false);
	for (let i = 0; i < 5000; i++) a.remove(`c${i * 10}`);
	const events = p.poll(a, 1000, undefined, false);
	const unnamed = Number(events.find(([, event]) => event === 'deletionsUnnamed')?.[0]);
	const size = JSON.stringify({ state: p.state, deletions: p.deletions }).length;
	console.log(`trigger state at 50,000 contacts after 5,000 deletions: ${unnamed} not named; the summary now sized for ${p.deletions!.ids.capacity} changes, ${size} bytes`);
	expect(unnamed).toBeGreaterThan(0);
	expect(p.deletions!.ids.capacity).toBeGreaterThanOrEqual(10_000);
	const named = p.poll(a, 1000, undefined, false).filter(([, event]) => event === 'deleted');
	expect(named.length + unnamed).toBe(5000);
	expect(new Set(named.map(([id]) => id)).size).toBe(named.length);
});

test('more deleted between two polls than the state names: one item says how many, and the next poll is sized for it', () => {
	const a = account(5000);
	const p = new Poller();
	p.poll(a, 1000, undefined, false);
	for (let i = 0; i < 1200; i++) a.remove(`c${i * 4}`);
	const events = p.poll(a, 1000, undefined, false);
	const unnamed = events.find(([, event]) => event === 'deletionsUnnamed');
	expect(Number(unnamed?.[0])).toBeGreaterThan(0);
	expect(p.deletions!.ids.capacity).toBeGreaterThanOrEqual(2400);
	const named = p.poll(a, 1000, undefined, false).filter(([, event]) => event === 'deleted');
	// what was named, plus the count that was not, is every deletion
	expect(named.length + Number(unnamed?.[0])).toBe(1200);
	for (let i = 0; i < 900; i++) a.remove(`c${i * 4 + 1}`);
	p.poll(a, 1000, undefined, false);
	expect(p.poll(a, 1000, undefined, false).filter(([, event]) => event === 'deleted')).toHaveLength(900);
});

test('a restart: the state goes through JSON and the next poll emits each change once', () => {
	const a = account();
	const before = new Poller();
	before.poll(a);
	a.edit('c2');
	before.poll(a);
	const after = new Poller();
	after.state = JSON.parse(JSON.stringify(before.state));
	a.edit('c8');
	expect(after.poll(a)).toEqual([['c8', 'updated']]);
	expect(isTriggerState(after.state)).toBe(true);
	expect(isTriggerState({})).toBe(false);
});

test('the state stays small whatever the account size: 50,000 contacts', () => {
	const a = account(50_000);
	const p = new Poller();
	p.poll(a, 1000);
	for (let i = 0; i < 20; i++) a.edit(`c${i * 2000}`);
	expect(p.poll(a, 1000)).toHaveLength(20);
	const size = JSON.stringify(p.state).length;
	console.log(`trigger state after a poll of 50,000 contacts (20 changed): ${size} bytes, ${Object.keys(p.state!.seen).length} ids`);
	expect(size).toBeLessThan(4000);
});

test('Fetch Test Event: the most recently changed contact, with its event', () => {
	const a = account(3);
	a.edit('c1');
	expect(mostRecentChange(a.read(10).list)).toMatchObject({ contact: { _id: 'c1' }, event: 'updated' });
	a.remove('c2');
	expect(mostRecentChange(a.read(10).list)?.event).toBe('deleted');
	expect(mostRecentChange([])).toBeUndefined();
});
