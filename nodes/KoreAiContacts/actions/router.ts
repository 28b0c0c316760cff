import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { toolOutputs } from '../helpers/toolOutput';
import { operations } from './operations';
import { runsAsTool } from './shared/tool';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (!Object.prototype.hasOwnProperty.call(operations, operation)) {
		// n8n offers "Custom API Call" on every node whose credential signs requests.
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported by this node`, {
			description:
				'To call another Kore.ai API, use the HTTP Request node with Authentication "Predefined Credential Type" and the Kore.ai API credential: it signs every request the same way.',
		});
	}
	if (!runsAsTool(this)) return await operations[operation].execute.call(this);
	try {
		return toolOutputs(await operations[operation].execute.call(this));
	} catch (error) {
		throw forModel(this, error);
	}
}

/** A model reads only an error's message: the fix, in the description, goes into it. */
function forModel(context: IExecuteFunctions, error: unknown) {
	const nodeError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error);
	const { message, description } = nodeError;
	if (description && !message.includes(description)) nodeError.message = `${message}. ${description}`;
	return nodeError;
}
