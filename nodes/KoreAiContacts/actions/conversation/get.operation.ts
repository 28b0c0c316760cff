// Conversation > Get: Kore.ai's conversation details (status, summary, dispositions, notes, the
// user's info) of the bot session a campaign outcome names, one item per input item. A session
// Kore.ai does not know, or an empty Session ID, goes to Failed with the reason.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { answerData } from '../../helpers/campaignAnswers';
import { optionsFor, readOptions } from '../../helpers/options';
import { openClient } from '../../transport/client';
import { campaignCalls, campaignRequest } from '../../transport/campaignApi';
import { failureOf, perItem, RATE_OPTIONS } from '../shared/perItem';

export const OPERATION = 'get';

export const description: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 685d3c819e81807087b6abcd',
		description: "The bot session of the call: every campaign outcome carries it as botSessionId",
		hint: 'Map it from Get Outcomes or the trigger: {{ $json.botSessionId }}. One request per item.',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	...optionsFor(OPERATION, [...RATE_OPTIONS]),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = await openClient(this, readOptions(this), 0, 'SmartAssist Analytics');
	return await perItem(this, client, async (itemIndex) => {
		const raw = this.getNodeParameter('sessionId', itemIndex, '');
		const sessionId = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
		if (sessionId === '') {
			return { ok: false, failure: { stage: 'validation', code: 'INVALID_RECORD', reason: 'Session ID is empty: map the botSessionId of a campaign outcome', sessionId: null } };
		}
		const outcome = await campaignRequest(client, campaignCalls.conversation(client, sessionId));
		if (outcome.kind !== 'ok') {
			const failure = failureOf(outcome);
			if (outcome.kind === 'rejected' && outcome.status === 404) failure.reason = `Kore.ai has no conversation for session ${sessionId}: check the Session ID (a campaign outcome's botSessionId), or the call has not ended yet`;
			return { ok: false, failure: { ...failure, sessionId } };
		}
		// The page's sample is the conversation itself; a {status, data} envelope is read too.
		return { ok: true, json: { sessionId, ...(answerData(outcome.body) as IDataObject) } };
	});
}
