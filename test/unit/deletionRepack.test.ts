// Deletions where Kore's list leaves deleted contacts out, with ids of every shape across polls: Kore's
// 24 hex digits, shorter and longer text ids, ids no packing holds. A poll whose new ids do not fit
// the last summary's packing still names every id that left, keeps the ids waiting for their second
// read, and packs the next summary for the new ids.
import { randomBytes, randomUUID } from 'node:crypto';

import { trackDeletions, type DeletionState } from '../../nodes/KoreAiContacts/helpers/deletions';

const koreId = () => randomBytes(12).toString('hex');
const listOf = (ids: Iterable<string>) => [...ids].map((_id) => ({ _id, status: 'ACTIVE' }));

/** Polls a list that leaves deleted contacts out; the state goes through JSON as n8n stores it. */
class Polls {
	private state?: DeletionState;
	readonly deleted: string[] = [];
	unnamed = 0;
	constructor(public ids: Set<string>) {
		this.state = JSON.parse(JSON.stringify(trackDeletions(listOf(ids), undefined, 0).next));
	}
	poll(created = 0) {
		const check = trackDeletions(listOf(this.ids), this.state, created);
		this.state = JSON.parse(JSON.stringify(check.next));
		this.deleted.push(...check.deleted);
		this.unnamed += check.unnamed;
		return check;
	}
	get stored() {
		return this.state!;
	}
	/** Deletes and creates between two polls, then polls; returns the poll's check. */
	change(remove: string[], add: string[]) {
		for (const id of remove) this.ids.delete(id);
		for (const id of add) this.ids.add(id);
		return this.poll(add.length);
	}
}

const shapes: Array<[string, () => string]> = [
	['a UUID (36 characters)', () => randomUUID()],
	['a 25-character text id', () => `c-${randomBytes(12).toString('hex').slice(0, 23)}`],
	['an id with non-ASCII letters', () => `contacté-${randomBytes(4).toString('hex')}`],
	['a 100-character id (no packing holds it)', () => `x${randomBytes(50).toString('hex').slice(0, 99)}`],
	['an id with a NUL byte', () => `nul\u0000${randomBytes(4).toString('hex')}`],
];

describe.each(shapes)('Kore hex ids, then a new contact with %s in the same poll as deletions', (_, newId) => {
	test('the deletions are named once, confirmed at the next poll; nothing unnamed', () => {
		const before = Array.from({ length: 2000 }, koreId);
		const polls = new Polls(new Set(before));
		polls.change([before[10], before[20]], [newId(), newId()]);
		expect(polls.deleted).toEqual([]);
		polls.poll();
		expect(polls.deleted.sort()).toEqual([before[10], before[20]].sort());
		polls.poll();
		polls.poll();
		expect(polls.deleted).toHaveLength(2);
		expect(polls.unnamed).toBe(0);
	});

	test('ids waiting for their second read when the packing changes are kept and confirmed', () => {
		const before = Array.from({ length: 500 }, koreId);
		const polls = new Polls(new Set(before));
		polls.change([before[1], before[2], before[3]], []);
		expect(polls.stored.pending.sort()).toEqual([before[1], before[2], before[3]].sort());
		polls.change([before[4]], [newId()]);
		expect(polls.deleted.sort()).toEqual([before[1], before[2], before[3]].sort());
		polls.poll();
		expect(polls.deleted.sort()).toEqual([before[1], before[2], before[3], before[4]].sort());
		expect(polls.unnamed).toBe(0);
	});

	test('a contact of the new shape deleted later is named too', () => {
		const before = Array.from({ length: 300 }, koreId);
		const polls = new Polls(new Set(before));
		const odd = newId();
		polls.change([], [odd]);
		polls.change([odd, before[0]], [koreId()]);
		polls.poll();
		expect(polls.deleted.sort()).toEqual([odd, before[0]].sort());
	});
});

test('ids of mixed length and alphabet across many polls: every deletion named exactly once', () => {
	const makers = [koreId, () => randomUUID(), () => `id-${randomBytes(3).toString('hex')}`, () => `${randomBytes(20).toString('hex')}`, () => 'ü'.repeat(40)];
	let counter = 0;
	const unique = () => `${makers[counter % makers.length]()}${counter++ % 7 === 0 ? '' : String(counter)}`;
	const start = Array.from({ length: 1000 }, koreId);
	const polls = new Polls(new Set(start));
	const removed: string[] = [];
	for (let round = 0; round < 12; round++) {
		const live = [...polls.ids];
		const remove = live.filter((_, i) => (i * 7 + round) % 97 === 0).slice(0, 15);
		removed.push(...remove);
		polls.change(remove, Array.from({ length: 10 + round }, unique));
	}
	polls.poll();
	expect(polls.deleted.sort()).toEqual([...removed].sort());
	expect(new Set(polls.deleted).size).toBe(polls.deleted.length);
	expect(polls.unnamed).toBe(0);
});

test('more deletions than the summary names in a poll that also repacks: the rest are counted, none lost silently', () => {
	const before = Array.from({ length: 5000 }, koreId);
	const polls = new Polls(new Set(before));
	const remove = before.slice(0, 1500);
	const check = polls.change(remove, [randomUUID()]);
	const named = check.next.pending.length;
	expect(named + check.unnamed).toBe(1500);
	expect(check.unnamed).toBeGreaterThan(0);
	expect(check.resizedTo).toBeGreaterThan(200);
	polls.poll();
	expect(polls.deleted).toHaveLength(named);
	// the next poll is sized for it: another 1,500 in one go are all named
	polls.change(before.slice(1500, 3000), []);
	polls.poll();
	expect(polls.deleted).toHaveLength(named + 1500);
});

test('the stored state after a repack: packed as text as wide as the longest id, long ids kept aside', () => {
	const polls = new Polls(new Set(Array.from({ length: 1000 }, koreId)));
	polls.change([], [randomUUID(), 'y'.repeat(80)]);
	expect(polls.stored.ids).toMatchObject({ encoding: 'utf8', width: 36, size: 1001 });
	expect(polls.stored.unpackable).toEqual(['y'.repeat(80)]);
	expect(JSON.stringify(polls.stored).length).toBeLessThan(32_000);
});
