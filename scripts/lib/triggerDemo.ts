// The Kore.ai Contacts Trigger example in `npm start`: n8n polls at activation (the baseline) and at
// every start, so the demo changes a sandbox contact and restarts n8n to have the change delivered
// at once, instead of waiting for the next minute; then it shows what reached the CRM stand-ins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { demoContact, demoContactId, type KoreSandbox } from '../../sandbox';
import type { N8nInstance } from './n8nInstance';
import { repoRoot } from './paths';

export const triggerExample = JSON.parse(readFileSync(join(repoRoot, 'examples', 'kore-to-crm.json'), 'utf8'));
const CRM_NODES = ['Create in CRM', 'Update in CRM', 'Delete in CRM'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Imported anew on every run with no stored state (the sandbox starts anew too, so an old baseline
 * would replay it whole), and activated. The sandbox's log is cleared, so that the requests counted
 * next are the trigger's own polls, not the other examples' reads.
 */
export async function prepareTriggerExample(n8n: N8nInstance, sandbox: KoreSandbox) {
	await n8n.importWorkflows([{ ...triggerExample, staticData: null }]);
	await n8n.activate(triggerExample.id);
	sandbox.clearLog();
}

/** With n8n running: a contact changed in the sandbox, delivered by the trigger; the report lines. */
export async function showTriggerExample(n8n: N8nInstance, sandbox: KoreSandbox, timeoutMs = 90_000): Promise<{ ok: boolean; text: string }> {
	const reads = () => sandbox.log().filter((r) => r.method === 'GET').length;
	const deadline = Date.now() + timeoutMs;
	// The poll at activation: the baseline. Give it a moment to finish before changing anything.
	while (reads() === 0 && Date.now() < deadline) await sleep(250);
	await sleep(1500);
	const apiKey = await n8n.createApiKey(`demo-${Date.now()}`);
	const list = async () =>
		((await n8n.rest('GET', `/api/v1/executions?workflowId=${triggerExample.id}&includeData=true&limit=20`, undefined, { 'X-N8N-API-KEY': apiKey })).body.data ?? []) as any[];
	const before = (await list()).length;
	sandbox.store.update(demoContactId(3), { ...demoContact(3), lastName: 'changed-in-kore' });
	await n8n.restart();
	while (Date.now() < deadline) {
		const executions = (await list()).filter((e) => e.finished || e.status === 'success' || e.status === 'error');
		if (executions.length > before) {
			const runData = executions[0].data.resultData.runData;
			const lines = CRM_NODES.flatMap((node) =>
				(runData[node]?.[0]?.data?.main?.[0] ?? []).map((item: any) => `  ${node}: ${item.json.event} ${item.json.firstName} ${item.json.lastName} (${item.json.id})`),
			);
			const ok = executions[0].status === 'success' && lines.some((line) => line.includes(demoContactId(3)) && line.includes('updated'));
			return { ok, text: [`"${triggerExample.name}": contact ${demoContactId(3)} changed in the sandbox, delivered by the trigger:`, ...lines].join('\n') };
		}
		await sleep(500);
	}
	return { ok: false, text: `"${triggerExample.name}": the trigger delivered nothing within ${timeoutMs / 1000} s` };
}
