// The Kore.ai Trigger examples in `npm start` (contacts, and a campaign's call outcomes), on the n8n
// that `npm start` runs (no second start): each example created anew through n8n's public API for
// every run (the sandbox is new too, so the trigger's stored state must start empty), activated (n8n
// polls at once: the baseline), a change made in the sandbox, and the workflow activated again (n8n
// polls at once, with the state it stored, as after a restart): what reached the CRM stand-in is shown.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEMO_CAMPAIGN, demoContact, demoContactId, type KoreSandbox } from '../../sandbox';
import type { N8nInstance } from './n8nInstance';
import { repoRoot } from './paths';

export const triggerExample = JSON.parse(readFileSync(join(repoRoot, 'examples', 'kore-to-crm.json'), 'utf8'));
export const outcomesExample = JSON.parse(readFileSync(join(repoRoot, 'examples', 'campaign-outcomes-to-crm.json'), 'utf8'));
const CRM_NODES = ['Create in CRM', 'Update in CRM', 'Delete in CRM', 'Deletions it could not name'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** n8n's public API with a key of the logged-in owner. */
export async function publicApi(n8n: N8nInstance) {
	const scopes = ['execution:read', 'execution:list', 'workflow:create', 'workflow:delete', 'workflow:read', 'workflow:list', 'workflow:activate', 'workflow:deactivate'];
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

/** Whether n8n has stored the state a trigger of the workflow keeps between polls (its static data). */
async function triggerStateStored(api: PublicApi, id: string): Promise<boolean> {
	const { staticData } = await api('GET', `/workflows/${id}`);
	const data = typeof staticData === 'string' ? JSON.parse(staticData) : staticData;
	return Object.keys(data ?? {}).some((key) => key.startsWith('node:'));
}

interface ActivationDemo {
	workflow: { id: string; name: string; nodes: unknown[]; connections: unknown; settings: unknown };
	/** What changes in the sandbox between the baseline and the next poll. */
	change(): void;
	/** What reached the CRM stand-ins in the execution, and whether it is what the change should give. */
	report(runData: any): { ok: boolean; lines: string[] };
	/** The report's first line. */
	title: string;
}

/**
 * With n8n running: a trigger example created anew and activated (the poll at activation is the
 * baseline), a change made in the sandbox, and the workflow activated again (n8n polls at once, with
 * the state it stored, as after a restart); what the trigger delivered.
 */
async function showActivated(n8n: N8nInstance, api: PublicApi, demo: ActivationDemo, timeoutMs: number): Promise<{ ok: boolean; text: string; id?: string }> {
	const { workflow } = demo;
	const deadline = Date.now() + timeoutMs;
	// Made live by earlier versions of this demo under the example's own id: it would poll too.
	await api('POST', `/workflows/${workflow.id}/deactivate`).catch(() => undefined);
	const marker = join(n8n.userFolder, `.trigger-example-id-${workflow.id}`);
	if (existsSync(marker)) {
		await api('DELETE', `/workflows/${readFileSync(marker, 'utf8').trim()}`).catch(() => undefined);
		rmSync(marker, { force: true });
	}
	const { id } = await api('POST', '/workflows', { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings });
	writeFileSync(marker, String(id));
	await api('POST', `/workflows/${id}/activate`);
	// The poll at activation takes the baseline. n8n 2.x answers the activation before that poll has
	// ended (the outcomes trigger's two reads are a second apart at Kore's pace), so what is changed
	// must wait until n8n has stored the baseline: a change made before that is part of it.
	while (!(await triggerStateStored(api, id)) && Date.now() < deadline) await sleep(200);
	demo.change();
	await api('POST', `/workflows/${id}/deactivate`);
	await api('POST', `/workflows/${id}/activate`);
	while (Date.now() < deadline) {
		const { data } = await api('GET', `/executions?workflowId=${id}&includeData=true&limit=5`);
		const finished = ((data ?? []) as any[]).filter((e) => e.finished || e.status === 'success' || e.status === 'error');
		if (finished.length > 0) {
			const { ok, lines } = demo.report(finished[0].data.resultData.runData);
			return { ok: ok && finished[0].status === 'success', id, text: [demo.title, ...lines].join('\n') };
		}
		await sleep(250);
	}
	return { ok: false, id, text: `"${workflow.name}": the trigger delivered nothing within ${timeoutMs / 1000} s` };
}

/** The contacts trigger example: a contact changed in the sandbox, delivered. */
export function showTriggerExample(n8n: N8nInstance, sandbox: KoreSandbox, api: PublicApi, timeoutMs = 90_000) {
	return showActivated(n8n, api, {
		workflow: triggerExample,
		title: `"${triggerExample.name}": contact ${demoContactId(3)} changed in the sandbox, delivered by the trigger:`,
		change: () => sandbox.store.update(demoContactId(3), { ...demoContact(3), lastName: 'changed-in-kore' }),
		report: (runData) => {
			const lines = CRM_NODES.flatMap((node) =>
				(runData[node]?.[0]?.data?.main?.[0] ?? []).map((item: any) => `  ${node}: ${item.json.event} ${item.json.firstName} ${item.json.lastName} (${item.json.id})`),
			);
			return { ok: lines.some((line) => line.includes(demoContactId(3)) && line.includes('updated')), lines };
		},
	}, timeoutMs);
}

/**
 * The campaign outcomes example, on the demo campaign the segment example started (its calls made):
 * the contact that did not answer is called a third time and answers; the trigger delivers that call.
 */
export function showOutcomeTrigger(n8n: N8nInstance, sandbox: KoreSandbox, api: PublicApi, timeoutMs = 90_000) {
	const retried = () => sandbox.campaigns.outcomes.get(DEMO_CAMPAIGN._id)?.find((o) => o.dialerOutcome === 'no-answer');
	let phone = '';
	return showActivated(n8n, api, {
		workflow: outcomesExample,
		get title() {
			return `"${outcomesExample.name}": ${phone || 'nobody'} called again by the campaign, delivered by the trigger:`;
		},
		change: () => {
			const outcome = retried();
			if (!outcome) return;
			phone = outcome.phoneNumber;
			sandbox.campaigns.dial(DEMO_CAMPAIGN._id, [{ phoneNumber: phone, dialerOutcome: 'completed', numberOfAttemptsSoFar: outcome.numberOfAttemptsSoFar + 1, agentDispositionCodes: ['Renewed'] }]);
		},
		report: (runData) => {
			const items = runData['Write the outcome to the CRM']?.[0]?.data?.main?.[0] ?? [];
			const lines = items.map((item: any) => `  ${item.json.phone}: ${item.json.change}, ${item.json.callOutcome}, ${item.json.attempts} attempt(s), disposition ${item.json.disposition || 'none'} (CRM ${item.json.crmId || '-'})`);
			return { ok: phone !== '' && items.length === 1 && items[0].json.change === 'newAttempt', lines };
		},
	}, timeoutMs);
}
