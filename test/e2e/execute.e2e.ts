// Real n8n processes, on n8n 2.x and the latest 1.x: workflows imported with n8n's CLI and run with
// `n8n execute`, the package installed as users get it, the sandbox on loopback.
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';
import { summariseExecution } from '../../scripts/lib/report';
import { demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { credentialFor, demoItemsCode, exampleWorkflow, KORE_NODE, workflow } from '../../scripts/lib/workflows';

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

describe.each([N8N_V2, N8N_V1])('n8n %s: import and execute', (version) => {
	let sandbox: KoreSandbox;
	let n8n: N8nInstance;

	beforeAll(async () => {
		sandbox = await startSandbox({ seedCount: 2000, rateLimit: { requestsPerWindow: 0 } });
		n8n = N8nInstance.prepare({ version });
		await n8n.importCredentials([credentialFor(sandbox.credentials())]);
		await n8n.importWorkflows([exampleWorkflow, ...Object.values(workflows)]);
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
		const result = await execute(exampleWorkflow.id);
		expect(paired(result.success)).toEqual([0, 1, 2]);
		expect(paired(result.failed)).toEqual([3, 4]);
		expect(result.failed[0].json).toMatchObject({ stage: 'validation', id: demoContactId(3) });
		expect(result.failed[1].json).toMatchObject({ stage: 'api', code: 'CONTACT_NOT_FOUND' });
		expect(result.runData['Updated contacts'][0].data.main[0]).toHaveLength(3);
		expect(result.runData['Needs attention'][0].data.main[0]).toHaveLength(2);
		expect(sandbox.store.get(demoContactId(2))?.cellPhone.phoneNumber).toBe('+919812345678');
	});

	test('mixed failures: each item on its output with its reason', async () => {
		const result = await execute(workflows.mixed.id);
		expect(paired(result.success)).toEqual([0, 1, 2, 4, 6, 8]);
		expect(paired(result.failed)).toEqual([3, 5, 7, 9]);
		expect(result.failed.map((f) => [f.json.stage, f.json.code])).toEqual([
			['validation', 'INVALID_RECORD'],
			['api', 'CONTACT_NOT_FOUND'],
			['api', 'DUPLICATE_PHONE_NUMBER'],
			['validation', 'INVALID_RECORD'],
		]);
		expect(sandbox.store.get(demoContactId(8))?.lastName).toBe('run-8');
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
});
