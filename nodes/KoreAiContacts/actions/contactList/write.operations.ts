// Contact List > Update and Delete: one list per item, Success or Failed. Kore refuses to delete a
// list a campaign uses: the reason names the campaigns, from the list's own details.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { campaignsUsing, listItem } from '../../helpers/campaignAnswers';
import { optionsFor, readOptions } from '../../helpers/options';
import { campaignCalls, campaignRequest } from '../../transport/campaignApi';
import { listById } from '../../transport/contactLists';
import { MAX_DESCRIPTION, MAX_NAME } from './create.operation';
import { contactListParameter, failureOf, ListResolver, lookupFailure, openCampaignClient, perItem, showFor } from './shared';
import { RATE_OPTIONS } from '../shared/perItem';

/** What Update sends, or why the item cannot: only the fields given, each within Kore's limits. */
export function listChanges(fields: IDataObject): { ok: true; body: Record<string, string> } | { ok: false; reason: string } {
	const body: Record<string, string> = {};
	if (typeof fields.name === 'string') {
		const name = fields.name.trim();
		if (name === '' || name.length > MAX_NAME) return { ok: false, reason: `Name (name) must be 1 to ${MAX_NAME} characters; got ${name.length}` };
		body.name = name;
	}
	if (typeof fields.description === 'string') {
		if (fields.description.trim().length > MAX_DESCRIPTION) return { ok: false, reason: `Description (description) must be at most ${MAX_DESCRIPTION} characters` };
		if (fields.description.trim() !== '') body.description = fields.description.trim();
	}
	if (Object.keys(body).length === 0) return { ok: false, reason: 'Update Fields is empty: add Name or Description' };
	return { ok: true, body };
}

export const update = {
	description: [
		contactListParameter(['update']),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: showFor(['update']),
			options: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Renewal Due - August 2025', description: 'The new name, at most 48 characters' },
				{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'The new description, at most 256 characters' },
			],
		},
		...optionsFor('update', [...RATE_OPTIONS]),
	] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		const lists = new ListResolver(client);
		return await perItem(this, client, async (itemIndex) => {
			const changes = listChanges(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
			if (!changes.ok) return { ok: false, failure: { stage: 'validation', reason: changes.reason, code: 'INVALID_RECORD' } };
			const found = await lists.resolve(this, itemIndex);
			if (found.kind !== 'found') return { ok: false, failure: { ...lookupFailure(found), record: changes.body } };
			const id = String(found.list._id);
			const outcome = await campaignRequest(client, campaignCalls.updateList(client, id, changes.body));
			if (outcome.kind !== 'ok') return { ok: false, failure: { ...failureOf(outcome), id, record: changes.body } };
			// Kore answers with what it set, not the list: read it back for the whole list.
			const after = await listById(client, id);
			return { ok: true, json: listItem(after.kind === 'found' ? after.list : { ...found.list, ...changes.body }) };
		});
	},
};

export const deleteList = {
	description: [contactListParameter(['delete']), ...optionsFor('delete', [...RATE_OPTIONS])] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		const lists = new ListResolver(client);
		return await perItem(this, client, async (itemIndex) => {
			const found = await lists.resolve(this, itemIndex);
			if (found.kind !== 'found') return { ok: false, failure: lookupFailure(found) };
			const id = String(found.list._id);
			const used = campaignsUsing(found.list);
			const outcome = await campaignRequest(client, campaignCalls.deleteList(client, id));
			if (outcome.kind === 'ok') return { ok: true, json: { ...listItem(found.list), deleted: true } };
			const failure = failureOf(outcome);
			if (outcome.kind === 'rejected' && used.length > 0) {
				const names = used.map((c) => (c.name ? `"${c.name}" (${c.id ?? 'no id'})` : c.id)).join(', ');
				return { ok: false, failure: { ...failure, id, code: 'LIST_IN_USE', reason: `Kore.ai does not delete a contact list a campaign uses: "${String(found.list.name)}" is used by ${names}. Point the campaign at another list (or delete the campaign) first. ${failure.reason}`, campaigns: used } };
			}
			return { ok: false, failure: { ...failure, id } };
		});
	},
};
