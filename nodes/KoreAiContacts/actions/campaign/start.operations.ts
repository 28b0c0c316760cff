// Campaign > Start and Stop: Kore starts a campaign (`play`) or stops it, in the background. A campaign
// already in the state asked for is a Success item saying so, not an error: when Kore refuses, the
// node reads the campaign's status to tell which it is (one request more, only then).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsFor, readOptions } from '../../helpers/options';
import { campaignCalls, campaignRequest } from '../../transport/campaignApi';
import { campaignStatus } from '../../transport/campaigns';
import { failureOf, openCampaignClient, perItem, RATE_OPTIONS } from '../shared/perItem';
import { campaignOf, campaignParameter, campaignTypeParameter } from './shared';

/** Kore's states in which a campaign counts as started, or as stopped. */
const STARTED = new Set(['Active']);
const STOPPED = new Set(['Stopped', 'Completed', 'Ready']);

function triggerOperation(operation: 'start' | 'stop') {
	const trigger = operation === 'start' ? 'play' : 'stop';
	const already = operation === 'start' ? STARTED : STOPPED;
	return {
		description: [campaignTypeParameter([operation]), campaignParameter([operation]), ...optionsFor(operation, [...RATE_OPTIONS])] as INodeProperties[],
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const client = await openCampaignClient(this, readOptions(this));
			return await perItem(this, client, async (itemIndex) => {
				const campaign = campaignOf(this, itemIndex);
				if (!campaign.id) return { ok: false, failure: { stage: 'validation', reason: 'Campaign is empty: pick a campaign or give its ID (cd-...)', code: 'INVALID_RECORD' } };
				const about = { campaignId: campaign.id, campaignType: campaign.type };
				const outcome = await campaignRequest(client, campaignCalls.trigger(client, campaign.id, campaign.type, trigger));
				if (outcome.kind === 'ok') return { ok: true, json: { ...about, ...(outcome.body as IDataObject), changed: true } };
				if (outcome.kind === 'rejected' || outcome.kind === 'failed') {
					const status = await campaignStatus(client, campaign.id);
					const state = status.ok ? String(status.value.status ?? '') : '';
					if (already.has(state)) {
						const message = operation === 'start' ? `The campaign is already running (${state}): nothing to start` : `The campaign is not running (${state}): nothing to stop`;
						return { ok: true, json: { ...about, name: status.ok ? String(status.value.name ?? '') : '', status: state, changed: false, message } };
					}
				}
				return { ok: false, failure: { ...failureOf(outcome), ...about } };
			});
		},
	};
}

export const start = triggerOperation('start');
export const stop = triggerOperation('stop');
