// Section 7 of docs/BENCHMARKS.md: what each operation costs in requests, this version against the
// version before it (commit BEFORE_OPERATIONS, before Update and Delete went in batches and Get Many
// ran per item). n8n's engine in process against the sandbox (no rate limit: requests are counted,
// not timed); the sandbox counts every request.

import type { IDataObject, INodeType } from 'n8n-workflow';

import { demoContact, startSandbox, type KoreSandbox } from '../../sandbox';
import { runNode } from '../../test/support/engine';
import { contactItem } from '../../test/support/scenario';
import { buildCommit } from './baselineBuild';
import { replaceSection } from './benchReport';
import { builtNode } from './benchShared';
import { repoRoot } from './paths';

/** The last commit before issue 26's operations. */
export const BEFORE_OPERATIONS = '33f3508';

export interface RequestRow {
	operation: string;
	before: { requests: number; note: string };
	now: { requests: number; note: string };
}

export interface RequestsReport {
	accountContacts: number;
	rows: RequestRow[];
}

const AUTO = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['id'], schema: [] };

async function counted(sandbox: KoreSandbox, nodeType: INodeType, typeVersion: number, items: IDataObject[], parameters: Record<string, unknown>) {
	sandbox.reset();
	const result = await runNode({ credentials: { ...sandbox.credentials() }, nodeType, typeVersion, items, parameters: { rateLimitWindowSeconds: 1, ...parameters } });
	return { requests: sandbox.log().length, success: result.success.length, failed: result.failed.length, error: result.error?.message };
}

export async function benchRequests(log: (m: string) => void, quick = false): Promise<RequestsReport> {
	const accountContacts = quick ? 10_000 : 50_000;
	const rowsLookedUp = accountContacts / 10;
	const sample = quick ? 10 : 20;
	const baseline = buildCommit(BEFORE_OPERATIONS, log);
	const before = builtNode(baseline.root);
	const now = builtNode(repoRoot);
	const sandbox = await startSandbox({ seedCount: accountContacts, rateLimit: { requestsPerWindow: 0 } });
	sandbox.logBodies = false;
	const rows: RequestRow[] = [];
	const note = (r: { success: number; failed: number; error?: string }) => (r.error ? `stopped: ${r.error}` : `${r.success} on Success, ${r.failed} on Failed`);
	try {
		const six = Array.from({ length: 600 }, (_, n) => contactItem(n * 7));
		const update = { operation: 'update', contactId: '={{ $json.id }}', columns: AUTO, options: { batchSize: 100 } };
		for (const [operation, items, parameters] of [
			['Update, 600 items, every field mapped', six, update],
			['Update, 600 items, only Last Name mapped', six.map((item) => ({ id: item.id, lastName: `${item.lastName}-only` })), { ...update, columns: { ...AUTO, mappingMode: 'defineBelow', value: { lastName: '={{ $json.lastName }}' } } }],
			['Delete, 600 items', six.map((item) => ({ id: item.id })), { operation: 'delete', contactId: '={{ $json.id }}', options: { batchSize: 100 } }],
		] as const) {
			const then = await counted(sandbox, before, 1, [...items], parameters);
			const today = await counted(sandbox, now, 1.1, [...items], parameters);
			log(`requests: ${operation}: before ${then.requests} (${note(then)}), now ${today.requests} (${note(today)})`);
			rows.push({ operation, before: { requests: then.requests, note: note(then) }, now: { requests: today.requests, note: note(today) } });
		}

		// Get Many for every row: CRM rows looked up by phone, every tenth contact of the account.
		const wanted = Array.from({ length: rowsLookedUp }, (_, i) => i * 10);
		const phoneRow = (n: number) => ({ phone: `+91 ${demoContact(n).cellPhone.phoneNumber}` });
		const getMany = { operation: 'getAll', filters: { phoneNumber: '={{ $json.phone }}' }, options: { pageSize: 1000 } };
		const today = await counted(sandbox, now, 1.1, wanted.map(phoneRow), getMany);
		// Before, Get Many answered the first row only: one execution per row (a loop) answers them all.
		// Measured on `sample` rows spread over the account, scaled to every row.
		let sampled = 0;
		const step = Math.floor(wanted.length / sample);
		for (let i = 0; i < sample; i++) sampled += (await counted(sandbox, before, 1, [phoneRow(wanted[i * step])], getMany)).requests;
		const scaled = Math.round((sampled / sample) * wanted.length);
		const operation = `Get Many by phone, ${rowsLookedUp.toLocaleString('en-US')} rows, ${accountContacts.toLocaleString('en-US')} contacts, Page Size 1,000`;
		log(`requests: ${operation}: before ${scaled} (one execution per row, ${sample} rows measured: ${sampled}), now ${today.requests} (${note(today)})`);
		rows.push({
			operation,
			before: { requests: scaled, note: `one execution per row (version 1 reads the first row only); ${sample} rows measured, ${sampled} requests, scaled to ${rowsLookedUp.toLocaleString('en-US')}` },
			now: { requests: today.requests, note: `one execution, version 1.1: ${note(today)}` },
		});
		if (today.success !== rowsLookedUp) throw new Error(`Get Many answered ${today.success} rows of ${rowsLookedUp}`);
	} finally {
		await sandbox.stop();
		baseline.remove();
	}
	return { accountContacts, rows };
}

const number = (n: number) => n.toLocaleString('en-US');

export function requestsSection(report: RequestsReport) {
	const table = report.rows.map((r) => `| ${r.operation} | ${number(r.before.requests)} | ${number(r.now.requests)} | ${r.before.note} | ${r.now.note} |`).join('\n');
	return `## 7. Requests per operation, against the version before

Each operation as a non-developer uses it, in n8n's engine (in process) against the sandbox with its
limit off, so requests are counted, not timed; "before" is commit ${BEFORE_OPERATIONS}, built from git in the
same run. Update's 600 items are spread over an account of ${number(report.accountContacts)} contacts; "only Last Name mapped" is
the case where the node reads the list to keep the other fields (it stops once it has found every id).
At Kore.ai's 60 requests a minute, each request is a second. Counts, so the same on any machine
(measured with \`npm run bench -- --requests-only\`, 42 s on a 2-core AMD EPYC, 24 GiB).

| operation | before | now | before: outcome | now: outcome |
|---|---|---|---|---|
${table}
`;
}

/** Puts section 7 into docs/BENCHMARKS.md, in place of the one there (or before "Rerun"). */
export function writeRequestsSection(report: RequestsReport) {
	replaceSection('## 7. Requests per operation', requestsSection(report));
}
