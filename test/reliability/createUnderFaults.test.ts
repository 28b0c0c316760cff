// Create and Import under a seeded mix of every fault, the read-backs included: each item (or row)
// once on one output, every contact Kore has was reported created exactly once, nothing created twice.
import type { INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type KoreSandbox } from '../../sandbox';
import type { RunResult } from '../support/engine';
import { expectEveryItemOnce, expectNoSecretsLeaked, holders, newContactItem, pairedIndexes, run } from '../support/scenario';

const ITEMS = Number(process.env.KORE_CREATE_SOAK_ITEMS ?? 600);
const SEED_CONTACTS = 50;

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: SEED_CONTACTS, rateLimit: { requestsPerWindow: 0 } });
});
afterAll(async () => sandbox.stop());

const faultMix = (seed: number) => ({
	seed,
	random: [
		{ fault: { kind: 'status' as const, status: 503 }, probability: 0.08 },
		{ fault: { kind: 'status' as const, status: 502 }, probability: 0.03 },
		{ fault: { kind: 'throttle' as const, retryAfterSeconds: 0 }, probability: 0.04 },
		{ fault: { kind: 'reset' as const, apply: false }, probability: 0.04 },
		{ fault: { kind: 'reset' as const, apply: true }, probability: 0.05 },
		{ fault: { kind: 'delay' as const, ms: 1500, apply: true }, probability: 0.02 },
		{ fault: { kind: 'malformedJson' as const }, probability: 0.02 },
		{ fault: { kind: 'reject412' as const }, probability: 0.02 },
	],
});

/** Nothing lost, nothing created twice, every created contact reported, every Failed one not created. */
function expectExactlyOnce(result: RunResult, phoneOf: (item: INodeExecutionData) => string) {
	for (const item of result.success) {
		const stored = holders(sandbox, phoneOf(item));
		expect(stored).toHaveLength(1);
		expect(item.json.id).toBe(stored[0]._id);
	}
	const unknown = result.failed.filter((item) => item.json.code === 'OUTCOME_UNKNOWN');
	for (const item of result.failed) {
		if (item.json.code !== 'OUTCOME_UNKNOWN') expect(holders(sandbox, phoneOf(item))).toHaveLength(0);
	}
	// Only a record the node could not check may exist without having been reported created.
	const created = sandbox.store.active().length - SEED_CONTACTS;
	expect(created).toBeGreaterThanOrEqual(result.success.length);
	expect(created).toBeLessThanOrEqual(result.success.length + unknown.length);
	const faults = sandbox.stats().faultsInjected;
	const report = { success: result.success.length, failed: result.failed.length, unknown: unknown.length, created, requests: sandbox.log().length, faults };
	console.log(`create under faults ${JSON.stringify(report)}`);
	return report;
}

test(`Create: ${ITEMS} items under 503s, 502s, throttling, resets before and after applying, timeouts, malformed answers and 412s`, async () => {
	sandbox.reset();
	sandbox.setFaults(faultMix(7));
	const items = Array.from({ length: ITEMS }, (_, n) => newContactItem(n));
	const result = await run(sandbox, { items, parameters: { operation: 'create', rateLimitWindowSeconds: 1, options: { batchSize: 20, timeout: 1, maxRetries: 5 } } });
	expect(result.error).toBeUndefined();
	expectEveryItemOnce(result, ITEMS);
	const report = expectExactlyOnce(result, (item) => items[(item.pairedItem as { item: number }).item].phoneNumber);
	expect(report.faults.reset).toBeGreaterThan(0);
	expect(result.success.length).toBeGreaterThan(ITEMS * 0.95);
}, 300_000);

test(`Import from CSV: ${ITEMS} rows under the same faults`, async () => {
	sandbox.reset();
	sandbox.setFaults(faultMix(11));
	const phone = (n: number) => `7${n.toString().padStart(9, '0')}`;
	const csv = ['firstName,lastName,salutation,cellPhoneNumber,cellPhoneCountryCode,cellPhoneExtension', ...Array.from({ length: ITEMS }, (_, n) => `row${n},csv,mr,${phone(n)},+91,+`)].join('\n');
	const file: INodeExecutionData = { json: {}, binary: { data: { data: Buffer.from(csv).toString('base64'), mimeType: 'text/csv' } } };
	const result = await run(sandbox, { items: [], inputItems: [file], parameters: { operation: 'importCsv', rateLimitWindowSeconds: 1, options: { batchSize: 25, timeout: 1 } } });
	expect(result.error).toBeUndefined();
	expect(result.success.length + result.failed.length).toBe(ITEMS);
	expect(new Set(pairedIndexes([...result.success, ...result.failed]))).toEqual(new Set([0]));
	expectExactlyOnce(result, (item) => {
		const cellPhone = (item.json.cellPhone ?? (item.json.record as { cellPhone?: unknown })?.cellPhone) as { phoneNumber: string };
		return cellPhone.phoneNumber.replace(/^\+91/, '');
	});
}, 300_000);

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
