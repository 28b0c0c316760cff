// Every operation under every fault Kore.ai or the network can throw at it, in real n8n on both lines
// (2.x and the latest 1.x), with the package installed as users install it. One n8n server per line;
// each run is a webhook execution (the rows in the body), read back through n8n's public API.
// Each run: every item exactly once on the right output, the sandbox store as the items say,
// nothing created twice, reasons in words, no secret anywhere.
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';
import { webhookWorkflow } from '../../scripts/lib/queueWorkflows';
import { credentialFor } from '../../scripts/lib/workflows';
import { webhookRunner } from '../support/webhookRuns';
import { demoContact, demoContactId, startSandbox, type Fault, type FaultPlan, type KoreSandbox } from '../../sandbox';

const SEED = 30;
const PAGE = 10;
const AUTO = (match?: string) => ({ mappingMode: 'autoMapInputData', value: {}, matchingColumns: match ? [match] : [], schema: [] });
// Kore's minute scaled to a second (backoff and pacing with it), a one-second Request Timeout.
const FAST = { rateLimitWindowSeconds: 1 };
const OPTIONS = { timeout: 1 };

const existing = (n: number) => ({
	id: demoContactId(n),
	firstName: demoContact(n).firstName,
	lastName: `fault-${n}`,
	salutation: 'mr',
	phoneNumber: demoContact(n).cellPhone.phoneNumber,
	countryCode: '+91',
	extension: '+',
});
const newPerson = (phone: string) => ({ firstName: `new${phone.slice(-2)}`, lastName: 'fault', salutation: 'ms', phoneNumber: phone, countryCode: '+91', extension: '+' });

interface Case {
	parameters: Record<string, unknown>;
	rows: Array<Record<string, unknown>>;
	csv?: boolean;
	/** Which request of the run the fault hits: the first write, or the second page of the list. */
	at: number;
	/** The contacts list is read first: a fault for good fails the run instead of the items. */
	readsList?: boolean;
	/** The run's Success items and the store after a run that recovered from the fault. */
	check(success: any[], store: KoreSandbox): void;
}

const holders = (sandbox: KoreSandbox, phone: string) => sandbox.store.active().filter((c) => c.cellPhone.phoneNumber === `+91${phone}`);
const ids = (items: any[]) => items.map((i) => i.json.id);

const CASES: Record<string, Case> = {
	bulkUpdate: {
		parameters: { operation: 'bulkUpdate', columns: AUTO('id') },
		rows: [existing(1), existing(2)],
		at: 0,
		check: (success, sandbox) => {
			expect(ids(success)).toEqual([demoContactId(1), demoContactId(2)]);
			expect([1, 2].map((n) => sandbox.store.get(demoContactId(n))?.lastName)).toEqual(['fault-1', 'fault-2']);
		},
	},
	create: {
		parameters: { operation: 'create', columns: AUTO() },
		rows: [newPerson('8000000001'), newPerson('8000000002')],
		at: 0,
		check: (success, sandbox) => {
			const made = ['8000000001', '8000000002'].map((phone) => holders(sandbox, phone));
			expect(made.map((h) => h.length)).toEqual([1, 1]);
			expect(ids(success)).toEqual(made.map((h) => h[0]._id));
		},
	},
	getAll: {
		parameters: { operation: 'getAll', returnAll: true, options: { pageSize: PAGE } },
		rows: [{}],
		at: 1,
		readsList: true,
		check: (success) => expect(ids(success)).toEqual(Array.from({ length: SEED }, (_, n) => demoContactId(n))),
	},
	update: {
		parameters: { operation: 'update', contactId: '={{ $json.id }}', columns: AUTO() },
		rows: [existing(3), existing(4)],
		at: 0,
		check: (success, sandbox) => {
			expect(ids(success)).toEqual([demoContactId(3), demoContactId(4)]);
			expect([3, 4].map((n) => sandbox.store.get(demoContactId(n))?.lastName)).toEqual(['fault-3', 'fault-4']);
		},
	},
	delete: {
		parameters: { operation: 'delete', contactId: '={{ $json.id }}' },
		rows: [{ id: demoContactId(5) }, { id: demoContactId(6) }],
		at: 0,
		check: (success, sandbox) => {
			expect(ids(success)).toEqual([demoContactId(5), demoContactId(6)]);
			expect([5, 6].map((n) => sandbox.store.get(demoContactId(n))?.status)).toEqual(['INACTIVE', 'INACTIVE']);
		},
	},
	bulkDelete: {
		parameters: { operation: 'bulkDelete', contactId: '={{ $json.id }}' },
		rows: [{ id: demoContactId(7) }, { id: demoContactId(8) }],
		at: 0,
		check: (success, sandbox) => {
			expect(ids(success)).toEqual([demoContactId(7), demoContactId(8)]);
			expect([7, 8].map((n) => sandbox.store.get(demoContactId(n))?.status)).toEqual(['INACTIVE', 'INACTIVE']);
		},
	},
	importCsv: {
		parameters: { operation: 'importCsv', binaryPropertyName: 'data' },
		rows: ['7000000001', '7000000002'].map((phone) => ({ firstName: 'csv', lastName: phone.slice(-1), salutation: 'ms', cellPhoneNumber: phone, cellPhoneCountryCode: '+91', cellPhoneExtension: '+' })),
		csv: true,
		at: 0,
		check: (success, sandbox) => {
			const made = ['7000000001', '7000000002'].map((phone) => holders(sandbox, phone));
			expect(made.map((h) => h.length)).toEqual([1, 1]);
			expect(ids(success)).toEqual(made.map((h) => h[0]._id));
		},
	},
	upsert: {
		parameters: { operation: 'upsert', columns: AUTO('phoneNumber'), options: { pageSize: PAGE } },
		rows: [existing(9), newPerson('8100000001')],
		// three pages of the list, then the writes
		at: SEED / PAGE,
		readsList: true,
		check: (success, sandbox) => {
			expect(success.map((i) => i.json.action)).toEqual(['updated', 'created']);
			expect(sandbox.store.get(demoContactId(9))?.lastName).toBe('fault-9');
			expect(holders(sandbox, '8100000001')).toHaveLength(1);
			expect(success[1].json.id).toBe(holders(sandbox, '8100000001')[0]._id);
		},
	},
};

const FAULTS: Array<[string, Fault]> = [
	['503', { kind: 'status', status: 503 }],
	['429 with Retry-After', { kind: 'throttle', retryAfterSeconds: 1 }],
	['429 without Retry-After', { kind: 'throttle', status: 429 }],
	['a reset before Kore applied it', { kind: 'reset', apply: false }],
	['a reset after Kore applied it', { kind: 'reset', apply: true }],
	['an answer past the timeout, applied', { kind: 'delay', ms: 2500, apply: true }],
	['a malformed answer', { kind: 'malformedJson' }],
];

const scheduleAt = (at: number, ...faults: Fault[]): FaultPlan => ({ schedule: [...Array(at).fill(null), ...faults] });

describe.each([N8N_V2, N8N_V1])('n8n %s: every operation under every fault', (version) => {
	let sandbox: KoreSandbox;
	let n8n: N8nInstance;
	let apiKey = '';
	const seen: unknown[] = [];
	const flows = Object.fromEntries(
		Object.entries(CASES).map(([operation, c], i) => [
			operation,
			webhookWorkflow(`KoreE2eFault${String(i).padStart(4, '0')}`, `kore-fault-${operation.toLowerCase()}`, { ...FAST, ...c.parameters, options: { ...OPTIONS, ...(c.parameters.options as object) } }, { asCsvFile: c.csv, responseMode: 'lastNode' }),
		]),
	);

	beforeAll(async () => {
		sandbox = await startSandbox({ seedCount: SEED, rateLimit: { requestsPerWindow: 0 } });
		({ n8n, apiKey } = await N8nInstance.serve({ version }, [credentialFor(sandbox.credentials())], Object.values(flows)));
	}, 900_000);
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** Fires the operation's webhook with its rows and returns the finished execution's Kore.ai outputs. */
	async function runOnce(operation: string, rows: unknown[]) {
		const result = await webhookRunner(n8n, apiKey, 60_000)(flows[operation].id, `kore-fault-${operation.toLowerCase()}`, rows);
		seen.push(result.execution);
		return result;
	}

	const paired = (items: any[]) => items.map((i) => i.pairedItem?.item);

	describe.each(Object.entries(CASES))('%s', (operation, testCase) => {
		test.each(FAULTS)('under %s: every item once on Success, the store as the items say', async (_name, fault) => {
			const injectedBefore = sandbox.stats().faultsInjected[fault.kind] ?? 0;
			sandbox.setFaults(scheduleAt(testCase.at, fault));
			const result = await runOnce(operation, testCase.rows);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(result.failed).toEqual([]);
			if (operation !== 'getAll' && operation !== 'importCsv') expect(paired(result.success)).toEqual(testCase.rows.map((_, i) => i));
			testCase.check(result.success, sandbox);
			expect(sandbox.stats().faultsInjected[fault.kind]).toBe(injectedBefore + 1);
		});

		test('Kore.ai unavailable for good: the rows on Failed (or the run stopped) with the reason in words, nothing written', async () => {
			sandbox.setFaults({ random: [{ fault: { kind: 'status', status: 503 }, probability: 1 }] });
			const before = JSON.stringify(sandbox.store.active());
			const result = await runOnce(operation, testCase.rows);
			if (testCase.readsList) {
				expect(result.status).toBe('error');
				expect(result.error.message).toMatch(/^Kore\.ai's contact list could not be read: page 1 failed/);
				expect(result.error.description).toContain('Kore.ai answered HTTP 503');
			} else {
				expect(result.status).toBe('success');
				expect(result.success).toEqual([]);
				// one CSV file is one input item, its rows each an item paired with it
				expect(paired(result.failed)).toEqual(testCase.rows.map((_, i) => (testCase.csv ? 0 : i)));
				for (const item of result.failed) {
					expect(item.json).toMatchObject({ stage: 'request', code: 'REQUEST_FAILED', httpStatus: 503 });
					expect(item.json.reason).toMatch(/^Kore\.ai answered HTTP 503 .* on all \d+ tries\. The record was not [a-z]+\.$/);
				}
			}
			expect(JSON.stringify(sandbox.store.active())).toBe(before);
		});

		if (testCase.readsList) {
			test('a page of the list failing twice, then read: nothing lost, nothing twice', async () => {
				sandbox.setFaults(scheduleAt(1, { kind: 'status', status: 503 }, { kind: 'reset', apply: false }));
				const result = await runOnce(operation, testCase.rows);
				expect(result.status).toBe('success');
				expect(result.failed).toEqual([]);
				testCase.check(result.success, sandbox);
				expect(sandbox.log().filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([200, 503, -1, 200, 200]);
			});
		}
	});

	test('a wrong secret (rotated in Kore.ai) stops the run with Kore\'s words in the message itself, and sends nothing more', async () => {
		const secret = sandbox.options.clientSecret;
		sandbox.options.clientSecret = 'rotated-in-kore';
		const result = await runOnce('bulkUpdate', CASES.bulkUpdate.rows).finally(() => (sandbox.options.clientSecret = secret));
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials"');
		expect(sandbox.log().map((r) => r.status)).toEqual([401]);
	});

	test('no client secret or signed token in any execution or in n8n\'s log', () => {
		const haystack = JSON.stringify(seen) + n8n.log;
		expect(seen.length).toBeGreaterThan(60);
		expect(haystack).not.toContain(sandbox.credentials().clientSecret);
		expect(haystack).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
	});
});
