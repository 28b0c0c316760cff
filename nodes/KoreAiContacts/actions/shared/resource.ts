// A resource's part of the node's parameters: its operation picker, and every operation's own
// parameters, shown only under that resource (the operation values repeat across resources).
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import type { Operation } from './perItem';

export function resourceDescription(resource: string, operations: Record<string, Operation>, defaultOperation: string, order: 'asWritten' | 'byName' = 'asWritten'): INodeProperties[] {
	const options = Object.values(operations).map((operation) => operation.option);
	if (order === 'byName') options.sort((a, b) => a.name.localeCompare(b.name));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...updateDisplayOptions(
			{ show: { resource: [resource] } },
			Object.values(operations).flatMap((operation) => operation.description),
		),
	];
}
