import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { campaignOperations } from './campaign';
import { listOperations } from './contactList';
import { conversationOperations } from './conversation';
import { contactOperations } from './contact';
import { runForModel, runsAsTool } from './shared/tool';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0, 'contact') as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const tables: Record<string, typeof contactOperations> = { contact: contactOperations, contactList: listOperations, campaign: campaignOperations, conversation: conversationOperations };
	const table = Object.prototype.hasOwnProperty.call(tables, resource) ? tables[resource] : {};
	if (!Object.prototype.hasOwnProperty.call(table, operation)) {
		// n8n offers "Custom API Call" on every node whose credential signs requests.
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported by this node`, {
			description:
				'To call another Kore.ai API, use the HTTP Request node with Authentication "Predefined Credential Type" and the Kore.ai API credential: it signs every request the same way.',
		});
	}
	const { execute } = table[operation];
	return runsAsTool(this) ? await runForModel(this, execute) : await execute.call(this);
}
