// A soak under a seeded mix of every fault Kore could throw at the node. Quick in `npm test`;
// KORE_SOAK_ITEMS=20000 for the full run the README's figures come from.
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type KoreSandbox, type LoggedRequest } from '../../sandbox';
import { contactItem, expectEveryItemOnce, expectNoSecretsLeaked, run } from '../support/scenario';

const ITEMS = Number(process.env.KORE_SOAK_ITEMS ?? 2000);
// The quick run uses small batches so that even the rare faults (1%) come up in it.
const BATCH_SIZE = Number(process.env.KORE_SOAK_BATCH ?? (ITEMS >= 10_000 ? 100 : 20));
const SEED = Number(process.env.KORE_SOAK_SEED ?? 2);

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: ITEMS, rateLimit: { requestsPerWindow: 0 } });
	sandbox.logBodies = true;
});
afterAll(async () => sandbox.stop());

const faultMix = {
	seed: SEED,
	random: [
		{ fault: { kind: 'status' as const, status: 503 }, probability: 0.1 },
		{ fault: { kind: 'throttle' as const, retryAfterSeconds: 1 }, probability: 0.025 },
		{ fault: { kind: 'throttle' as const, status: 429 }, probability: 0.025 },
		{ fault: { kind: 'reset' as const, apply: false }, probability: 0.01 },
		{ fault: { kind: 'reset' as const, apply: true }, probability: 0.01 },
		{ fault: { kind: 'delay' as const, ms: 1500 }, probability: 0.01 },
		{ fault: { kind: 'omitRecords' as const, count: 2 }, probability: 0.01 },
		{ fault: { kind: 'reject412' as const }, probability: 0.01 },
	],
};

test(`soak: ${ITEMS} items under 503s, throttling, resets, timeouts, omissions and 412s`, async () => {
	const items = Array.from({ length: ITEMS }, (_, n) => contactItem(n, { lastName: `soak-${n}` }));
	sandbox.setFaults(faultMix);
	const result = await run(sandbox, {
		items,
		parameters: { rateLimitWindowSeconds: 1, options: { batchSize: BATCH_SIZE, timeout: 1 } },
	});
	expect(result.error).toBeUndefined();
	// nothing lost, nothing doubled, each on one output in input order
	expectEveryItemOnce(result, ITEMS);

	const requests = sandbox.log().filter((r) => r.path.endsWith('/bulk-update'));
	const lastRequestFor = new Map<string, LoggedRequest>();
	for (const request of requests) for (const record of request.body as Array<{ id: string }>) lastRequestFor.set(record.id, request);

	// every Success item is in the store with the values sent
	for (const item of result.success) {
		const id = item.json.id as string;
		expect(sandbox.store.get(id)?.lastName).toBe(`soak-${Number.parseInt(id.slice(8), 16)}`);
	}

	// every Failed item's reason matches what the sandbox did to its last request
	const byCode: Record<string, number> = {};
	for (const item of result.failed) {
		const json = item.json as IDataObject & { id: string; code: string | number };
		byCode[json.code] = (byCode[json.code] ?? 0) + 1;
		const last = lastRequestFor.get(json.id);
		const applied = sandbox.store.get(json.id)?.lastName === `soak-${Number.parseInt(json.id.slice(8), 16)}`;
		switch (json.code) {
			case 'OUTCOME_UNKNOWN':
				expect(['reset', 'delay']).toContain(last?.fault);
				expect(json.reason).toContain('may or may not have applied');
				break;
			case 'NOT_ACKNOWLEDGED':
				expect(last?.fault).toBe('omitRecords');
				expect(json.reason).toContain('unknown whether it was updated');
				break;
			case 'REQUEST_FAILED':
				expect(last?.status).toBe(503);
				expect(applied).toBe(false);
				break;
			case 412:
				expect(last?.fault).toBe('reject412');
				expect((last?.body as unknown[]).length).toBe(1);
				expect(applied).toBe(false);
				break;
			default:
				throw new Error(`unexpected Failed item ${JSON.stringify(json)}`);
		}
	}

	const minimum = Math.ceil(ITEMS / BATCH_SIZE);
	const stats = sandbox.stats();
	const report = {
		items: ITEMS,
		success: result.success.length,
		failed: result.failed.length,
		failedByCode: byCode,
		requests: requests.length,
		minimumRequests: minimum,
		faultsInjected: stats.faultsInjected,
		durationSeconds: Number((result.durationMs / 1000).toFixed(1)),
	};
	console.log(`soak report ${JSON.stringify(report)}`);
	// Bound: with about 20% of requests faulted plus 412 splits, at most twice the minimum.
	expect(requests.length).toBeLessThanOrEqual(2 * minimum + 10);
	expect(result.success.length).toBeGreaterThan(ITEMS * 0.9);
}, 600_000);

test('no secret or token in any output, error or log line of this file', () => {
	expectNoSecretsLeaked(sandbox);
});
