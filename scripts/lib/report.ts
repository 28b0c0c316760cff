// What a run of an example workflow did, in a few lines a person reads at a glance.

export interface KoreRunSummary {
	ok: boolean;
	success: any[];
	failed: any[];
	error?: string;
}

/** The Kore.ai node's outputs from an execution's JSON, whichever n8n printed or served it. */
export function summariseExecution(execution: any, nodeName = 'Kore.ai Contacts'): KoreRunSummary {
	const resultData = execution?.data?.resultData ?? execution?.resultData;
	const error = resultData?.error?.message as string | undefined;
	const task = resultData?.runData?.[nodeName]?.[0];
	const main = task?.data?.main ?? [];
	return { ok: !error && Boolean(task), success: main[0] ?? [], failed: main[1] ?? [], error };
}

const DONE: Record<string, string> = {
	bulkUpdate: 'updated',
	create: 'created',
	update: 'updated',
	delete: 'deleted',
	bulkDelete: 'deleted',
	importCsv: 'imported',
};

/** "2 created, 1 updated, 3 unchanged" from Create or Update's Success items. */
function actionCounts(success: any[], dryRun: boolean) {
	const counts = new Map<string, number>();
	for (const item of success) counts.set(item.json?.action, (counts.get(item.json?.action) ?? 0) + 1);
	const parts = ['created', 'updated', 'unchanged'].map((action) => `${counts.get(action) ?? 0} ${dryRun && action !== 'unchanged' ? `to be ${action}` : action}`);
	// Delete Contacts Not in Input: only where it deleted (or would delete) something.
	const deleted = counts.get('deleted');
	if (deleted) parts.push(`${deleted} ${dryRun ? 'to be deleted' : 'deleted'}`);
	return parts.join(', ');
}

/** The line of a Contact List or Campaign node: what happened to the people and the campaign. */
function campaignReport(name: string, resource: string | undefined, operation: string, summary: KoreRunSummary): string | undefined {
	const count = (key: string, value: unknown) => summary.success.filter((item) => item.json?.[key] === value).length;
	if (resource === 'contactList') {
		if (operation === 'addContacts') {
			return `${name}: ${count('status', 'added')} added and confirmed on the list, ${count('status', 'alreadyInList')} already on it, ${count('status', 'queued')} queued, ${summary.failed.length} failed.`;
		}
		if (operation === 'create') return `${name}: ${count('created', true)} list(s) created, ${count('created', false)} existing used, ${summary.failed.length} failed.`;
		return `${name}: ${summary.success.length} item(s), ${summary.failed.length} failed.`;
	}
	if (resource === 'campaign') {
		if (operation === 'start' || operation === 'stop') {
			const done = operation === 'start' ? 'started' : 'stopped';
			return `${name}: ${count('changed', true)} campaign(s) ${done}, ${count('changed', false)} already ${done === 'started' ? 'running' : 'stopped'}, ${summary.failed.length} failed.`;
		}
		if (operation === 'getOutcomes') {
			const calls = summary.success.map(({ json }) =>
				json?.found === false
					? `  - ${json.phoneNumber}: not dialled yet`
					: `  - ${json?.phoneNumber}: ${json?.dialerOutcome}, ${json?.numberOfAttemptsSoFar} attempt(s)${json?.agentDispositionCodes?.length ? `, disposition ${json.agentDispositionCodes.join(', ')}` : ''}`,
			);
			return [`${name}: ${summary.success.length - count('found', false)} call outcome(s) read, ${count('found', false)} number(s) not dialled yet.`, ...calls].join('\n');
		}
		return `${name}: ${summary.success.length} campaign(s) read.`;
	}
	return undefined;
}

/** One line per Kore.ai node of the workflow (and one per Failed item), and whether all of them ran. */
export function formatWorkflowReport(execution: any, workflow: { nodes: Array<{ name: string; type: string; parameters: any }> }) {
	const lines: string[] = [];
	let ok = true;
	for (const node of workflow.nodes.filter((n) => n.type.endsWith('.koreAiContacts'))) {
		const summary = summariseExecution(execution, node.name);
		ok &&= summary.ok;
		const operation = node.parameters.operation ?? 'bulkUpdate';
		const campaignLine = campaignReport(node.name, node.parameters.resource, operation, summary);
		if (campaignLine) {
			lines.push(campaignLine);
			for (const item of summary.failed) lines.push(`  - ${item.json?.code ?? 'failed'}: ${item.json?.reason}`);
			continue;
		}
		if (operation === 'getAll') {
			lines.push(`${node.name}: ${summary.success.length} contact(s) read.`);
			continue;
		}
		if (operation === 'upsert') {
			lines.push(`${node.name}: ${actionCounts(summary.success, node.parameters.options?.dryRun === true)}, ${summary.failed.length} failed.`);
		} else {
			lines.push(`${node.name}: ${summary.success.length} contact(s) ${DONE[operation] ?? 'done'}, ${summary.failed.length} failed.`);
		}
		for (const item of summary.failed) lines.push(`  - ${item.json?.id ?? '(no id)'}: ${item.json?.reason}`);
	}
	const error = summariseExecution(execution).error;
	if (error) lines.push(`The run stopped with an error: ${error}`);
	return { ok: ok && !error, text: lines.join('\n') };
}
