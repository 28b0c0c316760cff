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
const RECORDS_EACH = 10_000;
const BATCH = 100;
const LIMIT = 60;

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
function builtNode(root: string): INodeType {
	const built = join(root, 'dist', 'nodes', 'KoreAiContacts', 'KoreAiContacts.node.js');
	if (!existsSync(built)) throw new Error(`${built} is missing: the build did not run`);
	const { KoreAiContacts } = createRequire(join(repoRoot, 'package.json'))(built) as { KoreAiContacts: new () => INodeType };
	return new KoreAiContacts();
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
	const entries = ((await sandbox.admin('GET', 'log')) as Array<{ at: string; status: number; applied: boolean; recordCount?: number; path: string }>).filter((e) =>
		e.path.endsWith('/bulk-update'),
	);
	const accepted = entries.filter((e) => e.status !== 429);
	const times = accepted.map((e) => Date.parse(e.at));
	const records = accepted.reduce((sum, e) => sum + (e.recordCount ?? 0), 0);
	// n requests at an even pace take n intervals of a 60th of the window
	const minutes = (Math.max(...times) - Math.min(...times) + (windowSeconds * 1000) / LIMIT) / (windowSeconds * 1000);
	const success = results.reduce((sum, r) => sum + r.success.length, 0);
	const failed = results.reduce((sum, r) => sum + r.failed.length, 0);
	const applied = entries.filter((e) => e.applied).reduce((sum, e) => sum + (e.recordCount ?? 0), 0);
	const durations = results.map((r) => r.durationMs / (windowSeconds * 1000));
	return {
		requests: entries.length,
		throttled: entries.filter((e) => e.status === 429).length,
		shareOfCeiling: records / minutes / (LIMIT * BATCH),
		fastestMinutes: Math.min(...durations),
		slowestMinutes: Math.max(...durations),
		lost: k * RECORDS_EACH - success - failed,
		duplicated: Math.max(0, applied - success),
		failed,
	};
}

export async function benchShared(windowSeconds: number, log: (m: string) => void): Promise<SharedReport> {
	const current = builtNode(repoRoot);
	const baselineBuild = buildCommit(BASELINE_COMMIT, log);
	const baseline = { node: builtNode(baselineBuild.root), remove: baselineBuild.remove };
	const sandbox = await SandboxProcess.start({ seed: 4 * RECORDS_EACH, requestsPerMinute: LIMIT, windowSeconds, maxRecords: BATCH });
	const rows: SharedRow[] = [];
	try {
		for (const retryAfter of [false, true]) {
			for (const k of [1, 2, 4]) {
				for (const [node, nodeType] of [['before', baseline.node], ['now', current]] as const) {
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
