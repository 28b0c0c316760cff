import type { IExecuteFunctions } from 'n8n-workflow';

/** n8n names a node's AI-tool variant `<type>Tool` (koreAiContactsTool). */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}
