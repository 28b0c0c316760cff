// n8n's queue mode, as teams scale it: a main instance taking webhooks, Redis as the queue, PostgreSQL
// as the database, two `n8n worker` processes running the executions, this package installed as
// users install it, the sandbox as Kore.ai. Several executions at once, a worker killed mid-run.
import { N8nInstance, type N8nWorker } from '../../scripts/lib/n8nInstance';
import { N8N_V2 } from '../../scripts/lib/n8nInstall';
import { webhookWorkflow } from '../../scripts/lib/queueWorkflows';
import { queueModeEnv, startPostgres, startRedis, type Postgres, type Service } from '../../scripts/lib/services';
import { triggerExample } from '../../scripts/lib/triggerDemo';
import { credentialFor, KORE_NODE } from '../../scripts/lib/workflows';
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { preCallCredential, preCallExample, preCallFaults, preCallTests, withTimeLimit } from '../support/preCallCases';

const AUTO = (match: string) => ({ mappingMode: 'autoMapInputData', value: {}, matchingColumns: [match], schema: [] });
const flows = {
	// Six requests at 6 a (one-second) minute: about a second each, so four at once need both workers.
	bulkUpdate: webhookWorkflow('KoreQueueBulk001', 'kore-bulk-update', { operation: 'bulkUpdate', columns: AUTO('id'), options: { batchSize: 10, requestsPerMinute: 6 } }),
	sync: webhookWorkflow('KoreQueueSync001', 'kore-sync', { operation: 'upsert', columns: AUTO('phoneNumber'), options: { batchSize: 5, requestsPerMinute: 60 } }),
	importCsv: webhookWorkflow('KoreQueueCsv0001', 'kore-import', { operation: 'importCsv', binaryPropertyName: 'data', options: {} }, { asCsvFile: true }),
	// At the account's whole limit, as users leave it: executions at once must share it.
	shared: webhookWorkflow('KoreQueueShare01', 'kore-shared', { operation: 'bulkUpdate', columns: AUTO('id'), options: { batchSize: 10 } }),
};

// In queue mode n8n can notice an execution's end up to 5 s late (Bull's watchdog, when the event
// is missed): a Time Limit of 10 s, as docs/pre-call.md advises for queue mode, lets those answers
// be the workflow's. The ones that take that path are printed.
const preCallQueued = withTimeLimit(preCallExample, 10);

let redis: Service;
let postgres: Postgres;
let sandbox: KoreSandbox;
let n8n: N8nInstance;
let workers: N8nWorker[] = [];
let apiKey = '';

beforeAll(async () => {
	[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
	sandbox = await startSandbox({ seedCount: 2000, rateLimit: { requestsPerWindow: 0 } });
	n8n = N8nInstance.prepare({
		version: N8N_V2,
		env: {
			...queueModeEnv(redis, postgres),
			// A worker that dies is noticed within seconds, not minutes.
			QUEUE_WORKER_LOCK_DURATION: '5000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '1000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			// n8n removes a finished job from Redis at once (2.x: unless this is set; 1.x: always). The
			// main instance then misses, now and then, that a fast execution ended and never answers its
			// webhook: the Pre-Call Trigger's Time Limit answers instead (docs/pre-call.md, "Queue mode").
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
		},
	});
	await n8n.importCredentials([credentialFor(sandbox.credentials()), preCallCredential]);
	const workflows = [...Object.values(flows), triggerExample, preCallQueued, preCallFaults];
	await n8n.importWorkflows(workflows);
	for (const flow of workflows) {
		const published = await n8n.cli(['publish:workflow', `--id=${flow.id}`]);
		if (published.code !== 0) throw new Error(`publishing ${flow.id} failed: ${published.stderr || published.stdout}`);
	}
	await n8n.start();
	await n8n.login();
	const key = await n8n.rest('POST', '/rest/api-keys', { label: 'queue', scopes: ['execution:read', 'execution:list', 'execution:retry'], expiresAt: null });
	apiKey = key.body.data.rawApiKey;
	// Two executions at a time each, so that four executions at once need both.
	workers = await Promise.all([n8n.startWorker('worker-1', 2), n8n.startWorker('worker-2', 2)]);
}, 600_000);

afterAll(async () => {
	await Promise.all(workers.map((w) => w.stop()));
	await n8n?.stop();
	await sandbox?.stop();
	await Promise.all([redis?.stop(), postgres?.stop()]);
});

async function fire(path: string, body: unknown) {
	const response = await fetch(`${n8n.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect(response.status).toBe(200);
}

const executionIds = (workflowId: string) =>
	postgres
		.query(`select id from execution_entity where "workflowId" = '${workflowId}' order by id`)
		.split('\n')
		.filter(Boolean);

async function waitForExecutions(workflowId: string, count: number, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = postgres.query(`select id, status from execution_entity where "workflowId" = '${workflowId}' order by id`).split('\n').filter(Boolean);
		const done = rows.filter((row) => !/\|(new|running|waiting)$/.test(row));
		if (rows.length >= count && done.length === rows.length) return rows.map((row) => row.split('|'));
		if (Date.now() > deadline) throw new Error(`executions of ${workflowId} not finished in time: ${rows.join(', ')}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** The Kore.ai node's two outputs of an execution, read back through n8n's public API. */
async function outputs(executionId: string) {
	const read = await n8n.rest('GET', `/api/v1/executions/${executionId}?includeData=true`, undefined, { 'X-N8N-API-KEY': apiKey });
	const main = read.body.data?.resultData?.runData?.[KORE_NODE]?.[0]?.data?.main ?? [];
	return { status: read.body.status as string, success: (main[0] ?? []) as any[], failed: (main[1] ?? []) as any[] };
}

const ranOn = (executionId: string) => workers.filter((w) => w.log.includes(`Worker started execution ${executionId} `)).map((w) => w.name);
const paired = (items: any[]) => items.map((i) => i.pairedItem.item);

// First, before the other tests change contacts: the trigger polls every minute from the start.
test('the trigger polls on the main instance, and the executions it starts run on the workers', async () => {
	// The main instance took the baseline when it activated the workflow at start.
	const deadline = Date.now() + 30_000;
	while (!sandbox.log().some((r) => r.method === 'GET')) {
		if (Date.now() > deadline) throw new Error('the trigger did not poll at activation');
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	expect(executionIds(triggerExample.id)).toEqual([]);
	sandbox.store.update(demoContactId(1900), { ...demoContact(1900), lastName: 'changed-in-kore' });
	const [[id, status]] = await waitForExecutions(triggerExample.id, 1, 90_000);
	expect(status).toBe('success');
	// This execution takes milliseconds: its status can be in PostgreSQL before the worker's log line
	// has come through the pipe.
	for (const until = Date.now() + 10_000; ranOn(id).length === 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 200));
	expect(ranOn(id)).toHaveLength(1);
	// The poll itself is the main instance's: the workers only run what it emitted.
	expect(n8n.log).toMatch(/Kore\.ai contacts trigger read the list/);
	expect(workers.every((w) => !/Kore\.ai contacts trigger read the list/.test(w.log))).toBe(true);
	const read = await n8n.rest('GET', `/api/v1/executions/${id}?includeData=true`, undefined, { 'X-N8N-API-KEY': apiKey });
	const updated = read.body.data.resultData.runData['Update in CRM'][0].data.main[0];
	expect(updated.map((i: any) => [i.json.id, i.json.event, i.json.lastName])).toEqual([[demoContactId(1900), 'updated', 'changed-in-kore']]);
}, 180_000);

test('four executions fired at once through a webhook: each on a worker, every item once, the store as the items say', async () => {
	const rowsOf = (call: number) =>
		Array.from({ length: 60 }, (_, i) => {
			const n = call * 60 + i;
			return { id: demoContactId(n), firstName: 'queue', lastName: `call-${call}-${n}`, salutation: 'mr', phoneNumber: demoContact(n).cellPhone.phoneNumber, countryCode: '+91', extension: '+' };
		});
	await Promise.all([0, 1, 2, 3].map((call) => fire('kore-bulk-update', { rows: rowsOf(call) })));
	const executions = await waitForExecutions(flows.bulkUpdate.id, 4);
	expect(executions.map(([, status]) => status)).toEqual(['success', 'success', 'success', 'success']);
	for (const [id] of executions) {
		expect(ranOn(id)).toHaveLength(1);
		const { success, failed } = await outputs(id);
		expect(failed).toEqual([]);
		expect(paired(success)).toEqual(Array.from({ length: 60 }, (_, i) => i));
		const call = Number(/call-(\d)-/.exec(success[0].json.lastName)?.[1]);
		for (const item of success) expect(sandbox.store.get(item.json.id)?.lastName).toBe(item.json.lastName);
		expect(success.every((item) => item.json.lastName.startsWith(`call-${call}-`))).toBe(true);
	}
	// Both workers took executions, and the credential was decrypted on them: every request was signed.
	expect(new Set(executions.flatMap(([id]) => ranOn(id))).size).toBe(2);
	const calls = sandbox.log().filter((r) => r.path.endsWith('/bulk-update'));
	expect(calls).toHaveLength(24);
	expect(calls.every((r) => r.status === 200 && (r.jwt?.payload as { appId?: string }).appId === sandbox.credentials().clientId)).toBe(true);
});

test('four executions on one account limit, on the workers: they share it, nothing lost or written twice', async () => {
	// Kore's 60 a minute scaled to a second, for the whole account; 30 requests of 10 records each.
	sandbox.clearLog();
	sandbox.configure({ rateLimit: { requestsPerWindow: 60, windowMs: 1000, sendRetryAfter: false } });
	const each = 300;
	try {
		const rowsOf = (call: number) =>
			Array.from({ length: each }, (_, i) => {
				const n = 400 + call * each + i;
				return { id: demoContactId(n), firstName: 'shared', lastName: `share-${call}-${n}`, salutation: 'ms', phoneNumber: demoContact(n).cellPhone.phoneNumber, countryCode: '+91', extension: '+' };
			});
		await Promise.all([0, 1, 2, 3].map((call) => fire('kore-shared', { rows: rowsOf(call) })));
		const executions = await waitForExecutions(flows.shared.id, 4);
		expect(executions.map(([, status]) => status)).toEqual(['success', 'success', 'success', 'success']);
		for (const [id] of executions) {
			expect(ranOn(id)).toHaveLength(1);
			const { success, failed } = await outputs(id);
			expect(failed).toEqual([]);
			expect(paired(success)).toEqual(Array.from({ length: each }, (_, i) => i));
			for (const item of success) expect(sandbox.store.get(item.json.id)?.lastName).toBe(item.json.lastName);
		}
		const calls = sandbox.log().filter((r) => r.path.endsWith('/bulk-update'));
		const throttled = calls.filter((r) => r.status === 429).length;
		// every record applied once: a refused request is never applied, an accepted one never sent again
		expect(calls.filter((r) => r.applied).reduce((sum, r) => sum + (r.recordCount ?? 0), 0)).toBe(4 * each);
		console.log(`four executions on one account in queue mode: ${calls.length} requests, ${throttled} answered 429 (${((throttled / calls.length) * 100).toFixed(1)}%), on ${JSON.stringify(executions.map(([id]) => ranOn(id)[0]))}`);
		// Each meets a throttle or two while learning its share (docs/BENCHMARKS.md, section 5).
		expect(throttled / calls.length).toBeLessThanOrEqual(0.15);
	} finally {
		sandbox.configure({ rateLimit: { requestsPerWindow: 0 } });
	}
});

test('Import from CSV with the file made in the workflow, on a worker (binary data in the database)', async () => {
	const rows = [0, 1, 2].map((n) => ({ firstName: `csv${n}`, lastName: 'queue', salutation: 'ms', cellPhoneNumber: `770000000${n}`, cellPhoneCountryCode: '+91', cellPhoneExtension: '+' }));
	await fire('kore-import', { rows });
	const [[id, status]] = await waitForExecutions(flows.importCsv.id, 1);
	expect(status).toBe('success');
	expect(ranOn(id)).toHaveLength(1);
	const { success } = await outputs(id);
	expect(success.map((i) => i.json.firstName)).toEqual(['csv0', 'csv1', 'csv2']);
	expect(sandbox.store.active().filter((c) => c.lastName === 'queue')).toHaveLength(3);
});

test('a worker killed in the middle of a sync: what n8n reports, and a re-run creates nothing twice and loses nothing', async () => {
	sandbox.clearLog();
	const rows = Array.from({ length: 40 }, (_, k) => ({ firstName: `kill${k}`, lastName: 'queue', salutation: 'mr', phoneNumber: `760000${String(k).padStart(4, '0')}`, countryCode: '+91', extension: '+' }));
	await fire('kore-sync', { rows });
	// Batches of 5 at 60 a (one-second) minute: the creates take about 8 requests; kill after the third.
	const deadline = Date.now() + 60_000;
	while (sandbox.log().filter((r) => r.method === 'POST').length < 3) {
		if (Date.now() > deadline) throw new Error('the sync did not start');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	const [id] = executionIds(flows.sync.id);
	const victim = workers.find((w) => w.log.includes(`Worker started execution ${id} `)) as N8nWorker;
	victim.child.kill('SIGKILL');
	const createdAtKill = sandbox.store.active().filter((c) => c.firstName.startsWith('kill')).length;
	// What n8n then reports for that execution (it may hand the job to the other worker first).
	const [[, status]] = await waitForExecutions(flows.sync.id, 1, 120_000);
	const createdBefore = sandbox.store.active().filter((c) => c.firstName.startsWith('kill')).length;
	expect(createdBefore).toBeGreaterThan(0);
	console.log(
		`worker killed during execution ${id}: n8n reports "${status}"; ${createdAtKill} of 40 contacts created when it was killed, ${createdBefore} when n8n gave up; ran on ${JSON.stringify(ranOn(id))}`,
	);
	// n8n's Retry re-runs an execution from its saved data; a worker that died saved none, so n8n's
	// retry gives the same error. What re-runs it is the same request again: the CRM sends the rows again.
	const retried = await n8n.rest('POST', `/rest/executions/${id}/retry`, { loadWorkflow: true });
	const retryError = retried.body?.data?.data?.resultData?.error?.message ?? retried.body?.message;
	console.log(`n8n's Retry of execution ${id}: status ${retried.body?.data?.status ?? retried.status}, "${retryError}"`);
	const before = executionIds(flows.sync.id).length;
	await fire('kore-sync', { rows });
	const all = await waitForExecutions(flows.sync.id, before + 1, 120_000);
	const rerun = all[all.length - 1][0];
	const { success, failed, status: rerunStatus } = await outputs(rerun);
	expect(rerunStatus).toBe('success');
	expect(failed).toEqual([]);
	expect(paired(success)).toEqual(Array.from({ length: 40 }, (_, i) => i));
	const actions = success.map((i) => i.json.action);
	expect(actions.filter((a) => a === 'unchanged')).toHaveLength(createdBefore);
	expect(actions.filter((a) => a === 'created')).toHaveLength(40 - createdBefore);
	for (const row of rows) expect(sandbox.store.active().filter((c) => c.cellPhone.phoneNumber === `+91${row.phoneNumber}`)).toHaveLength(1);
	workers = workers.filter((w) => w !== victim);
	workers.push(await n8n.startWorker('worker-3'));
});

test('no client secret or signed token in PostgreSQL (execution data, credentials) or in any process log', () => {
	const secret = sandbox.credentials().clientSecret;
	const database = postgres.query(`select coalesce(string_agg(data, ' '), '') from execution_data`) + postgres.query(`select coalesce(string_agg(data, ' '), '') from credentials_entity`);
	expect(database.length).toBeGreaterThan(1000);
	const logs = [n8n.log, ...workers.map((w) => w.log)].join('\n');
	for (const text of [database, logs]) {
		expect(text).not.toContain(secret);
		expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
	}
});

describe('the Kore.ai Pre-Call Trigger in queue mode: the main instance holds Kore\'s request, a worker runs the workflow', () => {
	preCallTests(() => ({ url: n8n.url, label: `n8n ${N8N_V2}, queue mode, 2 workers`, executions: async (workflowId) => executionIds(workflowId).length }));

	test('the pre-call executions ran on the workers, not on the main instance', async () => {
		const ids = executionIds(preCallExample.id);
		expect(ids.length).toBeGreaterThanOrEqual(200);
		for (const until = Date.now() + 10_000; ranOn(ids[ids.length - 1]).length === 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 200));
		// The workers' logs are kept to their last 500 kB: the latest 50 executions are surely in them.
		const where = ids.slice(-50).map((id) => ranOn(id)[0] ?? 'main');
		expect(where.filter((w) => w === 'main')).toEqual([]);
		// Where the time went, by n8n's own record: waiting for a worker, and running there.
		const timing = postgres.query(`select id, extract(epoch from ("startedAt" - "createdAt"))*1000, extract(epoch from ("stoppedAt" - "startedAt"))*1000 from execution_entity where "workflowId" = '${preCallExample.id}' order by id`).split('\n').filter(Boolean).map((r) => r.split('|'));
		console.log(`[pre-call] slowest: ${timing.sort((a, b) => +b[1] + +b[2] - +a[1] - +a[2]).slice(0, 8).map((t) => `#${t[0]} queued ${(+t[1]).toFixed(0)} ms, ran ${(+t[2]).toFixed(0)} ms`).join('; ')}`);
		// Counted by name: the worker killed earlier was replaced by worker-3.
		const perWorker = [...new Set(where)].sort().map((name) => `${where.filter((w) => w === name).length} on ${name}`);
		console.log(`[pre-call] queue mode, the last 50 executions: ${perWorker.join(', ')}`);
	});
});

