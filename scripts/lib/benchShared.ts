// Several executions on one Kore account: k = 1, 2 and 4 executions at once, 10,000 records each
// (100 requests of 100), in n8n's engine in this process, against one account limit of a sandbox in
// its own process, with and without Retry-After on its refusals. The node of this checkout beside
// the node before executions shared the account (built from git), measured the same way in one run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { runNode, type RunResult } from '../../test/support/engine';
import { contactItem } from '../../test/support/scenario';
import { buildCommit } from './baselineBuild';
import { repoRoot } from './paths';
import { SandboxProcess } from './sandboxProcess';

/** The last commit before shared pacing: each execution paced itself at the full limit. */
export const BASELINE_COMMIT = 'f74355ab649f24eb4054984fa19f6bf0b72da80e';
export const RECORDS_EACH = 10_000;
export const BATCH = 100;
export const LIMIT = 60;

export interface SharedRow {
	node: 'before' | 'now';
	k: number;
	retryAfter: boolean;
	requests: number;
	throttled: number;
	/** Records per scaled minute of all executions together, over the account's ceiling (60 x 100). */
	shareOfCeiling: number;
	fastestMinutes: number;
	slowestMinutes: number;
	/** Items on neither output. */
	lost: number;
	/** Records Kore applied more often than items succeeded. */
	duplicated: number;
	failed: number;
}

export interface SharedReport {
	windowSeconds: number;
	recordsEach: number;
	baselineCommit: string;
	rows: SharedRow[];
}

/** The node as built in a checkout's dist folder (the same form n8n loads, for both nodes measured). */
export function builtNode(root: string): INodeType {
	const built = join(root, 'dist', 'nodes', 'KoreAiContacts', 'KoreAiContacts.node.js');
	if (!existsSync(built)) throw new Error(`${built} is missing: the build did not run`);
	const { KoreAiContacts } = createRequire(join(repoRoot, 'package.json'))(built) as { KoreAiContacts: new () => INodeType };
	return new KoreAiContacts();
}

/** A bulk update as the sandbox logged it. */
export interface BulkEntry {
	at: string;
	status: number;
	applied: boolean;
	recordCount?: number;
	firstId?: string;
	path: string;
}

/** The sandbox's log of bulk updates since its last reset. */
export async function bulkUpdates(sandbox: SandboxProcess): Promise<BulkEntry[]> {
	return ((await sandbox.admin('GET', 'log')) as BulkEntry[]).filter((e) => e.path.endsWith('/bulk-update'));
}

/**
 * What the account saw of executions that had `expected` records to update and reported `success`
 * and `failed` items: requests, refusals, the records accepted from the first accepted request to
 * the last over what the limit allows in that time, and the records lost or applied more often
 * than items succeeded.
 */
export function accountFigures(entries: BulkEntry[], windowSeconds: number, expected: number, success: number, failed: number) {
	const accepted = entries.filter((e) => e.status !== 429);
	const times = accepted.map((e) => Date.parse(e.at));
	const records = accepted.reduce((sum, e) => sum + (e.recordCount ?? 0), 0);
	const span = Math.max(...times) - Math.min(...times);
	const windowMs = windowSeconds * 1000;
	// n requests at the limit's even pace take n sixtieths of the window
	const windows = (span + windowMs / LIMIT) / windowMs;
	const applied = entries.filter((e) => e.applied).reduce((sum, e) => sum + (e.recordCount ?? 0), 0);
	return {
		requests: entries.length,
		throttled: entries.filter((e) => e.status === 429).length,
		shareOfCeiling: records / windows / (LIMIT * BATCH),
		seconds: span / 1000,
		lost: expected - success - failed,
		duplicated: Math.max(0, applied - success),
		failed,
	};
}

async function executionsAtOnce(sandbox: SandboxProcess, nodeType: INodeType, k: number, retryAfter: boolean, windowSeconds: number) {
	await sandbox.admin('POST', 'reset');
	await sandbox.admin('PATCH', 'config', { rateLimit: { requestsPerWindow: LIMIT, windowMs: windowSeconds * 1000, sendRetryAfter: retryAfter } });
	const credentials = await sandbox.credentials();
	const parameters = { rateLimitWindowSeconds: windowSeconds, options: { batchSize: BATCH } };
	const results: RunResult[] = await Promise.all(
		Array.from({ length: k }, (_, e) =>
			runNode({
				credentials,
				nodeType,
				parameters,
				items: Array.from({ length: RECORDS_EACH }, (_, i) => contactItem(e * RECORDS_EACH + i)),
			}),
		),
	);
	const success = results.reduce((sum, r) => sum + r.success.length, 0);
	const failed = results.reduce((sum, r) => sum + r.failed.length, 0);
	const durations = results.map((r) => r.durationMs / (windowSeconds * 1000));
	const { seconds: _span, ...figures } = accountFigures(await bulkUpdates(sandbox), windowSeconds, k * RECORDS_EACH, success, failed);
	return { ...figures, fastestMinutes: Math.min(...durations), slowestMinutes: Math.max(...durations) };
}

export async function benchShared(windowSeconds: number, log: (m: string) => void): Promise<SharedReport> {
	const current = builtNode(repoRoot);
	const baseline = buildCommit(BASELINE_COMMIT, log);
	const before = builtNode(baseline.root);
	const sandbox = await SandboxProcess.start({ seed: 4 * RECORDS_EACH, requestsPerMinute: LIMIT, windowSeconds, maxRecords: BATCH });
	const rows: SharedRow[] = [];
	try {
		for (const retryAfter of [false, true]) {
			for (const k of [1, 2, 4]) {
				for (const [node, nodeType] of [['before', before], ['now', current]] as const) {
					const row = { node, k, retryAfter, ...(await executionsAtOnce(sandbox, nodeType, k, retryAfter, windowSeconds)) };
					log(
						`shared account: ${node}, k=${k}, Retry-After ${retryAfter ? 'on' : 'off'}: ${(row.shareOfCeiling * 100).toFixed(1)}% of the ceiling, ` +
							`${row.throttled}/${row.requests} throttled, ${row.fastestMinutes.toFixed(2)}-${row.slowestMinutes.toFixed(2)} min, lost ${row.lost}, duplicated ${row.duplicated}, failed ${row.failed}`,
					);
					rows.push(row);
				}
			}
		}
	} finally {
		await sandbox.stop();
		baseline.remove();
	}
	return { windowSeconds, recordsEach: RECORDS_EACH, baselineCommit: BASELINE_COMMIT, rows };
}
