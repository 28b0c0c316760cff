// `npm run bench`: this node against what n8n users build without it, and against the machine's
// ceiling, measured side by side in one run on the same sandbox; writes docs/BENCHMARKS.md and
// docs/images/benchmark.svg. `npm run bench -- --quick` is a short check that nothing regressed.
import { benchCampaign, campaignSection, writeCampaignSection } from './lib/benchCampaign';
import { benchPreCall, preCallSection, writePreCallSection } from './lib/benchPreCall';
import { benchRequests, requestsSection, writeRequestsSection } from './lib/benchRequests';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

import { writeBenchmarkDocs, type BenchReport, type ThrottledRow, type UnthrottledRow } from './lib/benchReport';
import { BENCH_NODE, nodeWorkflow, packedWorkflow, perItemWorkflow } from './lib/benchWorkflows';
import { N8nInstance } from './lib/n8nInstance';
import { N8N_V2 } from './lib/n8nInstall';
import { measureNodeCost } from './lib/nodeCost';
import { repoRoot } from './lib/paths';
import { bulkBodies, sendRaw } from './lib/rawClient';
import { buildCommit, type BuiltCheckout } from './lib/baselineBuild';
import { benchProcesses, parseShapes, PROCESS_SHAPES, startedLabel, type ProcessReport } from './lib/benchProcesses';
import { BASELINE_COMMIT, benchShared, type SharedReport } from './lib/benchShared';
import { benchSync, type SyncReport } from './lib/benchSync';
import { SandboxProcess } from './lib/sandboxProcess';
import { credentialFor } from './lib/workflows';

const { values } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'sync-only': { type: 'boolean', default: false },
		'shared-only': { type: 'boolean', default: false },
		'requests-only': { type: 'boolean', default: false },
		'campaign-only': { type: 'boolean', default: false },
		'pre-call-only': { type: 'boolean', default: false },
		'processes-only': { type: 'boolean', default: false },
		/** Which nodes the separate-process measurement runs: this checkout (now), the version before (before), the node before shared pacing (unshared), the experiment that looks for room rarely (look-rarely), or commits. */
		versions: { type: 'string', default: 'now,before' },
		/** Which shapes the separate-process measurement runs, as k:seconds apart[:records of each] (2:0,4:5,2:0:10000/3000); all of the page's by default. */
		shapes: { type: 'string' },
		/** How many times each shape runs, to see the spread between runs (the page's figures are one run). */
		repeat: { type: 'string', default: '1' },
		/** The separate-process measurement on a sandbox that counts refused requests in its window too (Kore does not say whether it does). */
		'refusals-count': { type: 'boolean', default: false },
	},
});
const QUICK = values.quick;
// Kore's minute, scaled down so a run takes seconds: the limit stays 60 requests per window.
const WINDOW_SECONDS = QUICK ? 3 : 6;
const REQUESTS = QUICK ? 30 : 40;
const UNTHROTTLED_ITEMS = QUICK ? 20_000 : 100_000;

function log(message: string) {
	console.log(`[bench] ${message}`);
}

/** Steady-state records per (scaled) minute from the sandbox's arrival times of accepted requests. */
function rateFromLog(approach: string, entries: any[], windowSeconds: number): ThrottledRow {
	const calls = entries.filter((e) => e.path.includes('/contacts'));
	const accepted = calls.filter((e) => e.status === 200);
	const times = accepted.map((e) => Date.parse(e.at));
	const records = accepted.map((e) => e.recordCount ?? 1);
	const span = times[times.length - 1] - times[0];
	const afterFirst = records.slice(1).reduce((a, b) => a + b, 0);
	return {
		approach,
		records: records.reduce((a, b) => a + b, 0),
		requests: calls.length,
		throttled: calls.filter((e) => e.status === 429).length,
		recordsPerMinute: span > 0 ? (afterFirst / span) * windowSeconds * 1000 : 0,
	};
}

async function executeOrThrow(n8n: N8nInstance, workflow: { id: string; name: string }) {
	const run = await n8n.execute(workflow.id);
	const task = run.execution?.data?.resultData?.runData?.[BENCH_NODE]?.[0];
	// n8n 2.41 sometimes exits 1 after a successful run ("Failed to record workflow statistic"): the
	// execution's own status says whether the run succeeded.
	if (!task || (run.code !== 0 && run.execution?.status !== 'success')) throw new Error(`${workflow.name} failed (exit ${run.code}):\n${run.output.slice(-3000)}`);
	return task;
}

async function underTheLimit(n8n: N8nInstance): Promise<ThrottledRow[]> {
	const sandbox = await SandboxProcess.start({ seed: REQUESTS * 100, requestsPerMinute: 60, windowSeconds: WINDOW_SECONDS });
	try {
		const credentials = await sandbox.credentials();
		const contactsUrl = `${credentials.host}/agentassist/api/v1/public/${encodeURIComponent(credentials.streamId)}/contacts`;
		// what a user sets on the HTTP Request node to stay under 60 a minute: one request, then a second
		const interval = Math.round((WINDOW_SECONDS * 1000) / 60);
		const runs = [
			{ approach: 'Kore.ai Contacts node (defaults)', workflow: nodeWorkflow('BenchNodeLimit01', REQUESTS * 100, WINDOW_SECONDS) },
			{ approach: 'Code packs 100 + HTTP Request', workflow: packedWorkflow('BenchPacked00001', REQUESTS * 100, contactsUrl, interval) },
			{ approach: 'HTTP Request, one PUT per contact', workflow: perItemWorkflow('BenchPerItem0001', REQUESTS, contactsUrl, interval) },
		];
		await n8n.importCredentials([credentialFor(credentials)]);
		await n8n.importWorkflows(runs.map((r) => r.workflow));
		const rows: ThrottledRow[] = [];
		for (const run of runs) {
			await sandbox.admin('POST', 'reset');
			// a fresh window: none of the previous run's requests count against this one
			await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
			await executeOrThrow(n8n, run.workflow);
			const row = rateFromLog(run.approach, await sandbox.admin('GET', 'log'), WINDOW_SECONDS);
			rows.push(row);
			log(`${row.approach}: ${Math.round(row.recordsPerMinute)} records/min, ${row.requests} requests, ${row.throttled} x 429`);
		}
		return rows;
	} finally {
		await sandbox.stop();
	}
}

async function unthrottled(n8n: N8nInstance): Promise<UnthrottledRow[]> {
	const sandbox = await SandboxProcess.start({ seed: UNTHROTTLED_ITEMS, requestsPerMinute: 0, windowSeconds: 60 });
	try {
		const credentials = await sandbox.credentials();
		const contactsUrl = `${credentials.host}/agentassist/api/v1/public/${encodeURIComponent(credentials.streamId)}/contacts`;
		await n8n.importCredentials([credentialFor(credentials)]);
		const rows: UnthrottledRow[] = [];
		const add = (client: string, ms: number, inFlight: number) => {
			rows.push({ client, ms, inFlight, recordsPerSecond: (UNTHROTTLED_ITEMS / ms) * 1000 });
			log(`${client}: ${Math.round((UNTHROTTLED_ITEMS / ms) * 1000)} records/s`);
		};
		const nodeRuns = [
			{ inFlight: 2, label: 'this node in n8n, defaults (2 in flight)', options: { requestsPerMinute: 0 } },
			{ inFlight: 1, label: 'this node in n8n, Parallel Requests 1', options: { requestsPerMinute: 0, parallelRequests: 1 } },
			{ inFlight: 4, label: 'this node in n8n, Parallel Requests 4', options: { requestsPerMinute: 0, parallelRequests: 4 } },
		];
		for (const [i, run] of nodeRuns.entries()) {
			const workflow = nodeWorkflow(`BenchNodeOpen00${i}`, UNTHROTTLED_ITEMS, 60, run.options);
			await n8n.importWorkflows([workflow]);
			const task = await executeOrThrow(n8n, workflow);
			if (task.data.main[0].length !== UNTHROTTLED_ITEMS) throw new Error(`${run.label}: not every item succeeded`);
			add(run.label, task.executionTime, run.inFlight);
		}
		const httpNode = packedWorkflow('BenchPackedOpen1', UNTHROTTLED_ITEMS, contactsUrl, 0);
		await n8n.importWorkflows([httpNode]);
		add("n8n's HTTP Request node, same bodies, one at a time", (await executeOrThrow(n8n, httpNode)).executionTime, 1);
		const bodies = bulkBodies(UNTHROTTLED_ITEMS);
		const target = { contactsUrl, ...credentials };
		add('raw undici, one at a time (keep-alive)', await sendRaw(target, bodies, 1), 1);
		add('raw undici, one at a time, new connection each', await sendRaw(target, bodies, 1, true), 1);
		add('raw undici, 2 in flight', await sendRaw(target, bodies, 2), 2);
		add('raw undici, 4 in flight', await sendRaw(target, bodies, 4), 4);
		return rows;
	} finally {
		await sandbox.stop();
	}
}

/** Earlier nodes the separate-process measurement can run beside this checkout, by the name `--versions` takes. */
const EARLIER: Record<string, { commit: string; label: string }> = {
	before: { commit: 'ffb5de1c55853589e1a473d7121cab52809b9b9e', label: 'the version before' },
	unshared: { commit: BASELINE_COMMIT, label: 'before shared pacing' },
	// Branch experiment/look-rarely: executions that started with others look for room every 2.5
	// windows instead of 0.6 until someone joins. Fewer refusals, measured against what it costs.
	'look-rarely': { commit: '11c00efc3076513b7447dfdd8012407a833e6da2', label: 'looking rarely (experiment)' },
};

async function separateProcesses(): Promise<ProcessReport> {
	const shapes = values.shapes ? parseShapes(values.shapes) : PROCESS_SHAPES;
	const repeat = Number(values.repeat);
	if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat takes a whole number of runs, 1 or more; "${values.repeat}" is not one`);
	const builds: BuiltCheckout[] = [];
	const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
	try {
		// A quick run checks this checkout only, unless told otherwise.
		const asked = QUICK && values.versions === 'now,before' ? 'now' : values.versions;
		const versions = asked.split(',').map((name) => {
			if (name === 'now') return { label: 'this version', root: repoRoot, commit: head };
			const { commit, label } = EARLIER[name] ?? { commit: name, label: name.slice(0, 7) };
			const build = buildCommit(commit, log);
			builds.push(build);
			return { label, root: build.root, commit };
		});
		return await benchProcesses(WINDOW_SECONDS, versions, log, { shapes, repeat, countRefused: values['refusals-count'] });
	} finally {
		for (const build of builds) build.remove();
	}
}

async function main() {
	const started = Date.now();
	if (!values['processes-only'] && (values.shapes || values.repeat !== '1' || values['refusals-count']))
		throw new Error('--shapes, --repeat and --refusals-count go with --processes-only: the page measures every shape once, on the sandbox as it is');
	log(`mode: ${QUICK ? 'quick' : 'full'}; Kore's minute scaled to ${WINDOW_SECONDS} s`);
	const build = spawnSync('npm', ['run', 'build:raw', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('the build failed');
	if (values['processes-only']) {
		printProcesses(await separateProcesses());
		return;
	}
	if (values['requests-only']) {
		const requests = await benchRequests(log, QUICK);
		console.log(requestsSection(requests));
		if (!QUICK) {
			writeRequestsSection(requests);
			log('wrote section 7 of docs/BENCHMARKS.md');
		}
		return;
	}
	if (values['pre-call-only']) {
		const rows = await benchPreCall(log);
		console.log(preCallSection(rows));
		writePreCallSection(rows);
		log('wrote section 9 of docs/BENCHMARKS.md');
		return;
	}
	if (values['campaign-only']) {
		const rows = await benchCampaign(log);
		console.log(campaignSection(rows));
		writeCampaignSection(rows);
		log('wrote section 8 of docs/BENCHMARKS.md');
		return;
	}
	if (values['shared-only']) {
		printShared(await benchShared(WINDOW_SECONDS, log));
		return;
	}
	const n8n = N8nInstance.prepare({ version: N8N_V2 });
	let report: BenchReport;
	if (values['sync-only']) {
		try {
			printSync(await benchSync(n8n, QUICK, log));
		} finally {
			await n8n.stop();
		}
		return;
	}
	try {
		const throttled = await underTheLimit(n8n);
		const open = await unthrottled(n8n);
		const sync = await benchSync(n8n, QUICK, log);
		const shared = await benchShared(WINDOW_SECONDS, log);
		const processes = await separateProcesses();
		const costs = (QUICK ? [10_000, 50_000] : [10_000, 100_000]).map((n) => measureNodeCost(n));
		for (const c of costs) log(`node work: ${c.items} items, ${c.cpuMicrosPerItem.toFixed(2)} us/item CPU, ${Math.round(c.heapBytesPerItem)} bytes/item heap`);
		report = {
			quick: QUICK,
			windowSeconds: WINDOW_SECONDS,
			ceiling: 60 * 100,
			throttled,
			unthrottledItems: UNTHROTTLED_ITEMS,
			unthrottled: open,
			costs,
			sync,
			shared,
			processes,
			seconds: (Date.now() - started) / 1000,
			n8nVersion: N8N_V2,
		};
	} finally {
		await n8n.stop();
	}
	console.log(JSON.stringify(report, null, 2));
	console.log('\nUnder the limit (per scaled minute):');
	console.table(report.throttled.map((r) => ({ approach: r.approach, requests: r.requests, '429s': r.throttled, 'records/min': Math.round(r.recordsPerMinute), 'of ceiling': `${((r.recordsPerMinute / report.ceiling) * 100).toFixed(1)}%` })));
	console.log(`Unthrottled, ${report.unthrottledItems} items:`);
	console.table(report.unthrottled.map((r) => ({ client: r.client, 'in flight': r.inFlight, seconds: (r.ms / 1000).toFixed(2), 'records/s': Math.round(r.recordsPerSecond) })));
	printSync(report.sync);
	printShared(report.shared);
	printProcesses(report.processes);
	console.log('Node work per item:');
	console.table(report.costs.map((c) => ({ items: c.items, 'CPU us/item': c.cpuMicrosPerItem.toFixed(2), 'heap bytes/item': Math.round(c.heapBytesPerItem) })));
	const requests = await benchRequests(log, QUICK);
	console.log(requestsSection(requests));
	const campaign = await benchCampaign(log);
	console.log(campaignSection(campaign));
	if (!QUICK) {
		writeBenchmarkDocs(report);
		writeRequestsSection(requests);
		writeCampaignSection(campaign);
		log('wrote docs/BENCHMARKS.md and docs/images/benchmark.svg');
	}
	log(`done in ${report.seconds.toFixed(0)} s`);
}

function printShared(shared: SharedReport) {
	console.log(`Executions on one account, ${shared.recordsEach} records each, minute scaled to ${shared.windowSeconds} s:`);
	console.table(
		shared.rows.map((r) => ({
			node: r.node,
			k: r.k,
			'Retry-After': r.retryAfter ? 'on' : 'off',
			'of ceiling': `${(r.shareOfCeiling * 100).toFixed(1)}%`,
			'429s': `${r.throttled}/${r.requests} (${((r.throttled / r.requests) * 100).toFixed(1)}%)`,
			'fastest-slowest min': `${r.fastestMinutes.toFixed(2)}-${r.slowestMinutes.toFixed(2)}`,
			lost: r.lost,
			duplicated: r.duplicated,
			failed: r.failed,
		})),
	);
}

function printProcesses(report: ProcessReport) {
	const reading = report.countRefused ? ', refused requests counting in the window' : '';
	console.log(`Separate n8n processes on one account, ${report.recordsEach} records each, minute scaled to ${report.windowSeconds} s, no Retry-After${reading}:`);
	console.table(
		report.rows.map((r) => ({
			node: r.version,
			run: r.round,
			k: r.k,
			started: startedLabel(r),
			'of ceiling': `${(r.shareOfCeiling * 100).toFixed(1)}%`,
			refused: `${r.throttled}/${r.requests} (${((r.throttled / r.requests) * 100).toFixed(1)}%)`,
			joining: r.refusedJoining,
			seconds: r.seconds.toFixed(1),
			executions: r.executionSeconds.map((s) => s.toFixed(1)).join(' / '),
			lost: r.lost,
			duplicated: r.duplicated,
			failed: r.failed,
		})),
	);
}

function printSync(sync: SyncReport) {
	console.log(`Sync: ${sync.rows} rows against ${sync.contacts} contacts, ${sync.changed} changed, ${sync.created} new; formula ${sync.formulaRequests} requests`);
	console.table(sync.approaches.map((a) => ({ approach: a.approach, requests: a.requests, 'records written': a.recordsWritten, 'minutes at 60/min': a.minutesAtLimit.toFixed(1) })));
	console.table(
		sync.work.map((w) => ({ rows: w.rows, contacts: w.contacts, 'us/row in all': w.microsPerRow.toFixed(2), 'index us/contact': w.indexMicrosPerContact.toFixed(2), 'matching us/row': w.matchMicrosPerRow.toFixed(2) })),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
