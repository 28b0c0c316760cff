// Runs of a webhook workflow on a running n8n, read back through n8n's public API: the shape of the
// end-to-end suites that share one n8n start per line. The rows travel in the request body.
import type { N8nInstance } from '../../scripts/lib/n8nInstance';
import { KORE_NODE } from '../../scripts/lib/workflows';

export interface WebhookRun {
	status: string;
	error?: any;
	success: any[];
	failed: any[];
	/** What the Kore.ai node put above its output (execution hints). */
	hints: Array<{ message: string }>;
	execution: any;
}

export function webhookRunner(n8n: N8nInstance, apiKey: string, timeoutMs = 120_000) {
	async function latestExecution(workflowId: string) {
		const read = await n8n.rest('GET', `/api/v1/executions?workflowId=${workflowId}&includeData=true&limit=1`, undefined, { 'X-N8N-API-KEY': apiKey });
		if (read.status !== 200) throw new Error(`n8n's public API answered ${read.status}: ${JSON.stringify(read.body)}`);
		return read.body.data?.[0];
	}

	/** Fires the workflow's webhook with its rows and returns the finished execution's Kore.ai outputs. */
	return async function runOnce(workflowId: string, path: string, rows: unknown[]): Promise<WebhookRun> {
		const before = await latestExecution(workflowId);
		const deadline = Date.now() + timeoutMs;
		// Right after n8n starts, a production webhook may not be registered yet: n8n answers 404 and
		// runs nothing. Such a call is sent again, never one n8n took.
		for (;;) {
			const answer = await fetch(`${n8n.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
			const text = await answer.text();
			if (answer.status !== 404) break;
			if (Date.now() > deadline) throw new Error(`n8n kept answering 404 for the webhook ${path}: ${text.slice(0, 200)}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		for (;;) {
			const execution = await latestExecution(workflowId);
			if (execution && execution.id !== before?.id && execution.finished !== undefined && !['running', 'new', 'waiting'].includes(execution.status)) {
				const task = execution.data?.resultData?.runData?.[KORE_NODE]?.[0];
				const main = task?.data?.main ?? [];
				return { status: execution.status, error: execution.data?.resultData?.error, success: main[0] ?? [], failed: main[1] ?? [], hints: task?.hints ?? [], execution };
			}
			if (Date.now() > deadline) throw new Error(`the execution of ${workflowId} did not finish`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};
}
