// The Kore.ai Contacts Trigger example in `npm start`, on the n8n that `npm start` runs (no second
// start): the example created anew through n8n's public API for every run (the sandbox is new too,
// so the trigger's stored state must start empty), activated (n8n polls at once: the baseline), a
// contact changed in the sandbox, and the workflow activated again (n8n polls at once, with the state
// it stored, as after a restart): what reached the CRM stand-ins is shown.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { demoContact, demoContactId, type KoreSandbox } from '../../sandbox';
import type { N8nInstance } from './n8nInstance';
import { repoRoot } from './paths';

export const triggerExample = JSON.parse(readFileSync(join(repoRoot, 'examples', 'kore-to-crm.json'), 'utf8'));
const CRM_NODES = ['Create in CRM', 'Update in CRM', 'Delete in CRM', 'Deletions it could not name'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** n8n's public API with a key of the logged-in owner. */
export async function publicApi(n8n: N8nInstance) {
	const scopes = ['execution:read', 'execution:list', 'workflow:create', 'workflow:delete', 'workflow:read', 'workflow:activate', 'workflow:deactivate'];
	const key = await n8n.rest('POST', '/rest/api-keys', { label: `demo-${Date.now()}`, scopes, expiresAt: null });
	const raw = key.body?.data?.rawApiKey ?? key.body?.data?.apiKey;
	if (typeof raw !== 'string') throw new Error(`n8n did not create an API key: ${key.status} ${JSON.stringify(key.body)}`);
	return async (method: string, path: string, body?: unknown) => {
		const answer = await n8n.rest(method, `/api/v1${path}`, body, { 'X-N8N-API-KEY': raw });
		if (answer.status >= 300) throw new Error(`n8n's public API answered ${method} ${path} with ${answer.status}: ${JSON.stringify(answer.body)}`);
		return answer.body;
	};
}

export type PublicApi = Awaited<ReturnType<typeof publicApi>>;

/** Runs a workflow (a manual run from its first node) on the running n8n; its execution when it ends. */
export async function runOnServer(n8n: N8nInstance, api: PublicApi, workflow: { id: string; nodes: Array<{ name: string }> }, timeoutMs = 120_000) {
	const started = await n8n.rest('POST', `/rest/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: workflow.nodes[0].name } });
	const executionId = started.body?.data?.executionId;
	if (!executionId) throw new Error(`n8n did not start "${workflow.id}": ${started.status} ${JSON.stringify(started.body)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await api('GET', `/executions/${executionId}?includeData=true`).catch(() => undefined);
		if (execution && execution.finished !== undefined && !['running', 'new', 'waiting'].includes(execution.status)) return execution;
		if (Date.now() > deadline) throw new Error(`the run of "${workflow.id}" did not end within ${timeoutMs / 1000} s`);
		await sleep(250);
	}
}

/** With n8n running: the trigger example created and activated, a contact changed, delivered; the report lines. */
export async function showTriggerExample(n8n: N8nInstance, sandbox: KoreSandbox, api: PublicApi, timeoutMs = 90_000): Promise<{ ok: boolean; text: string; id?: string }> {
	const reads = () => sandbox.log().filter((r) => r.method === 'GET').length;
	const deadline = Date.now() + timeoutMs;
	// Made live by earlier versions of this demo under the example's own id: it would poll too.
	await api('POST', `/workflows/${triggerExample.id}/deactivate`).catch(() => undefined);
	const marker = join(n8n.userFolder, '.trigger-example-id');
	if (existsSync(marker)) {
		await api('DELETE', `/workflows/${readFileSync(marker, 'utf8').trim()}`).catch(() => undefined);
		rmSync(marker, { force: true });
	}
	const { id } = await api('POST', '/workflows', { name: triggerExample.name, nodes: triggerExample.nodes, connections: triggerExample.connections, settings: triggerExample.settings });
	writeFileSync(marker, String(id));
	sandbox.clearLog();
	await api('POST', `/workflows/${id}/activate`);
	// The poll at activation: the baseline. Give it a moment to finish before changing anything.
	while (reads() === 0 && Date.now() < deadline) await sleep(100);
	await sleep(1000);
	sandbox.store.update(demoContactId(3), { ...demoContact(3), lastName: 'changed-in-kore' });
	await api('POST', `/workflows/${id}/deactivate`);
	await api('POST', `/workflows/${id}/activate`);
	while (Date.now() < deadline) {
		const { data } = await api('GET', `/executions?workflowId=${id}&includeData=true&limit=5`);
		const finished = ((data ?? []) as any[]).filter((e) => e.finished || e.status === 'success' || e.status === 'error');
		if (finished.length > 0) {
			const runData = finished[0].data.resultData.runData;
			const lines = CRM_NODES.flatMap((node) =>
				(runData[node]?.[0]?.data?.main?.[0] ?? []).map((item: any) => `  ${node}: ${item.json.event} ${item.json.firstName} ${item.json.lastName} (${item.json.id})`),
			);
			const ok = finished[0].status === 'success' && lines.some((line) => line.includes(demoContactId(3)) && line.includes('updated'));
			return { ok, id, text: [`"${triggerExample.name}": contact ${demoContactId(3)} changed in the sandbox, delivered by the trigger:`, ...lines].join('\n') };
		}
		await sleep(250);
	}
	return { ok: false, id, text: `"${triggerExample.name}": the trigger delivered nothing within ${timeoutMs / 1000} s` };
}
