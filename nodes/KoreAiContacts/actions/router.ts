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
		// n8n 1.x's AI Agent ends the whole conversation on a tool's error, and the model learns
		// nothing: the model gets the cause and its fix as the tool's answer instead, on every line.
		return [this.getInputData().map((_, item) => ({ json: stoppedRun(this, error), pairedItem: { item } }))];
	}
}

/** What stopped a run (a configuration problem, an unreadable list), as a model reads it. */
function stoppedRun(context: IExecuteFunctions, error: unknown) {
	const nodeError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error);
	const { message, description } = nodeError;
	return {
		outcome: 'failed',
		reason: description && !message.includes(description) ? `${message}. ${description}` : message,
		// Kore refused the set-up (credential, scope, bot); otherwise the run could not go on.
		code: nodeError instanceof NodeApiError ? 'CONFIGURATION' : 'RUN_STOPPED',
		...(nodeError instanceof NodeApiError && nodeError.httpCode && { httpStatus: Number(nodeError.httpCode) || nodeError.httpCode }),
		stage: 'request',
	};
}
