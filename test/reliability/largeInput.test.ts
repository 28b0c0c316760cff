// 100,000 input items in one execution: every one comes out once, in order, with its pairing.
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { bulkRequests, contactItem, expectEveryItemOnce, run } from '../support/scenario';

const ITEMS = 100_000;
let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: ITEMS, rateLimit: { requestsPerWindow: 0 } });
	sandbox.logBodies = false;
});
afterAll(async () => sandbox.stop());

test('100,000 items: all updated, none lost or doubled', async () => {
	const items = Array.from({ length: ITEMS }, (_, n) => contactItem(n));
	const result = await run(sandbox, {
		items,
		parameters: { rateLimitWindowSeconds: 1, options: { batchSize: 1000, requestsPerMinute: 0 } },
	});
	expect(result.error).toBeUndefined();
	expectEveryItemOnce(result, ITEMS);
	expect(result.success).toHaveLength(ITEMS);
	expect(bulkRequests(sandbox)).toHaveLength(ITEMS / 1000);
	expect(sandbox.store.get(contactItem(ITEMS - 1).id)?.lastName).toBe(`updated-${ITEMS - 1}`);
	console.log(`100,000 items: ${result.durationMs} ms in the engine`);
}, 120_000);
