// Contact List > Create: a list that Add Contacts fills (Kore's "passive API" source). Kore requires a
// description; when none is given the node writes one. A create whose outcome is unknown (a timeout)
// is never sent again blindly: the list is looked up by name first.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listItem } from '../../helpers/campaignAnswers';
import { optionsFor, readOptions, type RunOptions } from '../../helpers/options';
import { campaignCalls, campaignRequest } from '../../transport/campaignApi';
import { listByName } from '../../transport/contactLists';
import type { KoreClient } from '../../transport/koreClient';
import { failureOf, openCampaignClient, perItem } from './shared';

const OPERATION = 'create';
export const MAX_NAME = 48;
export const MAX_DESCRIPTION = 256;

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Renewal Due - July 2025',
		description: 'The name of the new list, at most 48 characters. Campaigns and Add Contacts name the list by it.',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'Customers whose plan renews in July',
		description: 'What the list holds, at most 256 characters',
		hint: 'Kore.ai requires a description: when this is empty, the node sends "Created from n8n on <date>"',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	...optionsFor(OPERATION, ['allowDuplicates', 'useExisting', 'maxRetries', 'timeout', 'requestsPerMinute']),
];

/** The name and description to send, or why the item cannot make a list. */
export function listInput(name: unknown, descriptionText: unknown, today: string): { ok: true; name: string; description: string } | { ok: false; reason: string } {
	const text = typeof name === 'string' ? name.trim() : '';
	if (text === '') return { ok: false, reason: 'Name (name) is required' };
	if (text.length > MAX_NAME) return { ok: false, reason: `Name (name) must be at most ${MAX_NAME} characters; got ${text.length}` };
	const given = typeof descriptionText === 'string' ? descriptionText.trim() : '';
	if (given.length > MAX_DESCRIPTION) return { ok: false, reason: `Description (description) must be at most ${MAX_DESCRIPTION} characters; got ${given.length}` };
	return { ok: true, name: text, description: given || `Created from n8n on ${today}` };
}

async function createOne(context: IExecuteFunctions, client: KoreClient, options: RunOptions, itemIndex: number) {
	const input = listInput(context.getNodeParameter('name', itemIndex, ''), context.getNodeParameter('description', itemIndex, ''), new Date().toISOString().slice(0, 10));
	if (!input.ok) return { ok: false as const, failure: { stage: 'validation', reason: input.reason, code: 'INVALID_RECORD' } };
	const { allowDuplicates, useExisting } = options;
	const existing = useExisting ? await listByName(client, input.name) : undefined;
	if (existing?.kind === 'found') return { ok: true as const, json: { ...listItem(existing.list), created: false } };
	const body = { name: input.name, description: input.description, source: 'passiveApi', allowDuplicates };
	const outcome = await campaignRequest(client, campaignCalls.createList(client, body));
	if (outcome.kind === 'ok') return { ok: true as const, json: { ...listItem({ ...body, ...dataOf(outcome.body) }), created: true } };
	// Kore may have created it before the answer was lost: a list of this name now is that one.
	if (outcome.kind === 'failed' && outcome.outcomeUnknown) {
		const after = await listByName(client, input.name);
		if (after.kind === 'found') return { ok: true as const, json: { ...listItem(after.list), created: true } };
	}
	if (outcome.kind === 'rejected' && !useExisting) {
		const taken = await listByName(client, input.name);
		if (taken.kind === 'found') {
			return { ok: false as const, failure: { stage: 'api', code: 'LIST_EXISTS', reason: `A contact list named "${input.name}" already exists (${String(taken.list._id ?? '')}). Turn on the option Use Existing List With This Name to use it, or choose another name.`, record: body } };
		}
	}
	return { ok: false as const, failure: { ...failureOf(outcome), record: body } };
}

function dataOf(body: unknown): IDataObject {
	const data = (body as { data?: unknown } | undefined)?.data;
	return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this);
	const client = await openCampaignClient(this, options);
	return await perItem(this, client, async (itemIndex) => await createOne(this, client, options, itemIndex));
}
