// The sync benchmark (Create or Update): a CRM set of rows against an account of contacts, some
// changed, some new. Three ways in one real n8n, on one sandbox process: this node's Create or
// Update; Bulk Update of every row (new ones through Create); Get Many + a Code node that matches and
// diffs + the HTTP Request node, as a user would build it. Requests and records are counted by the
// sandbox; the time at Kore's real limit (60 a minute) follows from the requests.
import { performance } from 'node:perf_hooks';

import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { StoredContact, UpsertItem } from '../../nodes/KoreAiContacts/helpers/upsertPlan';
import { demoContact, demoContactId } from '../../sandbox';
import type { N8nInstance } from './n8nInstance';
import { repoRoot } from './paths';
import { SandboxProcess } from './sandboxProcess';
import { CREDENTIAL_ID, credentialFor, exampleWorkflow } from './workflows';

export interface SyncRow {
	approach: string;
	requests: number;
	recordsWritten: number;
	minutesAtLimit: number;
}

export interface SyncReport {
	rows: number;
	contacts: number;
	changed: number;
	created: number;
	pageSize: number;
	batchSize: number;
	formulaRequests: number;
	approaches: SyncRow[];
	secondRunRequests: number;
	secondRunWrites: number;
	secondRunPages: number;
	work: Array<{ rows: number; contacts: number; microsPerRow: number; indexMicrosPerContact: number; matchMicrosPerRow: number }>;
}

const credentials = { koreAiApi: { id: CREDENTIAL_ID, name: 'Kore.ai sandbox' } };
const AUTO = (match: string) => ({ mappingMode: 'autoMapInputData', value: {}, matchingColumns: [match], schema: [] });

/** Rows 0..rows-new-1 are demo contacts (every 20th with a new last name), then `created` new people. */
function rowsCode(rows: number, created: number) {
	const first = JSON.stringify([...new Set(Array.from({ length: 12 }, (_, n) => demoContact(n).firstName))]);
	const last = JSON.stringify(Array.from({ length: 12 }, (_, n) => demoContact(n * 12).lastName));
	return `const FIRST = ${first}, LAST = ${last};
const rows = [];
for (let n = 0; n < ${rows - created}; n++) {
  rows.push({ json: { id: '6964af60' + n.toString(16).padStart(16, '0'), firstName: FIRST[n % 12], lastName: n % 20 === 0 ? 'changed' : LAST[Math.floor(n / 12) % 12],
    salutation: n % 2 === 0 ? 'mr' : 'ms', phoneNumber: '9' + String(n).padStart(9, '0'), countryCode: '91', extension: '+' } });
}
for (let k = 0; k < ${created}; k++) {
  rows.push({ json: { firstName: 'new' + k, lastName: 'person', salutation: 'mr', phoneNumber: '8' + String(k).padStart(9, '0'), countryCode: '+91', extension: '+' } });
}
return rows;`;
}

function workflow(id: string, nodes: any[], links: Array<[string, string]>) {
	const connections: Record<string, any> = {};
	for (const [from, to] of links) (connections[from] ??= { main: [[]] }).main[0].push({ node: to, type: 'main', index: 0 });
	return { id, name: `Bench sync ${id}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}

const at = (x: number, y = 0): [number, number] => [x, y];
const code = (name: string, jsCode: string, x: number, y = 0) => ({ id: `bs-${name}`, name, type: 'n8n-nodes-base.code', typeVersion: 2, position: at(x, y), parameters: { jsCode } });
const kore = (name: string, parameters: object, x: number, y = 0) => ({
	id: `bs-${name}`,
	name,
	type: 'n8n-nodes-kore-ai.koreAiContacts',
	typeVersion: 1,
	position: at(x, y),
	parameters: { rateLimitWindowSeconds: 60, ...parameters },
	credentials,
});

function workflows(rows: number, created: number, pageSize: number, batchSize: number, contactsUrl: string) {
	const trigger = exampleWorkflow.nodes[0];
	const options = { requestsPerMinute: 0, batchSize, pageSize };
	const upsert = workflow('BenchSyncUpsert1', [trigger, code('Rows', rowsCode(rows, created), 220), kore('Sync', { operation: 'upsert', columns: AUTO('phoneNumber'), options }, 440)], [
		[trigger.name, 'Rows'],
		['Rows', 'Sync'],
	]);
	const everything = workflow(
		'BenchSyncBulk001',
		[
			trigger,
			code('Rows', rowsCode(rows, created), 220),
			code('Known', 'return $input.all().filter((i) => i.json.id);', 440, 0),
			code('New', 'return $input.all().filter((i) => !i.json.id);', 440, 200),
			kore('Bulk Update', { operation: 'bulkUpdate', columns: AUTO('id'), options: { requestsPerMinute: 0, batchSize } }, 660, 0),
			kore('Create', { operation: 'create', columns: AUTO('phoneNumber'), options: { requestsPerMinute: 0, batchSize } }, 660, 200),
		],
		[
			[trigger.name, 'Rows'],
			['Rows', 'Known'],
			['Rows', 'New'],
			['Known', 'Bulk Update'],
			['New', 'Create'],
		],
	);
	// What a user builds without Create or Update: read all, match and diff in code, one request per change.
	const diff = `const contacts = $('Get Many').all().map((i) => i.json);
const byPhone = new Map(contacts.map((c) => [c.countryCode + c.phoneNumber, c]));
const out = [];
for (const { json: row } of $('Rows').all()) {
  const phone = '+' + String(row.countryCode).replace('+', '') + String(row.phoneNumber).replace(/\\D/g, '');
  const body = { firstName: row.firstName, lastName: row.lastName, salutation: row.salutation, cellPhone: { phoneNumber: String(row.phoneNumber), countryCode: '+' + String(row.countryCode).replace('+', ''), extension: row.extension } };
  const found = byPhone.get(phone);
  if (!found) out.push({ json: { method: 'POST', url: '${contactsUrl}', body: [body] } });
  else if (found.firstName !== row.firstName || found.lastName !== row.lastName || found.salutation !== row.salutation) out.push({ json: { method: 'PUT', url: '${contactsUrl}/' + found.id, body } });
}
return out;`;
	const manual = workflow(
		'BenchSyncManual1',
		[
			trigger,
			code('Rows', rowsCode(rows, created), 220),
			kore('Get Many', { operation: 'getAll', returnAll: true, options: { requestsPerMinute: 0, pageSize, outputFormat: 'flat' } }, 440),
			code('Match and diff', diff, 660),
			{
				id: 'bs-http',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: at(880),
				parameters: {
					method: '={{ $json.method }}',
					url: '={{ $json.url }}',
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'koreAiApi',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json.body) }}',
					options: { response: { response: { neverError: true } } },
				},
				credentials,
			},
		],
		[
			[trigger.name, 'Rows'],
			['Rows', 'Get Many'],
			['Get Many', 'Match and diff'],
			['Match and diff', 'HTTP Request'],
		],
	);
	return { upsert, everything, manual };
}

/** The node's own work for a sync: matching and diffing (the plan), in process, per row, as built into dist/. */
function measurePlan(rows: number, contacts: number) {
	const { indexContacts, planUpsert } = createRequire(__filename)(join(repoRoot, 'dist', 'nodes', 'KoreAiContacts', 'helpers', 'upsertPlan.js')) as typeof import('../../nodes/KoreAiContacts/helpers/upsertPlan');
	const stored: StoredContact[] = Array.from({ length: contacts }, (_, n) => ({
		_id: demoContactId(n),
		...demoContact(n),
		status: 'ACTIVE',
		cellPhone: { ...demoContact(n).cellPhone, phoneNumber: `+91${demoContact(n).cellPhone.phoneNumber}` },
	}));
	const items: UpsertItem[] = Array.from({ length: rows }, (_, n) => ({
		itemIndex: n,
		mapsFullName: false,
		record: { ...demoContact(n), fullName: '', lastName: n % 20 === 0 ? 'changed' : demoContact(n).lastName, cellPhone: { ...demoContact(n).cellPhone } },
	}));
	const bestOf = (work: () => unknown) => {
		let best = Infinity;
		for (let repeat = 0; repeat < 5; repeat++) {
			const started = performance.now();
			work();
			best = Math.min(best, performance.now() - started);
		}
		return best * 1000;
	};
	const total = bestOf(() => planUpsert(items, stored, { matchOn: 'phoneNumber', preferId: false, skipUnchanged: true }));
	// The account's index is built once per run, whatever the number of rows; matching is per row.
	const index = bestOf(() => indexContacts(stored, false));
	return { rows, contacts, microsPerRow: total / rows, indexMicrosPerContact: index / contacts, matchMicrosPerRow: (total - index) / rows };
}

function writesIn(log: any[]) {
	const writes = log.filter((e) => e.method !== 'GET' && e.path.includes('/contacts') && e.status === 200);
	return writes.reduce((n, e) => n + (e.recordCount ?? 1), 0);
}

export async function benchSync(n8n: N8nInstance, quick: boolean, log: (message: string) => void): Promise<SyncReport> {
	const contacts = quick ? 10_000 : 50_000;
	const rows = quick ? 2_000 : 10_000;
	const created = rows / 100;
	const changed = Math.ceil((rows - created) / 20);
	const pageSize = 1000;
	const batchSize = 100;
	const sandbox = await SandboxProcess.start({ seed: contacts, requestsPerMinute: 0, windowSeconds: 60 });
	try {
		const sandboxCredentials = await sandbox.credentials();
		const contactsUrl = `${sandboxCredentials.host}/agentassist/api/v1/public/${encodeURIComponent(sandboxCredentials.streamId)}/contacts`;
		const flows = workflows(rows, created, pageSize, batchSize, contactsUrl);
		await n8n.importCredentials([credentialFor(sandboxCredentials)]);
		await n8n.importWorkflows(Object.values(flows));
		const approaches: SyncRow[] = [];
		const measure = async (approach: string, flow: { id: string; name: string }, reset = true) => {
			if (reset) await sandbox.admin('POST', 'reset');
			else await sandbox.admin('DELETE', 'log');
			const run = await n8n.execute(flow.id);
			if (run.code !== 0 && run.execution?.status !== 'success') throw new Error(`${flow.name} failed (exit ${run.code}):\n${run.output.slice(-3000)}`);
			const entries = (await sandbox.admin('GET', 'log')).filter((e: any) => e.path.includes('/contacts'));
			const row = { approach, requests: entries.length, recordsWritten: writesIn(entries), minutesAtLimit: entries.length / 60 };
			log(`sync, ${approach}: ${row.requests} requests, ${row.recordsWritten} records written`);
			return { row, entries };
		};
		const first = await measure('Kore.ai Contacts, Create or Update', flows.upsert);
		approaches.push(first.row);
		const second = await measure('the same sync again', flows.upsert, false);
		approaches.push((await measure('Bulk Update of every row (new ones through Create)', flows.everything)).row);
		approaches.push((await measure('Get Many + Code (match, diff) + HTTP Request per change', flows.manual)).row);
		const work = (quick ? [[10_000, 50_000], [50_000, 50_000]] : [[10_000, 100_000], [100_000, 100_000]]).map(([r, c]) => measurePlan(r, c));
		for (const w of work) {
			log(`sync, node work: ${w.rows} rows against ${w.contacts} contacts, ${w.microsPerRow.toFixed(2)} us/row in all, index ${w.indexMicrosPerContact.toFixed(2)} us/contact, matching ${w.matchMicrosPerRow.toFixed(2)} us/row`);
		}
		return {
			rows,
			contacts,
			changed,
			created,
			pageSize,
			batchSize,
			formulaRequests: Math.ceil(contacts / pageSize) + Math.ceil(changed / batchSize) + Math.ceil(created / batchSize),
			approaches,
			secondRunRequests: second.row.requests,
			secondRunWrites: second.row.recordsWritten,
			secondRunPages: second.entries.filter((e: any) => e.method === 'GET').length,
			work,
		};
	} finally {
		await sandbox.stop();
	}
}
