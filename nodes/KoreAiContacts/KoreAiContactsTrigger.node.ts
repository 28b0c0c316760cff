import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { campaignParameter, campaignTypeParameter } from './actions/campaign/shared';
import { optionsFor } from './helpers/options';
import { searchCampaigns } from './methods/listSearch';
import { pollContacts } from './trigger/contacts';
import { pollOutcomes } from './trigger/outcomes';

// One Options collection per watch (saved contact triggers keep theirs), one hidden rate window.
const [CONTACT_OPTIONS, RATE_LIMIT_WINDOW] = optionsFor(undefined, ['outputFormat', 'pageSize', 'maxRetries', 'timeout', 'requestsPerMinute']);
const [OUTCOME_OPTIONS] = optionsFor(undefined, ['maxRetries', 'timeout', 'requestsPerMinute']);

export class KoreAiContactsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai Trigger',
		name: 'koreAiContactsTrigger',
		icon: { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["watch"] === "campaignOutcomes" ? "campaign call outcomes" : ($parameter["events"] || []).join(", ") }}',
		description: "Starts the workflow when contacts are created, changed or deleted in Kore.ai, or when a campaign's calls have new outcomes",
		defaults: { name: 'Kore.ai Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'koreAiApi', required: true }],
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contacts', value: 'contacts', description: 'Contacts created, changed or deleted in Kore.ai (scope Configuration)' },
					{ name: 'Campaign Call Outcomes', value: 'campaignOutcomes', description: "A campaign's calls: each contact dialled, each new attempt, outcome or disposition (scope Campaign Management)" },
				],
				default: 'contacts',
				description: 'What starts the workflow',
			},
			{
				displayName:
					"Kore.ai has no webhook for contacts, so each poll reads the whole contact list: one request per Page Size contacts (10,000 contacts at 1,000 a page: 10 of Kore's 60 requests a minute). The first poll after activating only takes note of the list; renaming this node starts over the same way. Deleted contacts are reported whether Kore.ai's list shows them (as inactive) or leaves them out (then with their ID, one poll later, once a second read confirms it).",
				name: 'costNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { watch: ['contacts'] } },
			},
			{
				displayName:
					"Kore.ai has no webhook for call outcomes, so each poll reads the campaign's outcomes: one request per 100 dialled contacts (5,000 dialled: 50 of Kore's 60 requests a minute, so poll every few minutes). The first poll after activating only takes note; changing the campaign here starts over the same way. A rerun of the campaign (Kore.ai then clears its outcomes) delivers the new run's calls, never the old run's again.",
				name: 'outcomesNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { watch: ['campaignOutcomes'] } },
			},
			campaignTypeParameter(['campaignOutcomes'], 'watch'),
			campaignParameter(['campaignOutcomes'], 'watch'),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['created', 'updated', 'deleted'],
				description: 'Which changes start the workflow. Each changed contact comes once per poll, with its latest state.',
				displayOptions: { show: { watch: ['contacts'] } },
				options: [
					{ name: 'Contact Created', value: 'created', description: 'A contact new since the last poll (also when edited since)' },
					{ name: 'Contact Updated', value: 'updated', description: 'An existing contact changed, or restored after a delete' },
					{ name: 'Contact Deleted', value: 'deleted', description: "A contact deleted: listed as inactive, or gone from Kore.ai's list (then only its ID is known)" },
				],
			},
			{ ...CONTACT_OPTIONS, displayOptions: { show: { watch: ['contacts'] } } },
			{ ...OUTCOME_OPTIONS, displayOptions: { show: { watch: ['campaignOutcomes'] } } },
			RATE_LIMIT_WINDOW,
		],
	};

	methods = { listSearch: { searchCampaigns } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return this.getNodeParameter('watch', 'contacts') === 'campaignOutcomes' ? await pollOutcomes.call(this) : await pollContacts.call(this);
	}
}
