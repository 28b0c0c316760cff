// What the Campaign operations share: the campaign (a resource locator) and its type, which Kore's
// start and stop paths and its list of campaigns need.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CampaignType } from '../../transport/campaignApi';

export const RESOURCE = 'campaign';

/** `shownFor`: the values of `under` (the node's operation, the trigger's watch) it is shown for. */
export function campaignTypeParameter(shownFor: string[], under: 'operation' | 'watch' = 'operation'): INodeProperties {
	return {
		displayName: 'Campaign Type',
		name: 'campaignType',
		type: 'options',
		options: [
			{ name: 'Voice', value: 'voice' },
			{ name: 'SMS', value: 'sms' },
		],
		default: 'voice',
		description: 'Whether the campaign calls or sends text messages: Kore.ai keeps them apart',
		displayOptions: { show: { [under]: shownFor } },
	};
}

export function campaignParameter(shownFor: string[], under: 'operation' | 'watch' = 'operation'): INodeProperties {
	return {
		displayName: 'Campaign',
		name: 'campaign',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The campaign, picked from the campaigns of the Campaign Type or given by its ID',
		displayOptions: { show: { [under]: shownFor } },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchCampaigns', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'cd-c1b940c-7012-4e7d-98d9-4707177abcde',
				validation: [{ type: 'regex', properties: { regex: '^cd-[A-Za-z0-9-]+$', errorMessage: 'A campaign ID starts with cd-' } }],
			},
		],
	};
}

/** The campaign id and type an item names. */
export function campaignOf(context: IExecuteFunctions, itemIndex: number): { id: string; type: CampaignType } {
	const locator = context.getNodeParameter('campaign', itemIndex, { mode: 'list', value: '' }) as { value?: unknown } | string;
	const value = typeof locator === 'string' ? locator : locator.value;
	const type = context.getNodeParameter('campaignType', itemIndex, 'voice') === 'sms' ? 'sms' : 'voice';
	return { id: typeof value === 'string' ? value.trim() : '', type };
}
