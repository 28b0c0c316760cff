// The Pre-Call Trigger example in `npm start`: created anew through n8n's public API, activated, and
// asked by the sandbox's pre-call caller about three contacts, as a campaign asks before each dial.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { askBeforeDialling } from '../../sandbox';
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
	const marker = join(n8n.userFolder, '.pre-call-example-id');
	if (existsSync(marker)) {
		await api('DELETE', `/workflows/${readFileSync(marker, 'utf8').trim()}`).catch(() => undefined);
		rmSync(marker, { force: true });
	}
	const { id } = await api('POST', '/workflows', { name: preCallExample.name, nodes: preCallExample.nodes, connections: preCallExample.connections, settings: preCallExample.settings });
	writeFileSync(marker, String(id));
	await api('POST', `/workflows/${id}/activate`);
	const url = `${n8n.url}/webhook/${preCallExample.nodes[0].parameters.path}`;
	const headers = { [preCallCredential.data.headerName]: preCallCredential.data.secret };
	const records = await askBeforeDialling({ url, headers, campaign: { name: 'Renewals calls', id: 'c-renewals' }, contacts: CONTACTS, timeoutMs: 15_000 });
	const lines = records.map((r) => {
		const plan = (r.body as { plan?: unknown } | undefined)?.plan;
		return `  ${r.phoneNumber}: ${r.handle}${r.reason ? ` (${r.reason})` : ''}${plan !== undefined ? `, plan ${String(plan)} for the bot` : ''} in ${r.ms.toFixed(0)} ms`;
	});
	const ok = records.map((r) => r.handle).join() === 'SKIP,CALL,CALL' && records.every((r) => r.counted === 'answer');
	return { ok, id, text: [`"${preCallExample.name}": Kore.ai's pre-call requests for three contacts (header secret sent), answered:`, ` URL ${url}`, ...lines].join('\n') };
}
