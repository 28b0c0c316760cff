// Contact List > Get Many, Get and Get Contacts: reads, one output. Get Many and Get Contacts take
// Return All or Limit; Kore documents no paging for the list of lists, and skip / limit for a
// list's contacts (read in pages of 1,000).
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listItem } from '../../helpers/campaignAnswers';
import { optionsFor, readOptions } from '../../helpers/options';
import { readLimit, returnAllAndLimit } from '../shared/limit';
import { allLists, readListContacts } from '../../transport/contactLists';
import { contactListParameter, failureOf, ListResolver, lookupFailure, openCampaignClient, readPerItem } from './shared';
import { RATE_OPTIONS } from '../shared/perItem';

export const getAll = {
	description: [...returnAllAndLimit('getAll'), ...optionsFor('getAll', [...RATE_OPTIONS])] as INodeProperties[],
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
			return { ok: false, failure: lookupFailure(found) };
		});
	},
};

export const getContacts = {
	description: [contactListParameter(['getContacts']), ...returnAllAndLimit('getContacts'), ...optionsFor('getContacts', [...RATE_OPTIONS])] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		const lists = new ListResolver(client);
		return await readPerItem(this, client, async (itemIndex) => {
			const found = await lists.resolve(this, itemIndex);
			if (found.kind !== 'found') return { ok: false, failure: lookupFailure(found) };
			const read = await readListContacts(client, String(found.list._id));
			if (!read.ok) return { ok: false, failure: failureOf(read.outcome) };
			return { ok: true, json: read.contacts.slice(0, readLimit(this, itemIndex)).map((contact) => ({ ...contact, contactListId: String(found.list._id) })) };
		});
	},
};
