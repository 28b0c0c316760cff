// The trigger's summary of the account's ids: random sets of 50,000 Kore ids, changed by 0, 1, 200
// and 5,000 ids between two polls. Named exactly up to the bound it is sized for, told apart beyond.
import { randomBytes } from 'node:crypto';

import { difference, storedBytes, summarize } from '../../nodes/KoreAiContacts/helpers/idSummary';

const koreId = () => randomBytes(12).toString('hex');
const CAPACITY = 200;

function account(size: number) {
	return Array.from({ length: size }, koreId);
}

/** Two polls: `deleted` ids leave the list, as many new ones join it as `created`. */
function polls(deleted: number, created: number) {
	const before = account(50_000);
	const gone = before.slice(0, deleted);
	const added = Array.from({ length: created }, koreId);
	const after = [...before.slice(deleted), ...added];
	return { before, after, gone, added };
}

test.each([
	[0, 0],
	[1, 0],
	[0, 1],
	[100, 100],
	[200, 0],
	[150, 50],
])('%i deleted and %i created of 50,000: every id named exactly, none twice', (deleted, created) => {
	const { before, after, gone, added } = polls(deleted, created);
	const result = difference(summarize(before, CAPACITY), summarize(after, CAPACITY));
	expect(result.complete).toBe(true);
	expect([...result.gone].sort()).toEqual([...gone].sort());
	expect([...result.added].sort()).toEqual([...added].sort());
});

test('200 differences: named in 300 random pairs of polls out of 300', () => {
	let named = 0;
	for (let i = 0; i < 300; i++) {
		const before = Array.from({ length: 1000 }, koreId);
		const after = [...before.slice(120), ...Array.from({ length: 80 }, koreId)];
		if (difference(summarize(before, CAPACITY), summarize(after, CAPACITY)).complete) named++;
	}
	expect(named).toBe(300);
});

test('5,000 differences against a summary sized for 200: not complete, and what it names is true', () => {
	const { before, after, gone } = polls(2500, 2500);
	const result = difference(summarize(before, CAPACITY), summarize(after, CAPACITY));
	expect(result.complete).toBe(false);
	const goneSet = new Set(gone);
	expect(result.gone.every((id) => goneSet.has(id))).toBe(true);
	// sized for the next poll: a summary for 10,000 names them
	const bigger = difference(summarize(before, 10_000), summarize(after, 10_000));
	expect(bigger.complete).toBe(true);
	expect(bigger.gone).toHaveLength(2500);
});

test('the stored summary stays under 16 kB at 50,000 contacts and 200 differences', () => {
	const summary = summarize(account(50_000), CAPACITY);
	const bytes = JSON.stringify(summary).length;
	console.log(`summary of 50,000 ids sized for ${CAPACITY} differences: ${bytes} bytes stored (${storedBytes(CAPACITY)} estimated)`);
	expect(bytes).toBeLessThan(16_000);
	expect(bytes).toBeLessThanOrEqual(storedBytes(CAPACITY));
});

test('ids that are not Kore\'s hex ids are packed as text, and named back', () => {
	const before = ['contact-1', 'contact-2', 'ü-3', 'x'];
	const result = difference(summarize(before, 10), summarize(before.slice(1), 10, summarize(before, 10)));
	expect(result).toEqual({ complete: true, gone: ['contact-1'], added: [] });
});
