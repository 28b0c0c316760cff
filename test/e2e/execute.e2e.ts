// Real n8n processes, on n8n 2.x and the latest 1.x: workflows imported with n8n's CLI and run with
// `n8n execute`, the package installed as users get it, the sandbox on loopback.
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';
import { summariseExecution } from '../../scripts/lib/report';
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { formatWorkflowReport } from '../../scripts/lib/report';
import { contactsExample, credentialFor, importExample, syncExample, demoItemsCode, exampleWorkflow, idsCode, KORE_NODE, newRowsCode, operationWorkflow, workflow } from '../../scripts/lib/workflows';

const paired = (items: any[]) => items.map((item) => item.pairedItem?.item);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

const workflows = {
	mixed: workflow(
		'KoreE2eMixed0001',
		'E2E mixed failures',
		demoItemsCode(
			10,
			0,
			`if (n === 3) item.phoneNumber = '98-76x';
  if (n === 5) item.id = '6964af60ffffffffffffffff';
  if (n === 7) item.phoneNumber = '9000000008';
  if (n === 9) item.firstName = '';`,
		),
		{ rateLimitWindowSeconds: 1 },
	),
	large: workflow('KoreE2eLarge0001', 'E2E 2,000 items', demoItemsCode(2000), { rateLimitWindowSeconds: 1, options: { batchSize: 250 } }),
	throttled: workflow('KoreE2eThrottl01', 'E2E throttled mid-run', demoItemsCode(300), { rateLimitWindowSeconds: 1, options: { batchSize: 50 } }),
};

const AUTO = { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] };
// One workflow per operation of the Contacts resource, as a user builds it.
const operations = {
	create: operationWorkflow('KoreE2eCreate001', 'create', newRowsCode(5, "if (n === 3) item.phoneNumber = '9000000001';"), { columns: AUTO }),
	getAll: operationWorkflow('KoreE2eGetAll001', 'getAll', 'return [{ json: {} }];', { returnAll: true, options: { pageSize: 700, outputFormat: 'flat' } }),
	update: operationWorkflow('KoreE2eUpdate001', 'update', demoItemsCode(3, 10, "if (n === 12) item.id = '6964af60ffffffffffffffff';"), { contactId: '={{ $json.id }}', columns: AUTO }),
	delete: operationWorkflow('KoreE2eDelete001', 'delete', idsCode([demoContactId(20), '6964af60ffffffffffffffff', demoContactId(21)]), { contactId: '={{ $json.id }}' }),
	bulkDelete: operationWorkflow('KoreE2eBulkDel01', 'bulkDelete', idsCode([22, 23, 24, 25].map(demoContactId)), { contactId: '={{ $json.id }}' }),
	importCsv: operationWorkflow(
		'KoreE2eImport001',
		'importCsv',
		`return [0, 1, 2, 3].map((n) => ({ json: { firstName: 'csv' + n, lastName: 'import, e2e', salutation: 'ms', cellPhoneNumber: n === 2 ? '12ab' : '60000000' + n + '0', cellPhoneCountryCode: '+91', cellPhoneExtension: '+' } }));`,
		{ binaryPropertyName: 'data' },
		true,
	),
};

describe.each([N8N_V2, N8N_V1])('n8n %s: import and execute every operation', (version) => {
	let sandbox: KoreSandbox;
	let n8n: N8nInstance;

	beforeAll(async () => {
		sandbox = await startSandbox({ seedCount: 2000, rateLimit: { requestsPerWindow: 0 } });
		n8n = N8nInstance.prepare({ version });
		await n8n.importCredentials([credentialFor(sandbox.credentials())]);
		await n8n.importWorkflows([exampleWorkflow, contactsExample, syncExample, importExample, ...Object.values(workflows), ...Object.values(operations)]);
	}, 900_000);
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	async function execute(id: string) {
		const run = await n8n.execute(id);
		const summary = summariseExecution(run.execution, KORE_NODE);
		if (!summary.ok) throw new Error(`execution of ${id} failed (exit ${run.code}): ${summary.error ?? run.output.slice(-2000)}`);
		expect(run.code).toBe(0);
		return { ...summary, runData: run.execution.data.resultData.runData };
	}

	test('the example workflow: three updated, two Failed, both outputs passed on', async () => {
		// Saved before the node had a Resource parameter: it must run unchanged.
		expect(exampleWorkflow.nodes.find((n: any) => n.name === KORE_NODE).parameters.resource).toBeUndefined();
		const result = await execute(exampleWorkflow.id);
		expect(paired(result.success)).toEqual([0, 1, 2]);
		expect(paired(result.failed)).toEqual([3, 4]);
		expect(result.failed[0].json).toMatchObject({ stage: 'validation', id: demoContactId(3) });
		expect(result.failed[1].json).toMatchObject({ stage: 'api', code: 'CONTACT_NOT_FOUND' });
		expect(result.runData['Updated contacts'][0].data.main[0]).toHaveLength(3);
		expect(result.runData['Needs attention'][0].data.main[0]).toHaveLength(2);
		expect(sandbox.store.get(demoContactId(2))?.cellPhone.phoneNumber).toBe('+919812345678');
	});

	test('mixed failures: each item on its output with its reason; an empty first name keeps Kore\'s', async () => {
		const result = await execute(workflows.mixed.id);
		expect(paired(result.success)).toEqual([0, 1, 2, 4, 6, 8, 9]);
		expect(paired(result.failed)).toEqual([3, 5, 7]);
		expect(result.failed.map((f) => [f.json.stage, f.json.code])).toEqual([
			['validation', 'INVALID_RECORD'],
			['api', 'CONTACT_NOT_FOUND'],
			['api', 'DUPLICATE_PHONE_NUMBER'],
		]);
		expect(sandbox.store.get(demoContactId(8))?.lastName).toBe('run-8');
		expect(sandbox.store.get(demoContactId(9))).toMatchObject({ lastName: 'run-9', firstName: demoContact(9).firstName });
		expect(sandbox.store.get(demoContactId(7))?.lastName).not.toBe('run-7');
	});

	test('2,000 items over 8 batches', async () => {
		const result = await execute(workflows.large.id);
		expect(paired(result.success)).toEqual(range(0, 2000));
		expect(result.failed).toEqual([]);
		expect(sandbox.log().map((r) => (r.body as unknown[]).length)).toEqual(Array(8).fill(250));
		expect(sandbox.store.active().filter((c) => c.lastName.startsWith('run-'))).toHaveLength(2000);
	});

	test('throttled mid-run: waits, retries, loses nothing', async () => {
		sandbox.setFaults({ schedule: [null, null, { kind: 'throttle', retryAfterSeconds: 1 }, null, { kind: 'throttle', status: 429 }] });
		const result = await execute(workflows.throttled.id);
		expect(paired(result.success)).toEqual(range(0, 300));
		expect(sandbox.log().map((r) => r.status)).toEqual([200, 200, 429, 200, 429, 200, 200, 200]);
		expect(sandbox.store.active().filter((c) => c.lastName.startsWith('run-'))).toHaveLength(300);
	});

	// Every operation of the Contacts resource, and the second example.
	const store = () => sandbox.store;

	test('Create: new contacts with their ids; a number another contact holds on Failed', async () => {
		const result = await execute(operations.create.id);
		expect(paired(result.success)).toEqual([0, 1, 2, 4]);
		expect(paired(result.failed)).toEqual([3]);
		expect(result.failed[0].json.reason).toContain('already has this phone number');
		for (const item of result.success) expect(store().get(item.json.id)?.firstName).toBe(item.json.firstName);
		expect(store().active()).toHaveLength(2004);
	});

	test('Get Many: every contact once, flat, in pages of 700', async () => {
		const result = await execute(operations.getAll.id);
		expect(result.success).toHaveLength(2000);
		expect(result.success[5].json).toMatchObject({ id: demoContactId(5), phoneNumber: '9000000005', countryCode: '+91' });
		expect(sandbox.log().map((r) => r.query.skip)).toEqual(['0', '700', '1400']);
	});

	test('Update: the items in one bulk update; an unknown id on Failed', async () => {
		const result = await execute(operations.update.id);
		expect(paired(result.success)).toEqual([0, 1]);
		expect(result.failed[0].json).toMatchObject({ stage: 'api', code: 'CONTACT_NOT_FOUND' });
		expect(sandbox.log().map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual(['PUT bulk-update']);
		expect(store().get(demoContactId(11))?.lastName).toBe('run-11');
	});

	test('Delete: each contact deleted; an unknown id on Failed', async () => {
		const result = await execute(operations.delete.id);
		expect(paired(result.success)).toEqual([0, 2]);
		expect(paired(result.failed)).toEqual([1]);
		expect(store().get(demoContactId(20))?.status).toBe('INACTIVE');
	});

	test('Bulk Delete: one request for all ids', async () => {
		const result = await execute(operations.bulkDelete.id);
		expect(paired(result.success)).toEqual([0, 1, 2, 3]);
		expect(sandbox.log()).toHaveLength(1);
		expect(store().get(demoContactId(25))?.status).toBe('INACTIVE');
	});

	test("Import from CSV: a file made by n8n's Convert to File; the bad row on Failed with its number", async () => {
		const result = await execute(operations.importCsv.id);
		expect(result.success.map((i) => i.json.firstName)).toEqual(['csv0', 'csv1', 'csv3']);
		expect(result.success[0].json.lastName).toBe('import, e2e');
		expect(result.failed).toHaveLength(1);
		expect(result.failed[0].json).toMatchObject({ row: 3, stage: 'validation' });
		expect(store().active()).toHaveLength(2003);
	});

	test('the second example: create, ids written back, get many, update one, bulk delete', async () => {
		const run = await n8n.execute(contactsExample.id);
		const report = formatWorkflowReport(run.execution, contactsExample);
		expect(report.ok).toBe(true);
		expect(report.text.split('\n')).toEqual([
			'Create contacts: 3 contact(s) created, 0 failed.',
			'Get many contacts: 2003 contact(s) read.',
			'Update the contact: 1 contact(s) updated, 0 failed.',
			'Bulk delete contacts: 3 contact(s) deleted, 0 failed.',
		]);
		const written = run.execution.data.resultData.runData['New ids written back'][0].data.main[0];
		expect(written.map((i: any) => [i.json.row, i.json.firstName])).toEqual([[2, 'Asha'], [3, 'Ben'], [4, 'Chen']]);
		expect(store().get(written[0].json.koreId)).toMatchObject({ lastName: 'Rao-Menon', status: 'INACTIVE' });
		expect(store().active()).toHaveLength(2000);
	});

	test('the sync example, Create or Update beside its Dry Run, twice: the second run writes nothing', async () => {
		const first = await n8n.execute(syncExample.id);
		expect(formatWorkflowReport(first.execution, syncExample).text.split('\n')).toEqual([
			'Preview the sync (Dry Run): 2 to be created, 2 to be updated, 1 unchanged, 0 failed.',
			'Sync to Kore.ai: 2 created, 2 updated, 1 unchanged, 0 failed.',
		]);
		const preview = first.execution.data.resultData.runData['Preview the sync (Dry Run)'][0].data.main[0];
		expect(preview.find((i: any) => i.json.action === 'updated').json).toMatchObject({ dryRun: true, request: { method: 'PUT', path: '/bulk-update' } });
		expect(store().active().filter((c) => c.firstName === 'Rhea')).toHaveLength(1);
		expect(store().get(demoContactId(11))?.lastName).toBe('Doe-Smith');
		sandbox.clearLog();
		const second = await n8n.execute(syncExample.id);
		expect(formatWorkflowReport(second.execution, syncExample).text.split('\n')).toEqual([
			'Preview the sync (Dry Run): 0 to be created, 0 to be updated, 5 unchanged, 0 failed.',
			'Sync to Kore.ai: 0 created, 0 updated, 5 unchanged, 0 failed.',
		]);
		expect(sandbox.log().filter((r) => r.method !== 'GET')).toEqual([]);
	});

	test('the import example: a file made in the workflow, imported, then deleted one by one', async () => {
		const run = await n8n.execute(importExample.id);
		expect(formatWorkflowReport(run.execution, importExample).text.split('\n')).toEqual([
			'Import contacts: 2 contact(s) imported, 1 failed.',
			"  - (no id): Row 3: Phone Number (phoneNumber) must be digits only; got '98450-7700x'",
			'Delete what was imported: 2 contact(s) deleted, 0 failed.',
		]);
		expect(store().all().filter((c) => c.lastName === 'Lima, Jr.').map((c) => c.status)).toEqual(['INACTIVE']);
	});
});
