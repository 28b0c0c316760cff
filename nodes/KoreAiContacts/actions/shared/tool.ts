// The node as an AI tool: n8n hands the model only the first output, and n8n 1.x's AI Agent ends the
// whole conversation on a tool's error. So every outcome, and a run that could not go on, is an item.
import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { toolOutputs } from '../../helpers/toolOutput';

/** n8n names a node's AI-tool variant `<type>Tool` (koreAiContactsTool). */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** Runs an operation for a model: its outcomes on one output, or what stopped it, with the fix. */
export async function runForModel(
	context: IExecuteFunctions,
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	try {
		return toolOutputs(await execute.call(context));
	} catch (error) {
		return [context.getInputData().map((_, item) => ({ json: stoppedRun(context, error), pairedItem: { item } }))];
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
