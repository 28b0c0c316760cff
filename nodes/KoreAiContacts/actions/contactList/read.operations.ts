// Contact List > Get Many, Get and Get Contacts: reads, one output. Get Many and Get Contacts take
// Return All or Limit; Kore documents no paging for the list of lists, and skip / limit for a
// list's contacts (read in pages of 1,000).
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listItem } from '../../helpers/campaignAnswers';
import { optionsFor, readOptions } from '../../helpers/options';
import { allLists, readListContacts } from '../../transport/contactLists';
import { contactListParameter, failureOf, ListResolver, openCampaignClient, readPerItem, showFor } from './shared';

function limitParameters(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor([operation]),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { operation: [operation], returnAll: [false] } },
		},
	];
}

function readLimit(context: IExecuteFunctions, itemIndex: number) {
	return context.getNodeParameter('returnAll', itemIndex, false) ? undefined : Math.max(1, Math.floor(context.getNodeParameter('limit', itemIndex, 50) as number));
}

const RATE_OPTIONS = ['maxRetries', 'timeout', 'requestsPerMinute'] as const;

export const getAll = {
	description: [...limitParameters('getAll'), ...optionsFor('getAll', [...RATE_OPTIONS])] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		// Kore answers every list in one call: read once, each item takes its Limit of them.
		let read: Awaited<ReturnType<typeof allLists>> | undefined;
		return await readPerItem(this, client, async (itemIndex) => {
			read ??= await allLists(client);
			if (!read.ok) return { ok: false, failure: failureOf(read.outcome) };
			return { ok: true, json: read.lists.slice(0, readLimit(this, itemIndex)).map(listItem) };
		});
	},
};

export const get = {
	description: [contactListParameter(['get']), ...optionsFor('get', [...RATE_OPTIONS])] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		const lists = new ListResolver(client);
		return await readPerItem(this, client, async (itemIndex) => {
			const found = await lists.resolve(this, itemIndex);
			if (found.kind === 'found') return { ok: true, json: listItem(found.list) };
			return { ok: false, failure: found.kind === 'missing' ? { stage: 'api', reason: found.reason, code: 'NOT_FOUND' } : failureOf(found.outcome) };
		});
	},
};

export const getContacts = {
	description: [contactListParameter(['getContacts']), ...limitParameters('getContacts'), ...optionsFor('getContacts', [...RATE_OPTIONS])] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		const lists = new ListResolver(client);
		return await readPerItem(this, client, async (itemIndex) => {
			const found = await lists.resolve(this, itemIndex);
			if (found.kind !== 'found') return { ok: false, failure: found.kind === 'missing' ? { stage: 'api', reason: found.reason, code: 'NOT_FOUND' } : failureOf(found.outcome) };
			const read = await readListContacts(client, String(found.list._id));
			if (!read.ok) return { ok: false, failure: failureOf(read.outcome) };
			return { ok: true, json: read.contacts.slice(0, readLimit(this, itemIndex)).map((contact) => ({ ...contact, contactListId: String(found.list._id) })) };
		});
	},
};
