// The Pre-Call Trigger example in `npm start`: created anew through n8n's public API, activated, and
// asked by the sandbox's pre-call caller about three contacts, as a campaign asks before each dial.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { askBeforeDialling, waitForWebhook } from '../../sandbox';
import type { N8nInstance } from './n8nInstance';
import { repoRoot } from './paths';
import type { PublicApi } from './triggerDemo';

export const preCallExample = JSON.parse(readFileSync(join(repoRoot, 'examples', 'pre-call-dnc-check.json'), 'utf8'));
const [, preCallCredential] = JSON.parse(readFileSync(join(repoRoot, 'examples', 'sandbox-credential.json'), 'utf8'));

/** Three contacts of the example's CRM stand-in: one opted out, one with a plan, one it does not know. */
const CONTACTS = [
	{ dialingId: 'D-000001', contactData: { firstName: 'Ravi', phoneNumber: '+91 98450 11112' } },
	{ dialingId: 'D-000002', contactData: { firstName: 'Asha', phoneNumber: '+919845011111' } },
	{ dialingId: 'D-000003', contactData: { firstName: 'New', phoneNumber: '+919845099999' } },
];

export async function showPreCallExample(n8n: N8nInstance, api: PublicApi): Promise<{ ok: boolean; text: string; id?: string }> {
	// The last start's copy stays active (to try the URL); it holds the path: deactivated (n8n refuses
	// to delete an active workflow) and deleted first, with any other copy of the same name.
	const marker = join(n8n.userFolder, '.pre-call-example-id');
	const { data: sameName } = await api('GET', `/workflows?name=${encodeURIComponent(preCallExample.name)}`);
	const earlier = new Set<string>([...(sameName as Array<{ id: string }>).map((w) => w.id), ...(existsSync(marker) ? [readFileSync(marker, 'utf8').trim()] : [])]);
	for (const old of earlier) {
		await api('POST', `/workflows/${old}/deactivate`).catch(() => undefined);
		await api('DELETE', `/workflows/${old}`).catch(() => undefined);
	}
	rmSync(marker, { force: true });
	const { id } = await api('POST', '/workflows', { name: preCallExample.name, nodes: preCallExample.nodes, connections: preCallExample.connections, settings: preCallExample.settings });
	writeFileSync(marker, String(id));
	await api('POST', `/workflows/${id}/activate`);
	const url = `${n8n.url}/webhook/${preCallExample.nodes[0].parameters.path}`;
	const headers = { [preCallCredential.data.headerName]: preCallCredential.data.secret };
	// Still 404 after 30 s: the requests below show it, as Kore.ai would count it.
	await waitForWebhook(url, { timeoutMs: 30_000, intervalMs: 250 }).catch(() => undefined);
	const records = await askBeforeDialling({ url, headers, campaign: { name: 'Renewals calls', id: 'c-renewals' }, contacts: CONTACTS, timeoutMs: 15_000 });
	const lines = records.map((r) => {
		const plan = (r.body as { plan?: unknown } | undefined)?.plan;
		// What Kore.ai would count as SKIP without a real answer (a 401, a 404...) is shown as n8n sent it.
		if (r.counted !== 'answer') return `  ${r.phoneNumber}: ${r.handle} as Kore.ai counts it: n8n answered ${r.counted} (${r.status ?? 'no status'}) ${JSON.stringify(r.body ?? '').slice(0, 200)}`;
		return `  ${r.phoneNumber}: ${r.handle}${r.reason ? ` (${r.reason})` : ''}${plan !== undefined ? `, plan ${String(plan)} for the bot` : ''} in ${r.ms.toFixed(0)} ms`;
	});
	const ok = records.map((r) => r.handle).join() === 'SKIP,CALL,CALL' && records.every((r) => r.counted === 'answer');
	return { ok, id, text: [`"${preCallExample.name}": Kore.ai's pre-call requests for three contacts (header secret sent), answered:`, ` URL ${url}`, ...lines].join('\n') };
}
