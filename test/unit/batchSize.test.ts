import { BatchSizeSearch } from '../../nodes/KoreAiContacts/helpers/batchSize';

/** Sends `total` records at the search's sizes to a Kore that refuses more than `limit`; counts requests. */
function simulate(total: number, limit: number, configured = 100) {
	const search = new BatchSizeSearch(configured);
	let requests = 0;
	let left = total;
	while (left > 0) {
		const size = Math.min(search.size, left);
		requests++;
		if (size > limit) search.refusedForSize(size);
		else {
			search.acceptedBatch(size);
			left -= size;
		}
	}
	return { requests, settled: search.size };
}

test('the configured size until Kore refuses one for its size', () => {
	const search = new BatchSizeSearch(100);
	search.acceptedBatch(100);
	expect(search.size).toBe(100);
});

test.each([
	[40, 1000, 32],
	[25, 1000, 46],
	[99, 1000, 14],
	[7, 200, 36],
])('a limit of %i: %i records in at most %i requests, settling within an eighth of the limit', (limit, total, most) => {
	const { requests, settled } = simulate(total, limit);
	expect(requests).toBeLessThanOrEqual(most);
	expect(settled).toBeLessThanOrEqual(limit);
	expect(settled).toBeGreaterThanOrEqual(Math.floor(limit * (7 / 8)));
});

test('a later refusal for size below what worked starts the search again', () => {
	const search = new BatchSizeSearch(100);
	search.refusedForSize(100);
	search.acceptedBatch(50);
	search.refusedForSize(60);
	expect(search.size).toBe(55);
	search.refusedForSize(30);
	expect(search.size).toBe(15);
	expect(search.tooLarge(30)).toBe(true);
	expect(search.tooLarge(29)).toBe(false);
});
