import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { configuredOutputs, operations } from './actions/operations';
import { router } from './actions/router';
import { listSearch, resourceMapping } from './methods';

export class KoreAiContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai Contacts',
		name: 'koreAiContacts',
		icon: { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' },
		group: ['output'],
		// 1.1: Get Many runs for every input item, and Delete sends its items in batches. New nodes get the
		// highest version. No defaultVersion: n8n then skips a node whose version is a list when it adds
		// "Custom API Call" to the operations.
		version: [1, 1.1],
		// The operation, and "Dry Run" while that option is on.
		subtitle:
			'={{ ($parameter["options"] && $parameter["options"].dryRun ? "Dry Run: " : "") + ({ bulkUpdate: "Bulk Update Contacts", create: "Create Contacts", getAll: "Get Many Contacts", update: "Update a Contact", delete: "Delete a Contact", bulkDelete: "Bulk Delete Contacts", importCsv: "Import Contacts from CSV", upsert: "Create or Update Contacts" })[$parameter["operation"]] }}',
		description: 'Create, read, update, delete and import Kore.ai contacts, with every record on a Success or Failed output',
		defaults: { name: 'Kore.ai Contacts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'koreAiApi', required: true }],
		properties: [
			// One resource: it is what lets n8n describe each AI tool by its operation's action.
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Contact', value: 'contact' }],
				default: 'contact',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['contact'] } },
				options: Object.values(operations)
					.map((operation) => operation.option)
					.sort((a, b) => a.name.localeCompare(b.name)),
				default: 'bulkUpdate',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
