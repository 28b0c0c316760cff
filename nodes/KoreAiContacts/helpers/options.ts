// The Options every operation offers, each defined once, and read once per run with defaults and
// bounds applied. An operation lists the options that apply to it.
import type { IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';

/** The largest page Kore is known to give (the sandbox caps it there): a whole-list read in the fewest requests. */
export const LARGEST_PAGE = 1000;

export interface RunOptions {
	batchSize: number;
	requestsPerMinute: number;
	maxRetries: number;
	timeoutMs: number;
	includeInputData: boolean;
	includeNotFound: boolean;
	parallelRequests: number;
	pageSize: number;
	outputFormat: 'kore' | 'flat';
	dryRun: boolean;
	deleteMissing: boolean;
	/** Percent of the account's active contacts. */
	maxDeletions: number;
	skipUnchanged: boolean;
	preferId: boolean;
	windowMs: number;
	allowDuplicates: boolean;
	useExisting: boolean;
	waitUntilAdded: boolean;
	waitTimeoutMs: number;
}

const OPTION: Record<string, INodeProperties> = {
	allowDuplicates: {
		displayName: 'Allow Duplicates',
		name: 'allowDuplicates',
		type: 'boolean',
		default: false,
		description: 'Whether one phone number may stand on the list more than once. Off, Kore.ai drops a number the list already has.',
	},
	useExisting: {
		displayName: 'Use Existing List With This Name',
		name: 'useExisting',
		type: 'boolean',
		default: false,
		description: 'Whether a list of this name that already exists is used (it comes out on Success with created: false) instead of failing',
	},
	waitUntilAdded: {
		displayName: 'Wait Until Added',
		name: 'waitUntilAdded',
		type: 'boolean',
		default: true,
		description:
			'Whether to read the list back until every number sent is on it: each number found comes out on Success (status added), each not found by Wait Timeout on Failed (code NOT_CONFIRMED). Off, the numbers sent come out on Success with status queued.',
		hint: 'Kore.ai only answers "in progress": reading the list back is the only way to know. It costs one read of the list (a request per 1,000 contacts) before sending, then reads 5 s apart, further apart (up to 30 s) while nothing new appears, until all are found',
	},
	waitTimeout: {
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		default: 120,
		typeOptions: { minValue: 1, maxValue: 3600 },
		description: 'How long to wait for the numbers to appear on the list, with Wait Until Added on',
	},
	batchSize: {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		default: 100,
		typeOptions: { minValue: 1, maxValue: 1000 },
		description: 'How many contacts to send to Kore.ai in one request',
		hint: 'Larger batches change more contacts per minute under the rate limit. If Kore.ai refuses a batch as too large, the node splits it on its own.',
	},
	deleteMissing: {
		displayName: 'Delete Contacts Not in Input',
		name: 'deleteMissing',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete every active Kore.ai contact whose phone number (or ID) no input item carries, so that Kore.ai mirrors the source: a person removed from the CRM stops being called',
		hint: 'Give the whole list, not a filtered part of it. Deleted contacts come out of Success with action "deleted". Turn on Dry Run first to see them.',
	},
	dryRun: {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only show what would be done, without changing anything in Kore.ai: each item comes out with its action and the exact request body that would be sent',
		hint: 'Items that would fail come out of Failed as they would. Reading contacts (Create or Update matches against them) still happens.',
	},
	includeInputData: {
		displayName: 'Include Input Data on Failed',
		name: 'includeInputData',
		type: 'boolean',
		default: false,
		description: 'Whether to add the original input item, under "input", to each item of the Failed output',
		hint: 'Useful to write failed rows back to the sheet or CRM they came from',
	},
	includeNotFound: {
		displayName: 'Output Items With No Match',
		name: 'includeNotFound',
		type: 'boolean',
		default: true,
		description:
			'Whether an input item whose filters match no contact comes out as one item with found: false (and the filters it was looked up with), paired with it, so the workflow can route it, for example with an If node on found',
		hint: 'Off: such an item gives no output item; the run\'s summary above the output still counts them',
	},
	maxDeletions: {
		displayName: 'Max Deletions (% of Contacts)',
		name: 'maxDeletions',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 0, maxValue: 100 },
		description:
			'The most contacts Delete Contacts Not in Input may delete in one run, as a percentage of the active contacts. Above it nothing is deleted (creates and updates still happen) and the run says why.',
		hint: 'Protects the account from a partial source, such as a filtered export or a CRM page that failed',
	},
	maxRetries: {
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0, maxValue: 10 },
		description:
			'How many times to retry a request that failed on the way (server error, timeout, lost connection), waiting longer each time',
		hint: "Waiting for Kore.ai's rate limit does not count against this. New contacts are only sent again once the node has checked that Kore.ai does not have them yet.",
	},
	outputFormat: {
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		default: 'kore',
		options: [
			{ name: "Kore.ai's Shape", value: 'kore', description: 'Each contact as Kore.ai returns it, with the phone under cellPhone' },
			{
				name: 'Flat',
				value: 'flat',
				description: 'Phone number (digits only), country code and extension at the top level (phoneNumber, countryCode, extension), as a sheet wants them',
			},
		],
		description: 'How each contact is laid out. Both put the contact ID at the top level too, where Update and Delete read it by default.',
	},
	pageSize: {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		default: LARGEST_PAGE,
		typeOptions: { minValue: 1, maxValue: LARGEST_PAGE },
		description: 'How many contacts to read per request. Larger pages read a big account in fewer requests.',
		hint: 'Each page is one request under Requests Per Minute: 50,000 contacts at 1,000 (the largest page Kore.ai gives) take 50. A Limit with no filter reads only what it needs.',
	},
	preferId: {
		displayName: 'Use Contact ID When Present',
		name: 'preferId',
		type: 'boolean',
		default: false,
		description: 'Whether an item that carries a contact ID is matched by that ID, and the others by phone number',
	},
	parallelRequests: {
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		default: 2,
		typeOptions: { minValue: 1, maxValue: 4 },
		description:
			'How many requests may be on their way to Kore.ai at once. Requests Per Minute still applies; a second request only helps when Kore.ai takes longer to answer than the pause between requests.',
		hint: 'Two changes to the same contact are never sent at the same time, so they are applied in input order',
	},
	skipUnchanged: {
		displayName: 'Skip Unchanged Contacts',
		name: 'skipUnchanged',
		type: 'boolean',
		default: true,
		description: 'Whether to leave contacts whose mapped fields already equal the item unwritten (they come out of Success with action "unchanged")',
		hint: 'Saves requests under the rate limit: only real changes are sent',
	},
	timeout: {
		displayName: 'Request Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 1, maxValue: 600 },
		description: 'How long to wait for Kore.ai to answer one request before trying again',
	},
	requestsPerMinute: {
		displayName: 'Requests Per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		default: 60,
		typeOptions: { minValue: 0, maxValue: 6000 },
		description:
			'The most requests to send per minute. Kore.ai allows 60 per minute per account; lower it when other workflows use the same account. 0 sends without pacing.',
		hint: 'At 60 requests and a batch size of 100, up to 6,000 contacts are changed per minute',
	},
};

export type OptionName =
	| 'allowDuplicates'
	| 'useExisting'
	| 'waitUntilAdded'
	| 'waitTimeout'
	| 'batchSize'
	| 'deleteMissing'
	| 'dryRun'
	| 'includeInputData'
	| 'includeNotFound'
	| 'maxDeletions'
	| 'maxRetries'
	| 'outputFormat'
	| 'pageSize'
	| 'parallelRequests'
	| 'preferId'
	| 'skipUnchanged'
	| 'timeout'
	| 'requestsPerMinute';

/**
 * The Options collection of one operation, and the hidden rate-limit window every operation has.
 * `defaults` changes an option's default for this operation.
 */
export function optionsFor(
	operation: string | undefined,
	names: OptionName[],
	defaults: Partial<Record<OptionName, number>> = {},
	versions?: number[],
): INodeProperties[] {
	// The trigger has no operation: its options are always shown. `versions`: only on these node versions.
	const displayOptions = operation === undefined ? undefined : { show: { operation: [operation], ...(versions && { '@version': versions }) } };
	return [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			...(displayOptions && { displayOptions }),
			options: names
				.map((name) => (defaults[name] === undefined ? OPTION[name] : { ...OPTION[name], default: defaults[name] }))
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		{
			// Not shown in the editor: Kore's window is a minute. Tests shorten it to keep waits short.
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'hidden',
			default: 60,
			description: 'Length of the window Kore.ai counts requests in; every wait is scaled from it',
			...(displayOptions && { displayOptions }),
		},
	];
}

function bounded(value: unknown, fallback: number, min: number, max: number) {
	const number = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return Math.min(max, Math.max(min, number));
}

export function readOptions(context: IExecuteFunctions, defaults: Partial<Record<OptionName, number>> = {}): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return parseOptions(options, context.getNodeParameter('rateLimitWindowSeconds', 0, 60), defaults);
}

/** A trigger's options: its parameters have no item to be read for. */
export function readPollOptions(context: IPollFunctions, defaults: Partial<Record<OptionName, number>> = {}): RunOptions {
	return parseOptions(context.getNodeParameter('options', {}) as Record<string, unknown>, context.getNodeParameter('rateLimitWindowSeconds', 60), defaults);
}

/** Every option at its default: for reads outside a run (the contact list of the editor's picker). */
export function defaultOptions(): RunOptions {
	return parseOptions({}, 60, {});
}

function parseOptions(options: Record<string, unknown>, windowSeconds: unknown, defaults: Partial<Record<OptionName, number>>): RunOptions {
	return {
		batchSize: Math.floor(bounded(options.batchSize, defaults.batchSize ?? 100, 1, 1000)),
		requestsPerMinute: bounded(options.requestsPerMinute, 60, 0, 6000),
		maxRetries: Math.floor(bounded(options.maxRetries, 5, 0, 10)),
		timeoutMs: bounded(options.timeout, 30, 1, 600) * 1000,
		includeInputData: options.includeInputData === true,
		includeNotFound: options.includeNotFound !== false,
		parallelRequests: Math.floor(bounded(options.parallelRequests, 2, 1, 4)),
		pageSize: Math.floor(bounded(options.pageSize, defaults.pageSize ?? LARGEST_PAGE, 1, LARGEST_PAGE)),
		outputFormat: options.outputFormat === 'flat' ? 'flat' : 'kore',
		dryRun: options.dryRun === true,
		deleteMissing: options.deleteMissing === true,
		maxDeletions: bounded(options.maxDeletions, 10, 0, 100),
		skipUnchanged: options.skipUnchanged !== false,
		preferId: options.preferId === true,
		windowMs: bounded(windowSeconds, 60, 0.1, 3600) * 1000,
		allowDuplicates: options.allowDuplicates === true,
		useExisting: options.useExisting === true,
		waitUntilAdded: options.waitUntilAdded !== false,
		waitTimeoutMs: bounded(options.waitTimeout, 120, 1, 3600) * 1000,
	};
}
