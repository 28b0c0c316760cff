// Every operation under every fault: throttling with and without Retry-After, 503, a reset before
// and after Kore applied the request, an answer past the timeout. Each time: every item once on the
// right output, the store as the items say, nothing created twice.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { demoContactId, startSandbox, type Fault, type KoreSandbox } from '../../sandbox';
import { contactItem, expectEveryItemOnce, expectNoSecretsLeaked, holders, newContactItem, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 30, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const FAULTS: Array<[string, Fault]> = [
	['429 with Retry-After', { kind: 'throttle', retryAfterSeconds: 0 }],
	['429 without Retry-After', { kind: 'throttle', status: 429 }],
	['503', { kind: 'status', status: 503 }],
	['a reset before Kore applied it', { kind: 'reset', apply: false }],
	['a reset after Kore applied it', { kind: 'reset', apply: true }],
	['an answer past the timeout, applied', { kind: 'delay', ms: 2500, apply: true }],
];

const csvFile = (rows: string[]): INodeExecutionData => ({
	json: {},
	binary: {
		data: {
			data: Buffer.from(['firstName,lastName,salutation,cellPhoneNumber,cellPhoneCountryCode,cellPhoneExtension', ...rows].join('\n')).toString('base64'),
			mimeType: 'text/csv',
		},
	},
});

interface Case {
	parameters: INodeParameters;
	items?: IDataObject[];
	inputItems?: INodeExecutionData[];
	/** Outputs expected and the store after: every item on Success here. */
	check(success: INodeExecutionData[]): void;
}

const CASES: Record<string, Case> = {
	bulkUpdate: {
		parameters: { operation: 'bulkUpdate' },
		items: [contactItem(1), contactItem(2)],
		check: () => expect(sandbox.store.get(demoContactId(2))?.lastName).toBe('updated-2'),
	},
	create: {
		parameters: { operation: 'create' },
		items: [newContactItem(1), newContactItem(2)],
		check: (success) => {
			for (const n of [1, 2]) expect(holders(sandbox, `800000000${n}`)).toHaveLength(1);
			expect(success.map((s) => s.json.id)).toEqual([1, 2].map((n) => holders(sandbox, `800000000${n}`)[0]._id));
		},
	},
	getAll: {
		parameters: { operation: 'getAll', returnAll: true, options: { pageSize: 20 } },
		items: [{}],
		check: (success) => expect(success.map((s) => s.json.id)).toEqual(Array.from({ length: 30 }, (_, n) => demoContactId(n))),
	},
	update: {
		parameters: { operation: 'update' },
		items: [contactItem(3), contactItem(4)],
		check: () => expect(sandbox.store.get(demoContactId(4))?.lastName).toBe('updated-4'),
	},
	delete: {
		parameters: { operation: 'delete' },
		items: [{ id: demoContactId(5) }, { id: demoContactId(6) }],
		check: () => expect([5, 6].map((n) => sandbox.store.get(demoContactId(n))?.status)).toEqual(['INACTIVE', 'INACTIVE']),
	},
	bulkDelete: {
		parameters: { operation: 'bulkDelete' },
		items: [{ id: demoContactId(7) }, { id: demoContactId(8) }],
		check: () => expect([7, 8].map((n) => sandbox.store.get(demoContactId(n))?.status)).toEqual(['INACTIVE', 'INACTIVE']),
	},
	importCsv: {
		parameters: { operation: 'importCsv' },
		inputItems: [csvFile(['a,b,mr,7000000001,+91,+', 'c,d,ms,7000000002,+91,+'])],
		check: (success) => {
			for (const n of [1, 2]) expect(holders(sandbox, `700000000${n}`)).toHaveLength(1);
			expect(success.map((s) => s.json.id)).toEqual([1, 2].map((n) => holders(sandbox, `700000000${n}`)[0]._id));
		},
	},
};

describe.each(Object.entries(CASES))('%s', (_operation, testCase) => {
	test.each(FAULTS)('under %s: nothing lost, nothing twice', async (_name, fault) => {
		const injectedBefore = sandbox.stats().faultsInjected[fault.kind] ?? 0;
		sandbox.setFaults({ schedule: [fault] });
		const result = await run(sandbox, {
			items: testCase.items ?? [],
			inputItems: testCase.inputItems,
			parameters: { rateLimitWindowSeconds: 1, ...testCase.parameters, options: { timeout: 1, ...(testCase.parameters.options as object) } },
		});
		expect(result.error).toBeUndefined();
		expect(result.failed).toEqual([]);
		const inputCount = testCase.inputItems?.length ?? testCase.items!.length;
		if (testCase.parameters.operation !== 'getAll' && testCase.parameters.operation !== 'importCsv') expectEveryItemOnce(result, inputCount);
		testCase.check(result.success);
		expect(sandbox.stats().faultsInjected[fault.kind]).toBe(injectedBefore + 1);
	});
});

test('hostile input to every write operation: Failed with a reason, never sent', async () => {
	const hostile = [{ id: { $ne: null } }, { id: '../../etc/passwd' }, { id: 'a'.repeat(500) }, { __proto__: { polluted: true } }, { id: ['x'] }];
	for (const operation of ['update', 'delete', 'bulkDelete']) {
		const result = await run(sandbox, { items: hostile, parameters: { operation, rateLimitWindowSeconds: 1 } });
		expect(result.failed.map((f) => f.json.stage)).toEqual(Array(hostile.length).fill('validation'));
	}
	const create = await run(sandbox, { items: [{ firstName: { toString: 1 } }, { phoneNumber: '9'.repeat(40) }, { cellPhone: 'x' }], parameters: { operation: 'create', columns: { mappingMode: 'autoMapInputData', value: null } } });
	expect(create.failed).toHaveLength(3);
	const notCsv = await run(sandbox, {
		items: [],
		inputItems: [{ json: {}, binary: { data: { data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0x10]).toString('base64'), mimeType: 'image/png' } } }],
		parameters: { operation: 'importCsv' },
	});
	expect(notCsv.failed[0].json).toMatchObject({ code: 'INVALID_FILE' });
	expect(sandbox.log()).toHaveLength(0);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
