// Webhook-triggered workflows for queue mode: the rows come in the request body, so that several
// executions can be fired at once, each with its own contacts.
import { CREDENTIAL_ID, KORE_NODE } from './workflows';

const credentials = { koreAiApi: { id: CREDENTIAL_ID, name: 'Kore.ai sandbox' } };

export interface WebhookShape {
	/** The rows go to the node as one CSV file (Import from CSV). */
	asCsvFile?: boolean;
	/**
	 * 'lastNode' makes the webhook answer when the execution ends (the end-to-end suites wait for each
	 * run); 'onReceived' (the default) answers at once (queue mode fires several together).
	 */
	responseMode?: 'onReceived' | 'lastNode';
	/** The Kore.ai node's version: 1, as saved workflows have it, unless given. */
	typeVersion?: number;
}

export function webhookWorkflow(id: string, path: string, koreParameters: Record<string, unknown>, { asCsvFile = false, responseMode = 'onReceived', typeVersion = 1 }: WebhookShape = {}) {
	const nodes: any[] = [
		{ id: `${id}-hook`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: `${id}-hook`, parameters: { httpMethod: 'POST', path, responseMode, options: {} } },
		{ id: `${id}-rows`, name: 'Rows', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: 'return $input.first().json.body.rows.map((json) => ({ json }));' } },
		{ id: `${id}-kore`, name: KORE_NODE, type: 'n8n-nodes-kore-ai.koreAiContacts', typeVersion, position: [660, 0], parameters: { rateLimitWindowSeconds: 1, ...koreParameters }, credentials },
	];
	const chain = ['Webhook', 'Rows', ...(asCsvFile ? ['To CSV file'] : []), KORE_NODE];
	if (asCsvFile) nodes.push({ id: `${id}-file`, name: 'To CSV file', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, position: [440, 0], parameters: { operation: 'csv', options: {} } });
	const connections: Record<string, any> = {};
	chain.slice(0, -1).forEach((from, i) => (connections[from] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }));
	return { id, name: `Webhook ${path}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}
