// The Pre-Call Trigger's panel: where Kore.ai calls, the header secret, the decision when the
// workflow gives none, and how long the node waits for it.
import type { INodeProperties } from 'n8n-workflow';

/** Kore's wait is undocumented; an answer within a few seconds is what a dialer can afford. */
export const DEFAULT_TIME_LIMIT_SECONDS = 5;

export const preCallProperties: INodeProperties[] = [
	{
		displayName:
			"Paste this node's Production URL into the campaign's Pre-Call Contact Fetch (API URL, method POST) and the credential's Header Name and Secret into its Headers. Kore.ai then sends each contact here right before dialling and waits. End the workflow with a node whose first item has <code>handle</code> (CALL or SKIP), an optional <code>reason</code>, and any other fields for the bot: the node answers Kore.ai with them.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: 'kore-pre-call',
		required: true,
		placeholder: 'kore-pre-call',
		description: 'The last part of the URL Kore.ai calls. Each Pre-Call Trigger needs its own path.',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Header Auth', value: 'headerAuth', description: "A header name and secret value, set the same in the campaign's Headers" },
			{ name: 'None', value: 'none', description: 'Anyone who knows the URL can ask: for a test only' },
		],
		default: 'headerAuth',
		description: 'Kore.ai can only send fixed headers, so a header secret is how this URL knows the request is from Kore.ai. A request without it gets 401 and runs nothing.',
	},
	{
		displayName: 'Default Decision',
		name: 'defaultDecision',
		type: 'options',
		required: true,
		noDataExpression: true,
		options: [
			{ name: 'Choose…', value: '', description: 'Nothing chosen yet: the node answers nothing until Call or Skip is chosen' },
			{ name: 'Call', value: 'call', description: 'Dial the contact when the workflow gives no decision: a CRM outage does not stop the campaign' },
			{ name: 'Skip', value: 'skip', description: 'Do not dial when the workflow gives no decision: a contact is never called unchecked' },
		],
		default: '',
		description: "The answer when the workflow fails, its last node has no item or no valid handle, or the Time Limit passes. The answer is still a 200 in Kore.ai's shape, with the reason.",
		hint: 'Kore.ai itself skips the contact on any error, timeout or answer without a handle: choose Call if a failure here must not stop the campaign',
	},
	{
		displayName:
			"How long Kore.ai waits for an answer is not documented (a timeout skips the contact). The node answers the Default Decision itself once Time Limit passes, and logs each answer's decision, source and the milliseconds since Kore.ai's request (n8n log level debug).",
		name: 'timingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Time Limit (Seconds)',
				name: 'timeLimit',
				type: 'number',
				default: DEFAULT_TIME_LIMIT_SECONDS,
				typeOptions: { minValue: 0, maxValue: 120, numberPrecision: 1 },
				description: 'After this long without an answer from the workflow, the node answers the Default Decision itself. 0 waits for the workflow however long it takes.',
			},
			{
				displayName: 'Bot Data Placement',
				name: 'botDataPlacement',
				type: 'options',
				default: 'both',
				options: [
					{ name: 'Both', value: 'both', description: 'At the top level and under detailedContactData: reaches the bot whichever Kore.ai reads' },
					{ name: 'Top Level', value: 'topLevel', description: "Beside contactHandling, as Kore.ai's field table lists them" },
					{ name: 'Under detailedContactData', value: 'nested', description: "Inside detailedContactData, as Kore.ai's sample answer shows them" },
				],
				description: "Where the last node's other fields go in the answer. Kore.ai's page shows both placements.",
			},
		],
	},
];
