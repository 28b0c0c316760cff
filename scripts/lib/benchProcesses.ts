// Executions on one Kore account as users run them: k separate n8n processes (one `n8n start` each,
// own user folder and database), each with a webhook workflow that updates 10,000 contacts of its
// own; the webhooks fired at once or 5 s apart, so executions start and end at different times.
// Each version of the node measured is installed into its own set of n8n processes, one after the
// other, against the same sandbox account (a process of its own, no Retry-After on its refusals).
import { setTimeout as sleep } from 'node:timers/promises';

import { accountFigures, BATCH, bulkUpdates, LIMIT, RECORDS_EACH, type BulkEntry } from './benchShared';
import { N8nInstance } from './n8nInstance';
import { N8N_V2 } from './n8nInstall';
import { webhookWorkflow } from './queueWorkflows';
import { SandboxProcess } from './sandboxProcess';
import { credentialFor, KORE_NODE } from './workflows';

const PROCESSES = 4;

export interface ProcessVersion {
	label: string;
	/** Where the package's build is (package.json + dist). */
	root: string;
	commit: string;
}

export interface ProcessShape {
	k: number;
	/** Seconds between one execution's start and the next one's. */
	staggerSeconds: number;
	/** Records each execution updates, in start order, when they differ (10,000 each otherwise). */
	records?: number[];
}

export const PROCESS_SHAPES: ProcessShape[] = [
	{ k: 1, staggerSeconds: 0 },
	{ k: 2, staggerSeconds: 0 },
	{ k: 2, staggerSeconds: 5 },
	{ k: 4, staggerSeconds: 0 },
	{ k: 4, staggerSeconds: 5 },
	// Executions of different sizes end at different times even when they start together: the
	// ones left must find the room of the ones that ended.
	{ k: 2, staggerSeconds: 0, records: [10_000, 3_000] },
	{ k: 4, staggerSeconds: 0, records: [10_000, 6_000, 4_000, 2_000] },
	{ k: 2, staggerSeconds: 3, records: [5_000, 10_000] },
];

/** How the executions of a shape started (and how much each had to do, when that differs), as the tables and the log say it. */
export const startedLabel = (shape: ProcessShape) =>
	(shape.staggerSeconds ? `${shape.staggerSeconds} s apart` : 'together') +
	(shape.records ? `, ${shape.records.map((n) => n.toLocaleString('en-US')).join(' / ')} records` : '');

const recordsOf = (shape: ProcessShape, execution: number) => shape.records?.[execution] ?? RECORDS_EACH;

/**
 * `2:0,4:5,2:0:10000/3000`: the shapes `--shapes` names (k executions, seconds apart, and optionally
 * the records of each in start order), from PROCESS_SHAPES or any other.
 */
export function parseShapes(text: string): ProcessShape[] {
	return text.split(',').map((part) => {
		const match = /^\s*(\d+):(\d+(?:\.\d+)?)(?::(\d+(?:\/\d+)*))?\s*$/.exec(part);
		const k = Number(match?.[1]);
		const records = match?.[3]?.split('/').map(Number);
		const recordsFit = !records || (records.length === k && records.every((n) => n >= 1 && n <= RECORDS_EACH));
		if (!match || k < 1 || k > PROCESSES || !recordsFit) {
			throw new Error(
				`--shapes takes k:seconds apart[:records of each, /-separated, 1 to ${RECORDS_EACH} each], k from 1 to ${PROCESSES}, comma-separated (as 2:0,4:5,2:0:10000/3000); "${part}" is not one`,
			);
		}
		return { k, staggerSeconds: Number(match[2]), ...(records ? { records } : {}) };
	});
}

export interface ProcessRow extends ProcessShape {
	version: string;
	/** Which of the repeated runs of this shape (1 unless `--repeat`). */
	round: number;
	requests: number;
	throttled: number;
	/** Accepted records from the first to the last accepted request, over what the limit allows in that time. */
	shareOfCeiling: number;
	seconds: number;
	/** Per execution, in its start order: seconds from its webhook call to its end. */
	executionSeconds: number[];
	/** Refusals in the window after an execution's first request: the newcomer meeting a full account and the others making room. */
	refusedJoining: number;
	lost: number;
	duplicated: number;
	failed: number;
}

export interface ProcessReport {
	windowSeconds: number;
	recordsEach: number;
	n8nVersion: string;
	versions: Array<{ label: string; commit: string }>;
	rows: ProcessRow[];
	/** Whether the sandbox counted refused requests in its window (a reading Kore leaves open); the page's runs do not. */
	countRefused?: boolean;
}

interface Server {
	n8n: N8nInstance;
	apiKey: string;
	workflowId: string;
	path: string;
}

/** The rows an execution updates: its own 10,000 demo contacts, made in n8n from the webhook body. */
const ROWS_CODE = `const { from, count, run } = $input.first().json.body;
const items = [];
for (let n = from; n < from + count; n++) {
  items.push({ json: {
    id: '6964af60' + n.toString(16).padStart(16, '0'),
    firstName: 'shared', lastName: run + '-' + n, salutation: 'mr',
    phoneNumber: '9' + String(n).padStart(9, '0'), countryCode: '+91', extension: '+',
  } });
}
return items;`;

function shareWorkflow(index: number, windowSeconds: number) {
	const id = `KoreProcShare${String(index).padStart(3, '0')}`;
	const path = `kore-process-${index}`;
	const workflow = webhookWorkflow(id, path, {
		operation: 'bulkUpdate',
		columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: ['id'], schema: [] },
		rateLimitWindowSeconds: windowSeconds,
		options: { batchSize: BATCH },
	});
	workflow.nodes = workflow.nodes.map((node: any) => (node.name === 'Rows' ? { ...node, parameters: { jsCode: ROWS_CODE } } : node));
	return { workflow, path };
}

async function startServers(version: ProcessVersion, credentials: unknown, windowSeconds: number): Promise<Server[]> {
	// One at a time: n8n's start takes both cores of a small machine for a while.
	const servers: Server[] = [];
	for (let i = 0; i < PROCESSES; i++) {
		const { workflow, path } = shareWorkflow(i, windowSeconds);
		const { n8n, apiKey } = await N8nInstance.serve({ version: N8N_V2, packageRoot: version.root }, [credentials], [workflow]);
		servers.push({ n8n, apiKey, workflowId: workflow.id, path });
	}
	return servers;
}

async function latestExecution(server: Server, includeData = false) {
	const query = `/api/v1/executions?workflowId=${server.workflowId}&limit=1${includeData ? '&includeData=true' : ''}`;
	const read = await server.n8n.rest('GET', query, undefined, { 'X-N8N-API-KEY': server.apiKey });
	return read.body?.data?.[0];
}

/** Fires the webhook (again while n8n has not registered it yet) and waits for the execution to end. */
async function runOn(server: Server, body: unknown, after: string | undefined) {
	const fired = Date.now();
	for (let tries = 0; ; tries++) {
		const response = await fetch(`${server.n8n.url}/webhook/${server.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		await response.text();
		if (response.status === 200) break;
		if (response.status !== 404 || tries > 60) throw new Error(`the webhook ${server.path} answered ${response.status}`);
		await sleep(500);
	}
	for (const deadline = Date.now() + 600_000; Date.now() < deadline; await sleep(500)) {
		const latest = await latestExecution(server);
		if (latest && latest.id !== after && latest.stoppedAt) {
			const full = await latestExecution(server, true);
			const main = full?.data?.resultData?.runData?.[KORE_NODE]?.[0]?.data?.main ?? [];
			return { id: latest.id as string, status: full.status as string, seconds: (Date.parse(latest.stoppedAt) - fired) / 1000, success: (main[0] ?? []).length, failed: (main[1] ?? []).length };
		}
	}
	throw new Error(`the execution on ${server.path} did not end in 10 minutes`);
}

/** Whose request it was: each execution updates its own block of contacts. */
const executionOf = (e: BulkEntry) => Math.floor(parseInt((e.firstId ?? '0').slice(8), 16) / RECORDS_EACH);

/**
 * Refusals that came within a window of some execution's first request. Whatever the pace does, one
 * that starts learns the account is full only from a refusal, and the ones running learn they have
 * company only from one of their own: those are what joining costs; the rest are what sharing costs.
 */
export function refusedWhileJoining(entries: BulkEntry[], k: number, windowMs: number) {
	const firsts = Array.from({ length: k }, (_, i) => Math.min(...entries.filter((e) => executionOf(e) === i).map((e) => Date.parse(e.at))));
	return entries.filter((e) => e.status === 429 && firsts.some((first) => Date.parse(e.at) >= first && Date.parse(e.at) < first + windowMs)).length;
}

/** Accepted requests per second of each execution (and refusals), to see how they share: KORE_BENCH_TIMELINE=1. */
function printTimeline(entries: BulkEntry[], k: number, started: number) {
	const seconds = Math.ceil((Math.max(...entries.map((e) => Date.parse(e.at))) - started) / 1000);
	for (let s = 0; s <= seconds; s++) {
		const inSecond = entries.filter((e) => Math.floor((Date.parse(e.at) - started) / 1000) === s);
		const perExecution = Array.from({ length: k }, (_, i) => inSecond.filter((e) => e.status !== 429 && executionOf(e) === i).length);
		const refused = Array.from({ length: k }, (_, i) => inSecond.filter((e) => e.status === 429 && executionOf(e) === i).length);
		console.log(`  ${String(s).padStart(3)} s  ${perExecution.map((n) => String(n).padStart(3)).join('')}   refused ${refused.join(' ')}`);
	}
}

async function runShape(sandbox: SandboxProcess, servers: Server[], shape: ProcessShape, windowSeconds: number, run: string, countRefused: boolean) {
	await sandbox.admin('POST', 'reset');
	await sandbox.admin('PATCH', 'config', { rateLimit: { requestsPerWindow: LIMIT, windowMs: windowSeconds * 1000, sendRetryAfter: false, countRefused } });
	const before = await Promise.all(servers.slice(0, shape.k).map((s) => latestExecution(s)));
	const started = Date.now();
	const results = await Promise.all(
		servers.slice(0, shape.k).map(async (server, i) => {
			await sleep(Math.max(0, started + i * shape.staggerSeconds * 1000 - Date.now()));
			return runOn(server, { from: i * RECORDS_EACH, count: recordsOf(shape, i), run }, before[i]?.id);
		}),
	);
	const entries = await bulkUpdates(sandbox);
	if (process.env.KORE_BENCH_TIMELINE) printTimeline(entries, shape.k, started);
	const success = results.reduce((sum, r) => sum + r.success, 0);
	const failed = results.reduce((sum, r) => sum + r.failed, 0);
	const expected = results.reduce((sum, _, i) => sum + recordsOf(shape, i), 0);
	return {
		...accountFigures(entries, windowSeconds, expected, success, failed),
		refusedJoining: refusedWhileJoining(entries, shape.k, windowSeconds * 1000),
		executionSeconds: results.map((r) => r.seconds),
	};
}

export async function benchProcesses(
	windowSeconds: number,
	versions: ProcessVersion[],
	log: (m: string) => void,
	{ shapes = PROCESS_SHAPES, repeat = 1, countRefused = false }: { shapes?: ProcessShape[]; repeat?: number; countRefused?: boolean } = {},
): Promise<ProcessReport> {
	const sandbox = await SandboxProcess.start({ seed: PROCESSES * RECORDS_EACH, requestsPerMinute: LIMIT, windowSeconds, maxRecords: BATCH });
	const rows: ProcessRow[] = [];
	try {
		const credentials = credentialFor(await sandbox.credentials());
		for (const version of versions) {
			log(`separate processes: starting ${PROCESSES} n8n ${N8N_V2} with the node of ${version.label} (${version.commit.slice(0, 7)})`);
			const servers = await startServers(version, credentials, windowSeconds);
			try {
				// Runs of one shape vary with the machine's timing: repeated, they show the spread, not one draw.
				for (let round = 1; round <= repeat; round++) {
					for (const shape of shapes) {
						const run = `${version.label}-${shape.k}-${shape.staggerSeconds}-${shape.records?.join('.') ?? 'all'}-${round}`;
						const row: ProcessRow = { version: version.label, round, ...shape, ...(await runShape(sandbox, servers, shape, windowSeconds, run, countRefused)) };
						log(
							`separate processes, ${version.label}${repeat > 1 ? ` (run ${round} of ${repeat})` : ''}, k=${row.k}, ${startedLabel(row)}: ` +
								`${(row.shareOfCeiling * 100).toFixed(1)}% of the ceiling, ` +
								`${row.throttled}/${row.requests} refused (${row.refusedJoining} joining), ${row.seconds.toFixed(1)} s, executions ${row.executionSeconds.map((s) => s.toFixed(1)).join('/')} s, lost ${row.lost}, duplicated ${row.duplicated}, failed ${row.failed}`,
						);
						rows.push(row);
					}
				}
			} finally {
				await Promise.all(servers.map((s) => s.n8n.stop()));
			}
		}
	} finally {
		await sandbox.stop();
	}
	return { windowSeconds, recordsEach: RECORDS_EACH, n8nVersion: N8N_V2, versions: versions.map(({ label, commit }) => ({ label, commit })), rows, countRefused };
}
