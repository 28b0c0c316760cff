// Section 9 of docs/BENCHMARKS.md: the time n8n adds between Kore.ai's Pre-Call request and the
// answer, for Kore.ai Pre-Call Trigger -> IF -> Set, at 1, 10 and 50 requests a second started on a
// fixed schedule (as a dialer asks, whether or not earlier answers came), in regular mode and in
// queue mode (main instance, one worker, Redis, PostgreSQL). Everything on loopback: the time is n8n's.
import { askBeforeDialling, waitForWebhook, type PreCallRecord } from '../../sandbox';
import { replaceSection } from './benchReport';
import { N8nInstance, type N8nWorker } from './n8nInstance';
import { N8N_V1, N8N_V2 } from './n8nInstall';
import { queueModeEnv, startPostgres, startRedis, type Service } from './services';

const SECRET = { headerName: 'X-Kore-Pre-Call-Secret', secret: 'bench-pre-call-secret-0123456789' };
const CREDENTIAL = { id: 'KoreBenchPreCall', name: 'pre-call bench', type: 'koreAiPreCallHeaderApi', data: SECRET };
/** Requests at each rate: about a minute at 1 a second, 30 s at 10, 20 s at 50. */
export const RATES = [
	{ perSecond: 1, requests: 60 },
	{ perSecond: 10, requests: 300 },
	{ perSecond: 50, requests: 1000 },
];

const workflow = {
	id: 'KoreBenchPreCal1',
	name: 'bench: pre-call trigger, IF, Set',
	active: false,
	settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
	nodes: [
		{
			id: 'b-trigger', name: 'Kore.ai Pre-Call Trigger', type: 'n8n-nodes-kore-ai.koreAiPreCallTrigger', typeVersion: 1, position: [0, 0], webhookId: 'KoreBenchPreCal1-hook',
			parameters: { path: 'bench-pre-call', authentication: 'headerAuth', defaultDecision: 'skip', options: {} },
			credentials: { koreAiPreCallHeaderApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		},
		{
			id: 'b-if', name: 'Opted out?', type: 'n8n-nodes-base.if', typeVersion: 2, position: [220, 0],
			parameters: {
				conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' }, conditions: [{ id: 'c1', leftValue: '={{ $json.accountId.endsWith("7") }}', rightValue: true, operator: { type: 'boolean', operation: 'true', singleValue: true } }], combinator: 'and' },
				options: {},
			},
		},
		{ id: 'b-skip', name: 'Skip', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [440, -100], parameters: { assignments: { assignments: [{ id: 'a1', name: 'handle', value: 'SKIP', type: 'string' }, { id: 'a2', name: 'reason', value: 'opted out', type: 'string' }] }, options: {} } },
		{ id: 'b-call', name: 'Call', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [440, 100], parameters: { assignments: { assignments: [{ id: 'a1', name: 'handle', value: 'CALL', type: 'string' }, { id: 'a2', name: 'plan', value: 'Gold', type: 'string' }] }, options: {} } },
	],
	connections: {
		'Kore.ai Pre-Call Trigger': { main: [[{ node: 'Opted out?', type: 'main', index: 0 }]] },
		'Opted out?': { main: [[{ node: 'Skip', type: 'main', index: 0 }], [{ node: 'Call', type: 'main', index: 0 }]] },
	},
	pinData: {},
};

/**
 * The same IF -> Set behind n8n's own Webhook node (response "last node"), for comparison: what any
 * webhook costs on that n8n. Its answer is the Set node's item, not Kore.ai's shape: only its time counts.
 */
const webhookTwin = {
	...workflow,
	id: 'KoreBenchWebhk01',
	name: "bench: n8n's Webhook node, IF, Set",
	nodes: [
		{ id: 'b-webhook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'KoreBenchWebhk01-hook', parameters: { httpMethod: 'POST', path: 'bench-webhook', responseMode: 'lastNode', options: {} } },
		...workflow.nodes.slice(1).map((node) => (node.name === 'Opted out?' ? { ...node, parameters: { ...node.parameters, conditions: { ...node.parameters.conditions, conditions: [{ ...node.parameters.conditions!.conditions[0], leftValue: '={{ $json.body.contactData.accountId.endsWith("7") }}' }] } } } : node)),
	],
	connections: { Webhook: workflow.connections['Kore.ai Pre-Call Trigger'], 'Opted out?': workflow.connections['Opted out?'] },
};

export interface PreCallRow {
	mode: string;
	perSecond: number;
	requests: number;
	p50: number;
	p99: number;
	max: number;
	/** Answers that were not the workflow's own decision (a default, an error, a timeout); undefined for n8n's Webhook node. */
	notDecided?: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function contacts(count: number, offset: number) {
	return Array.from({ length: count }, (_, i) => ({ dialingId: `D-${offset + i}`, contactData: { phoneNumber: `+9198450${30000 + ((offset + i) % 60000)}`, accountId: `ACC-${offset + i}` } }));
}

async function measure(url: string, mode: string, log: (m: string) => void, rates = RATES, path = 'bench-pre-call'): Promise<PreCallRow[]> {
	const twin = path !== 'bench-pre-call';
	const ask = (count: number, perSecond: number, offset: number) =>
		askBeforeDialling({ url: `${url}/webhook/${path}`, headers: { [SECRET.headerName]: SECRET.secret }, campaign: { name: 'bench', id: 'c-bench' }, contacts: contacts(count, offset), perSecond, concurrency: count, timeoutMs: 30_000 });
	// The webhook is live once n8n answers something other than 404 (the trigger must refuse the
	// probe without the header: 401); then a warm-up.
	const status = await waitForWebhook(`${url}/webhook/${path}`, { body: JSON.stringify({ contactData: { accountId: 'probe' } }) });
	if (!twin && status !== 401) throw new Error(`the pre-call webhook answered ${status} to a request without the header, not 401`);
	await ask(30, 10, 0);
	const rows: PreCallRow[] = [];
	let offset = 1000;
	for (const { perSecond, requests } of rates) {
		const records: PreCallRecord[] = await ask(requests, perSecond, offset);
		offset += requests;
		const wrong = records.filter((r, i) => r.counted !== 'answer' || r.handle !== (`ACC-${offset - requests + i}`.endsWith('7') ? 'SKIP' : 'CALL') || (r.reason ?? '').startsWith('n8n default'));
		const sorted = records.map((r) => r.ms).sort((a, b) => a - b);
		const row = { mode, perSecond, requests, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], ...(!twin && { notDecided: wrong.length }) };
		log(`pre-call ${mode} at ${perSecond}/s: ${requests} requests, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, max ${row.max.toFixed(1)} ms${twin ? '' : `, ${wrong.length} not the workflow's decision`}`);
		rows.push(row);
	}
	return rows;
}

interface Setup {
	label: string;
	version?: string;
	/** n8n settings beside its defaults. */
	env?: Record<string, string>;
	rates?: typeof RATES;
	/** Also measure n8n's own Webhook node in front of the same IF -> Set, at 10 a second. */
	withWebhookNode?: boolean;
}

/** One n8n process, its SQLite pool as n8n sets it (3; the test instances use 1). */
async function regular(log: (m: string) => void, { label, version = N8N_V2, env = {}, rates = RATES, withWebhookNode = false }: Setup) {
	const { n8n } = await N8nInstance.serve({ version, env: { DB_SQLITE_POOL_SIZE: '3', ...env } }, [CREDENTIAL], withWebhookNode ? [workflow, webhookTwin] : [workflow]);
	try {
		// The comparison first: after the overload at 50 a second, n8n 1.x is still working through
		// the requests it queued long after the caller gave up on them.
		const compared = withWebhookNode ? await measure(n8n.url, `${label}: n8n's own Webhook node instead (comparison)`, log, [RATES[1]], 'bench-webhook') : [];
		return [...(await measure(n8n.url, label, log, rates)), ...compared];
	} finally {
		await n8n.stop();
	}
}

async function queue(log: (m: string) => void, { label, env = {}, rates = RATES }: Setup) {
	let redis: Service | undefined;
	let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
	let n8n: N8nInstance | undefined;
	let worker: N8nWorker | undefined;
	try {
		[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
		n8n = N8nInstance.prepare({ version: N8N_V2, env: { ...queueModeEnv(redis, postgres), ...env } });
		await n8n.importCredentials([CREDENTIAL]);
		await n8n.importWorkflows([workflow]);
		await n8n.activate(workflow.id);
		await n8n.start();
		// n8n's default worker concurrency: 10 executions at a time.
		worker = await n8n.startWorker('worker-1', 10);
		return await measure(n8n.url, label, log, rates);
	} finally {
		await worker?.stop();
		await n8n?.stop();
		await Promise.all([redis?.stop(), postgres?.stop()]);
	}
}

/**
 * n8n 2.x evaluates expressions in a V8 isolate by default (N8N_EXPRESSION_ENGINE=vm) and, for every
 * webhook whose trigger is not its own Webhook node, holds one for the whole request, until the
 * answer: so the same set-ups with the engine n8n 1.x uses (legacy), and n8n 1.x itself.
 */
const LEGACY = { N8N_EXPRESSION_ENGINE: 'legacy' };
/** Without it, n8n removes a finished job at once and can miss a fast execution's end (docs/pre-call.md, "Queue mode"). */
const KEEP_JOBS = { N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000' };
export async function benchPreCall(log: (m: string) => void): Promise<PreCallRow[]> {
	return [
		...(await regular(log, { label: `${N8N_V2}, regular`, withWebhookNode: true })),
		...(await regular(log, { label: `${N8N_V2}, regular, N8N_EXPRESSION_ENGINE=legacy`, env: LEGACY })),
		...(await queue(log, { label: `${N8N_V2}, queue (1 worker)` })),
		...(await queue(log, { label: `${N8N_V2}, queue (1 worker), N8N_EXPRESSION_ENGINE=legacy, N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED=1000`, env: { ...LEGACY, ...KEEP_JOBS } })),
		...(await regular(log, { label: `${N8N_V1}, regular`, version: N8N_V1, withWebhookNode: true })),
	];
}

export function preCallSection(rows: PreCallRow[]) {
	const ms = (value: number) => value.toFixed(0);
	const table = rows.map((r) => `| ${r.mode} | ${r.perSecond} | ${r.requests.toLocaleString('en-US')} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.notDecided ?? 'n/a'} |`).join('\n');
	return `## 9. Pre-Call Trigger: the time n8n adds before Kore.ai may dial

Kore.ai waits for the Pre-Call answer before each dial, for a time it does not document, and skips
the contact when it runs out. Measured: from the request leaving the sandbox's pre-call caller (as
Kore.ai sends it, header secret included) to the whole answer read, for Kore.ai Pre-Call Trigger ->
IF -> Set. Requests start on a fixed schedule at each rate, whether or not earlier answers came, as a
dialer asks (at most 30 s each). On loopback with nothing else in the workflow, so the time is what
n8n and the node add; the node's own part (reading the request, checking the secret, building the
answer) is under 0.1 ms of it. Regular: one n8n process (SQLite). Queue: main instance taking the
request, one worker (concurrency 10) running the workflow, Redis, PostgreSQL. The comparison rows
put n8n's own Webhook node (response "last node") in front of the same IF -> Set. Measured with
\`npm run bench -- --pre-call-only\` on a 2-core AMD EPYC, 24 GiB.

| set-up | requests a second | requests | p50 ms | p99 ms | max ms | answers not the workflow's decision |
|---|---|---|---|---|---|---|
${table}

**What this means.** n8n 2.x evaluates expressions in a V8 isolate by default
(\`N8N_EXPRESSION_ENGINE=vm\`), and for a webhook whose trigger is not n8n's own Webhook node it
holds an isolate from the request until the answer (read in n8n 2.41.1's \`live-webhooks.js\`;
its own Webhook node is exempt). Pre-call requests are then answered one after another: a few
tens of milliseconds each, so beyond about 15 a second they queue up until Kore.ai's wait runs out
(the Time Limit cannot help: it starts when the node sees the request). With
\`N8N_EXPRESSION_ENGINE=legacy\` (an n8n setting for the whole instance) the same workflow on 2.41.1
answers in about 20 ms and keeps up at 50 a second. For a campaign that asks more than about 10
times a second, set it on the instance (or the webhook processes) that receives Kore.ai's requests.
n8n 1.123.81 answers in 65 to 90 ms and does not keep up at 50 a second either; its own Webhook
node in front of the same IF -> Set takes as long there (the comparison rows: what any webhook
costs on that n8n), while on 2.41.1 it is the one webhook spared the isolate. The goal
set for this measurement, p99 under 150 ms at 10 a second in regular mode, is met by n8n 2.41.1
with \`N8N_EXPRESSION_ENGINE=legacy\`, not by its default engine nor by n8n 1.123.81.

**Queue mode** on n8n 2.x also wants \`N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED\` (for example
1000): by default n8n removes a finished job from Redis at once, and the main instance, if it starts
waiting for a fast execution's job after it ended, never learns that it did and never answers; the
node's Time Limit (5 s) then answers the Default Decision. Such answers are counted in the last
column of the queue set-up without the setting at 1 and 10 a second (a max near 5,000 ms); how many
varies from run to run. \`npm run test:queue\` (two workers, 200 requests 4 at a time) had 5 and 6 in
two runs; with the setting none went unanswered in four runs, and one answer in 800 came about 5 s
late (Bull looks again every 5 s) ([docs/pre-call.md](pre-call.md#queue-mode)).
`;
}

/** Puts section 9 into docs/BENCHMARKS.md, in place of the one there (or before "Rerun"). */
export function writePreCallSection(rows: PreCallRow[]) {
	replaceSection('## 9. Pre-Call Trigger', preCallSection(rows));
}
