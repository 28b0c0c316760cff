import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { configuredOutputs, operations } from './actions/operations';
import { router } from './actions/router';
import { resourceMapping } from './methods';

export class KoreAiContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai Contacts',
		name: 'koreAiContacts',
		icon: { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "bulkUpdate" ? "Bulk Update Contacts" : $parameter["operation"] === "getAll" ? "Get Many Contacts" : $parameter["operation"] === "importCsv" ? "Import Contacts from CSV" : ($parameter["operation"] ?? "").replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase()) + " Contacts" }}',
		description: 'Create, read, update, delete and import Kore.ai contacts, with every record on a Success or Failed output',
		defaults: { name: 'Kore.ai Contacts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'koreAiApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: Object.values(operations).map((operation) => operation.option),
				default: 'bulkUpdate',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
