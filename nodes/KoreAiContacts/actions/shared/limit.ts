// Return All and Limit, as every read of the node offers them, and reading them for an item.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The two parameters of one read operation; `hints` adds what the operation says of each. */
export function returnAllAndLimit(operation: string, hints: { returnAll?: string; limit?: string } = {}): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			...(hints.returnAll && { hint: hints.returnAll }),
			displayOptions: { show: { operation: [operation] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			...(hints.limit && { hint: hints.limit }),
			displayOptions: { show: { operation: [operation], returnAll: [false] } },
		},
	];
}

/** The item's Limit, or undefined for Return All. */
export function readLimit(context: IExecuteFunctions, itemIndex: number) {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : Math.max(1, Math.floor(context.getNodeParameter('limit', itemIndex, 50) as number));
}
