import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { campaignDescription } from './actions/campaign';
import { listDescription } from './actions/contactList';
import { conversationDescription } from './actions/conversation';
import { configuredOutputs, contactDescription } from './actions/contact';
import { router } from './actions/router';
import { listSearch, resourceMapping } from './methods';

export class KoreAiContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai',
		name: 'koreAiContacts',
		icon: { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' },
		group: ['output'],
		// 1.1: Get Many runs for every input item, and Delete sends its items in batches. New nodes get the
		// highest version. No defaultVersion: n8n then skips a node whose version is a list when it adds
		// "Custom API Call" to the operations.
		version: [1, 1.1],
		// The operation, and "Dry Run" while that option is on.
		subtitle:
			'={{ ($parameter["options"] && $parameter["options"].dryRun ? "Dry Run: " : "") + ($parameter["resource"] === "conversation" ? ({ get: "Get Conversation Details" }) : $parameter["resource"] === "campaign" ? ({ get: "Get a Campaign", getAll: "Get Many Campaigns", getOutcomes: "Get Call Outcomes", start: "Start a Campaign", stop: "Stop a Campaign" }) : $parameter["resource"] === "contactList" ? ({ addContacts: "Add Contacts to a List", create: "Create a Contact List", delete: "Delete a Contact List", get: "Get a Contact List", getContacts: "Get a List\'s Contacts", getAll: "Get Many Contact Lists", update: "Update a Contact List" }) : ({ bulkUpdate: "Bulk Update Contacts", create: "Create Contacts", getAll: "Get Many Contacts", update: "Update a Contact", delete: "Delete a Contact", bulkDelete: "Bulk Delete Contacts", importCsv: "Import Contacts from CSV", upsert: "Create or Update Contacts" }))[$parameter["operation"]] }}',
		description: "Kore.ai's contacts and outbound campaigns: create, update, delete, look up and import contacts, fill campaign lists, start and stop campaigns, read call outcomes and conversations; every record on a Success or Failed output",
		defaults: { name: 'Kore.ai' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'koreAiApi', required: true }],
		properties: [
			// Each resource's operations are shown under it; n8n describes each AI tool by its operation's action.
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact', description: "The account's contacts (scope Configuration)" },
					{ name: 'Contact List', value: 'contactList', description: 'Campaign contact lists: the people a campaign dials (scope Campaign Management)' },
					{ name: 'Campaign', value: 'campaign', description: 'Outbound voice and SMS campaigns: start, stop, call outcomes (scope Campaign Management)' },
					{ name: 'Conversation', value: 'conversation', description: "A call's conversation details: summary, dispositions, notes (scope SmartAssist Analytics)" },
				],
				default: 'contact',
			},
			...contactDescription,
			...listDescription,
			...campaignDescription,
			...conversationDescription,
		],
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
