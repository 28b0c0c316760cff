import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as bulkUpdate from './actions/bulkUpdate';
import { router } from './actions/router';
import { resourceMapping } from './methods';

export class KoreAiContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai Contacts',
		name: 'koreAiContacts',
		icon: { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "bulkUpdate" ? "Bulk Update Contacts" : "" }}',
		description: 'Update Kore.ai contacts in bulk, with every record on a Success or Failed output',
		defaults: { name: 'Kore.ai Contacts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failed'],
		credentials: [{ name: 'koreAiApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Bulk Update',
						value: 'bulkUpdate',
						description: 'Update existing contacts by ID, in batches',
						action: 'Bulk update contacts',
					},
				],
				default: 'bulkUpdate',
			},
			...bulkUpdate.description,
		],
	};

	methods = { resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
