// The Campaign resource: Kore.ai's outbound voice and SMS campaigns (scope "Campaign Management"):
// find them, start and stop them, read each dialled contact's outcome.
import type { Operation } from '../shared/perItem';
import { resourceDescription } from '../shared/resource';
import { get, getAll, getOutcomes } from './read.operations';
import { RESOURCE } from './shared';
import { start, stop } from './start.operations';

export const campaignOperations: Record<string, Operation> = {
	get: { option: { name: 'Get', value: 'get', description: "Get a campaign's details", action: 'Get a campaign' }, ...get },
	getAll: { option: { name: 'Get Many', value: 'getAll', description: 'Get the voice or SMS campaigns, by status', action: 'Get many campaigns' }, ...getAll },
	getOutcomes: {
		option: { name: 'Get Outcomes', value: 'getOutcomes', description: "Get each dialled contact's call outcome: dialer result, attempts, dispositions", action: "Get a number's call outcome" },
		...getOutcomes,
	},
	start: { option: { name: 'Start', value: 'start', description: 'Start (run) a campaign', action: 'Start a campaign' }, ...start },
	stop: { option: { name: 'Stop', value: 'stop', description: 'Stop a running campaign', action: 'Stop a campaign' }, ...stop },
};

export const campaignDescription = resourceDescription(RESOURCE, campaignOperations, 'getOutcomes');
