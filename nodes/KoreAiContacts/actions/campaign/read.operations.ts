// Campaign > Get Many, Get and Get Outcomes: reads, one output. Get Outcomes gives one item per
// dialled contact, read in pages of 100; from node version 1.1 it runs for every input item with its
// own Phone Number filter, all items answered from one read of the campaign, as Get Many does for
// contacts (a number the campaign never dialled comes out as found: false).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { answerData, recordId } from '../../helpers/campaignAnswers';
import { optionsFor, readOptions } from '../../helpers/options';
import { readLimit, returnAllAndLimit } from '../shared/limit';
import { outcomeFilter, outcomeItem, outcomeMatches } from '../../helpers/outcomes';
import { campaignCalls, campaignRequest, type CampaignType } from '../../transport/campaignApi';
import { readCampaigns, readOutcomes, type Read } from '../../transport/campaigns';
import { failureOf, openCampaignClient, RATE_OPTIONS, readPerItem } from '../shared/perItem';
import { campaignOf, campaignParameter, campaignTypeParameter } from './shared';

/** Kore's campaign states, for the Status filter. */
const STATES = ['Active', 'Completed', 'Paused', 'Preparing', 'Ready', 'Rescheduled', 'Scheduled', 'Stopped'];

/** Each campaign with `id` at the top level (voice campaigns carry `_id`, SMS ones `id`). */
function campaignItem(campaign: Record<string, unknown>, type: CampaignType): IDataObject {
	return { ...(campaign as IDataObject), id: recordId(campaign) ?? null, campaignType: type };
}

export const getAll = {
	description: [
		campaignTypeParameter(['getAll']),
		...returnAllAndLimit('getAll'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { operation: ['getAll'] } },
			options: [
				{
					displayName: 'Status',
					name: 'status',
					type: 'multiOptions',
					options: STATES.map((state) => ({ name: state, value: state })),
					default: [],
					description: "Only campaigns in these states (Kore.ai's names)",
				},
			],
		},
		...optionsFor('getAll', [...RATE_OPTIONS]),
	] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		return await readPerItem(this, client, async (itemIndex) => {
			const type = this.getNodeParameter('campaignType', itemIndex, 'voice') === 'sms' ? 'sms' : 'voice';
			const statuses = ((this.getNodeParameter('filters', itemIndex, {}) as IDataObject).status as string[] | undefined) ?? [];
			const read = await readCampaigns(client, type, statuses, readLimit(this, itemIndex));
			return read.ok ? { ok: true, json: read.value.map((c) => campaignItem(c, type)) } : { ok: false, failure: failureOf(read.outcome) };
		});
	},
};

export const get = {
	description: [campaignTypeParameter(['get']), campaignParameter(['get']), ...optionsFor('get', [...RATE_OPTIONS])] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		return await readPerItem(this, client, async (itemIndex) => {
			const campaign = campaignOf(this, itemIndex);
			const outcome = await campaignRequest(client, campaignCalls.getCampaign(client, campaign.id));
			if (outcome.kind === 'ok') return { ok: true, json: campaignItem(answerData(outcome.body), campaign.type) };
			return { ok: false, failure: { ...failureOf(outcome), campaignId: campaign.id } };
		});
	},
};

export const getOutcomes = {
	description: [
		campaignTypeParameter(['getOutcomes']),
		campaignParameter(['getOutcomes']),
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '={{ $json.phone }}',
			description: "Only this number's outcome, written any way (+91 98450 11111, 919845011111). Empty: every dialled contact.",
			hint: 'For each input item: map it from the item to get each CRM row its own outcome, all from one read of the campaign',
			displayOptions: { show: { operation: ['getOutcomes'], '@version': [1.1] } },
		},
		...returnAllAndLimit('getOutcomes'),
		{
			displayName: 'Reading a campaign costs one request per 100 dialled contacts (250 outcomes: 3 requests), once for all input items.',
			name: 'outcomesNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { operation: ['getOutcomes'] } },
		},
		...optionsFor('getOutcomes', [...RATE_OPTIONS]),
	] as INodeProperties[],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await openCampaignClient(this, readOptions(this));
		const perItem = this.getNode().typeVersion >= 1.1;
		const reads = new Map<string, Promise<Read<Array<Record<string, unknown>>>>>();
		return await readPerItem(this, client, async (itemIndex) => {
			if (!perItem && itemIndex > 0) return { ok: true, json: [] };
			const campaign = campaignOf(this, itemIndex);
			const written = perItem ? String(this.getNodeParameter('phoneNumber', itemIndex, '') ?? '').trim() : '';
			const filter = written ? outcomeFilter(written) : undefined;
			if (written && !filter) return { ok: false, failure: { stage: 'validation', code: 'INVALID_RECORD', reason: `The Phone Number filter "${written}" is not a phone number` } };
			if (!reads.has(campaign.id)) reads.set(campaign.id, readOutcomes(client, campaign.id));
			const read = await reads.get(campaign.id)!;
			if (!read.ok) return { ok: false, failure: { ...failureOf(read.outcome), campaignId: campaign.id } };
			const matching = filter ? read.value.filter((o) => outcomeMatches(o, filter)) : read.value;
			if (filter && matching.length === 0) {
				return { ok: true, json: { found: false, phoneNumber: written, campaignId: campaign.id, message: 'The campaign has not dialled this number (in its latest run)' } };
			}
			return { ok: true, json: matching.slice(0, readLimit(this, itemIndex)).map((o) => outcomeItem(o, campaign)) };
		});
	},
};
