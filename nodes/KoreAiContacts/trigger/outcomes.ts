// The trigger watching a campaign's call outcomes: each poll reads the campaign's per-contact
// outcomes (pages of 100) and emits each change once: a contact dialled for the first time, a new
// attempt, a new dialer outcome or disposition (helpers/outcomeChanges.ts). The first poll, and the
// first after the campaign is changed in the panel, only take note.
import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { answerData } from '../helpers/campaignAnswers';
import { readPollOptions } from '../helpers/options';
import { outcomeItem } from '../helpers/outcomes';
import { baselineOutcomes, detectOutcomeChanges, isOutcomeState, type OutcomeChange } from '../helpers/outcomeChanges';
import { asNodeError, openClient } from '../transport/client';
import { campaignCalls, campaignRequest, type CampaignType } from '../transport/campaignApi';
import { readOutcomes } from '../transport/campaigns';
import type { CallOutcome, KoreClient } from '../transport/koreClient';
import { configurationError, failureOf } from '../actions/shared/perItem';
import { POLL_BUDGET_WINDOWS } from './budget';

function watchedCampaign(context: IPollFunctions): { id: string; type: CampaignType } {
	const locator = context.getNodeParameter('campaign', { mode: 'list', value: '' }) as { value?: unknown } | string;
	const value = typeof locator === 'string' ? locator : locator.value;
	const id = typeof value === 'string' ? value.trim() : '';
	if (id === '') throw new NodeOperationError(context.getNode(), 'No campaign chosen: pick the campaign whose call outcomes start the workflow');
	return { id, type: context.getNodeParameter('campaignType', 'voice') === 'sms' ? 'sms' : 'voice' };
}

/** Why a read failed, as the poll's error: the state stays as it was, so the next poll emits what this one could not. */
function readError(context: IPollFunctions, outcome: Exclude<CallOutcome, { kind: 'ok' }>, campaignId: string) {
	if (outcome.kind === 'configuration') return configurationError(context, outcome);
	const reason = String(failureOf(outcome).reason);
	return new NodeOperationError(context.getNode(), `Could not read the outcomes of campaign ${campaignId}: ${reason}`, {
		description: 'Nothing was emitted and nothing is lost: the next poll delivers what this one could not. A campaign with more outcomes than four minutes of Kore.ai\'s 60 requests a minute can read (about 24,000) cannot be watched this way: read it with the node\'s Get Outcomes instead.',
	});
}

/** The campaign's name for the items, read once when the trigger takes note (Kore does not put it in outcomes). */
async function campaignName(client: KoreClient, id: string): Promise<string | undefined> {
	const outcome = await campaignRequest(client, campaignCalls.getCampaign(client, id));
	if (outcome.kind !== 'ok') return undefined;
	const name = answerData(outcome.body).name;
	return typeof name === 'string' ? name : undefined;
}

function toItem(outcome: Record<string, unknown>, change: OutcomeChange, campaign: { id: string; type: CampaignType; name?: string }): INodeExecutionData {
	return { json: { event: 'outcome', change, campaignName: campaign.name ?? null, ...outcomeItem(outcome, campaign) } as IDataObject };
}

export async function pollOutcomes(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const options = readPollOptions(this);
	const campaign = watchedCampaign(this);
	const staticData = this.getWorkflowStaticData('node');
	const state = isOutcomeState(staticData.outcomes) && staticData.outcomes.campaignId === campaign.id ? staticData.outcomes : undefined;
	const manual = this.getMode() === 'manual';

	let read;
	let name = state?.campaignName;
	try {
		const client = await openClient(this, options, undefined, 'Campaign Management');
		if (!state || manual) name = await campaignName(client, campaign.id);
		read = await readOutcomes(client, campaign.id, undefined, client.settings.now() + POLL_BUDGET_WINDOWS * options.windowMs);
		this.logger.info('Kore.ai outcomes trigger read the campaign', { pages: read.ok ? read.pages : undefined, requests: client.requestsSent });
	} catch (error) {
		throw asNodeError(this, error);
	}
	if (!read.ok) throw readError(this, read.outcome, campaign.id);
	const named = { ...campaign, name };

	if (manual) {
		const last = read.value[read.value.length - 1];
		return last ? [[toItem(last, 'firstDial', named)]] : null;
	}
	if (!state) {
		staticData.outcomes = baselineOutcomes(read.value, named);
		return null;
	}
	const found = detectOutcomeChanges(read.value, state);
	staticData.outcomes = found.next;
	const items = found.changes.map(({ outcome, change }) => toItem(outcome, change, named));
	if (found.unnamed > 0) {
		this.logger.info('Kore.ai outcomes trigger resized its summary of the campaign', { differences: found.resizedTo, unnamed: found.unnamed });
		items.push({
			json: {
				event: 'outcomesUnnamed',
				count: found.unnamed,
				campaignId: campaign.id,
				message: `At least ${found.unnamed} outcome change(s) of the campaign since the last poll could not be named: more changed between two polls than the trigger keeps track of. It now keeps track of up to ${found.resizedTo} differences. Read the campaign with Get Outcomes to find them, or poll more often.`,
			},
		});
	}
	return items.length > 0 ? [items] : null;
}
