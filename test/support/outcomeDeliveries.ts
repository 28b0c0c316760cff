// What the campaign-outcomes-to-crm example delivered to its CRM stand-in in a running n8n: each
// execution's items as [crmId, change, botSessionId], read through n8n's public API.
import type { N8nInstance } from '../../scripts/lib/n8nInstance';

const CRM_NODE = 'Write the outcome to the CRM';

export type Delivery = [crmId: string, change: string, botSessionId: string];

export class OutcomeDeliveries {
	/** Everything delivered so far, over every execution read. */
	readonly all: Delivery[] = [];
	private read = 0;

	constructor(
		private readonly n8n: N8nInstance,
		private readonly apiKey: string,
		private readonly workflowId: string,
	) {}

	/** The people on the campaign's list: CRM-0 ... CRM-(count-1). */
	static people(count: number) {
		return Array.from({ length: count }, (_, i) => ({ phoneNumber: `+9198450${30000 + i}`, uniqueId: `CRM-${i}` }));
	}

	async executions(): Promise<any[]> {
		const list = await this.n8n.rest('GET', `/api/v1/executions?workflowId=${this.workflowId}&includeData=true&limit=100`, undefined, { 'X-N8N-API-KEY': this.apiKey });
		return ((list.body.data ?? []) as any[]).filter((e) => e.finished || e.status === 'success' || e.status === 'error').sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** The next execution's deliveries, sorted (waits for it). */
	async next(timeoutMs = 120_000): Promise<Delivery[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await this.executions();
			if (all.length > this.read) {
				const execution = all[this.read++];
				expect(execution.status).toBe('success');
				const items = execution.data.resultData.runData[CRM_NODE]?.[0]?.data?.main?.[0] ?? [];
				const got: Delivery[] = items.map((item: any) => [item.json.crmId, item.json.change, item.json.botSessionId]);
				this.all.push(...got);
				return got.sort();
			}
			if (Date.now() > deadline) throw new Error(`no execution of the outcomes workflow within ${timeoutMs / 1000} s`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** The trigger's stored state in n8n's database, as JSON. */
	async state(): Promise<string> {
		const workflow = await this.n8n.rest('GET', `/rest/workflows/${this.workflowId}`);
		const staticData = workflow.body?.data?.staticData ?? {};
		return JSON.stringify(staticData['node:Kore.ai Trigger'] ?? staticData);
	}
}

/** [crmId, change] pairs of people from..to-1, sorted as next() sorts. */
export function expected(from: number, to: number, change: string) {
	return Array.from({ length: to - from }, (_, i) => [`CRM-${from + i}`, change]);
}
