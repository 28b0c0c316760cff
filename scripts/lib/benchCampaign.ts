// Section 8 of docs/BENCHMARKS.md: Add Contacts for 10,000 numbers, confirmation included, against
// the HTTP Request set-ups a user would build instead. Kore's minute is scaled down (the limit stays
// 60 requests per window) and the sandbox adds queued contacts a twelfth of a window after each
// request (Kore does not say how long it takes); times are given in Kore minutes, so they hold for
// the real minute. The node runs in n8n's engine in process; the HTTP Request set-ups are sent by a
// plain client at the pace that keeps under the limit (one request per 1/60 window), as n8n's
// HTTP Request node with Batching (1 item per interval) sends them.
import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { Agent, request } from 'undici';

import { startSandbox, type KoreSandbox } from '../../sandbox';
import { runNode } from '../../test/support/engine';
import { replaceSection } from './benchReport';
import { builtNode } from './benchShared';
import { repoRoot } from './paths';

const NUMBERS = 10_000;
const WINDOW_MS = 500;

export interface CampaignRow {
	setUp: string;
	requests: number;
	koreMinutes: number;
	told: string;
}

const phone = (n: number) => `9197${String(10_000_000 + n)}`;

/** One POST per body at the pace that stays under 60 per window, signed as the credential signs. */
async function sendPaced(sandbox: KoreSandbox, bodies: unknown[]) {
	const { accountId, clientId, clientSecret, streamId } = sandbox.credentials();
	const dispatcher = new Agent({ connections: 2 });
	const gap = WINDOW_MS / 60;
	const started = performance.now();
	let refused = 0;
	for (let i = 0; i < bodies.length; i++) {
		const due = started + i * gap;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		const token = jwt.sign({ appId: clientId, sub: clientId, jti: randomUUID() }, clientSecret, { algorithm: 'HS256', expiresIn: 300 });
		const response = await request(`${sandbox.url}/api/1.1/public/${streamId}/campaign/contactList/addContacts?accountId=${accountId}`, {
			method: 'POST',
			dispatcher,
			headers: { 'content-type': 'application/json', auth: token, accountId, iid: streamId },
			body: JSON.stringify(bodies[i]),
		});
		await response.body.text();
		if (response.statusCode !== 200) refused++;
	}
	await dispatcher.close();
	return { ms: performance.now() - started, refused };
}

export async function benchCampaign(log: (m: string) => void): Promise<CampaignRow[]> {
	const now = builtNode(repoRoot);
	const sandbox = await startSandbox({ rateLimit: { requestsPerWindow: 60, windowMs: WINDOW_MS, sendRetryAfter: true } });
	sandbox.logBodies = false;
	const rows: CampaignRow[] = [];
	const minutes = (ms: number) => Math.round((ms / WINDOW_MS) * 10) / 10;
	try {
		sandbox.campaigns.addDelayMs = WINDOW_MS / 12;
		sandbox.campaigns.createList({ name: 'Bench', description: 'bench' }, 'passiveApi');
		const items = Array.from({ length: NUMBERS }, (_, n) => ({ phoneNumber: `+${phone(n)}` }));
		const started = performance.now();
		const result = await runNode({
			credentials: { ...sandbox.credentials() },
			nodeType: now,
			typeVersion: 1.1,
			items,
			parameters: {
				resource: 'contactList',
				operation: 'addContacts',
				rateLimitWindowSeconds: WINDOW_MS / 1000,
				contactList: { __rl: true, mode: 'name', value: 'Bench' },
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
		});
		const ms = performance.now() - started;
		const adds = sandbox.log().filter((r) => r.path.endsWith('/addContacts')).length;
		const reads = sandbox.log().filter((r) => r.path.endsWith('/getAllContacts')).length;
		log(`campaign: Add Contacts ${result.success.length} on Success, ${result.failed.length} on Failed, ${sandbox.log().length} requests (${adds} adds, ${reads} list pages), ${minutes(ms)} Kore minutes`);
		if (result.success.length !== NUMBERS) throw new Error(`Add Contacts confirmed ${result.success.length} of ${NUMBERS}`);
		rows.push({
			setUp: 'Kore.ai node, Add Contacts, Wait Until Added (Batch Size 1,000, the default)',
			requests: sandbox.log().length,
			koreMinutes: minutes(ms),
			told: `every number: ${result.success.length.toLocaleString('en-US')} on Success as added, each found on the list (${adds} adds, ${reads} pages of the list read, 1 to find the list)`,
		});

		for (const [setUp, batch] of [
			['HTTP Request node, one request per item (its default), Batching 1 item per second', 1],
			['HTTP Request node after Loop Over Items of 1,000 and Aggregate', 1000],
		] as const) {
			sandbox.reset();
			sandbox.campaigns.createList({ name: 'Bench', description: 'bench' }, 'passiveApi');
			const bodies = [];
			for (let n = 0; n < NUMBERS; n += batch) bodies.push({ contact_list_name: 'Bench', data: items.slice(n, n + batch).map((item) => ({ phoneNumber: item.phoneNumber.slice(1) })) });
			const sent = await sendPaced(sandbox, bodies);
			log(`campaign: ${setUp}: ${bodies.length} requests (${sent.refused} refused), ${minutes(sent.ms)} Kore minutes`);
			const refused = sent.refused === 0 ? '' : `; ${sent.refused} refused with 429 at the window's edge, their numbers never sent unless Retry On Fail is set`;
			const answered = bodies.length - sent.refused;
			rows.push({ setUp, requests: bodies.length, koreMinutes: minutes(sent.ms), told: `"in progress" ${answered.toLocaleString('en-US')} times: no number's fate, no check that any reached the list${refused}` });
		}
	} finally {
		await sandbox.stop();
	}
	return rows;
}

export function campaignSection(rows: CampaignRow[]) {
	const table = rows.map((r) => `| ${r.setUp} | ${r.requests.toLocaleString('en-US')} | ${r.koreMinutes} | ${r.told} |`).join('\n');
	return `## 8. Add Contacts: 10,000 numbers into a campaign list

10,000 numbers into an empty campaign contact list, against the sandbox at Kore.ai's 60 requests a
minute (its minute scaled to ${WINDOW_MS} ms; the sandbox adds queued numbers ${Math.round(WINDOW_MS / 12)} ms, a twelfth of
a minute, after each request, since Kore.ai does not say how long it takes). The node in n8n's engine,
confirmation included; the HTTP Request set-ups a user would build instead, sent by a plain client at
the pace that stays under the limit. Time in Kore minutes (wall time / scaled minute). Measured with
\`npm run bench -- --campaign-only\` on a 2-core AMD EPYC, 24 GiB.

| set-up | requests | Kore minutes | what the workflow knows afterwards |
|---|---|---|---|
${table}
`;
}

/** Puts section 8 into docs/BENCHMARKS.md, in place of the one there (or before "Rerun"). */
export function writeCampaignSection(rows: CampaignRow[]) {
	replaceSection('## 8. Add Contacts', campaignSection(rows));
}
