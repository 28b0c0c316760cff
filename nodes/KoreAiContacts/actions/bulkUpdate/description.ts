import type { INodeProperties } from 'n8n-workflow';

const showForBulkUpdate = { show: { operation: ['bulkUpdate'] } };

export const bulkUpdateDescription: INodeProperties[] = [
	{
		displayName:
			'Each input item updates one existing Kore.ai contact, found by its ID. Items Kore.ai updated come out of <b>Success</b>; every other item comes out of <b>Failed</b> with the reason.',
		name: 'bulkUpdateNotice',
		type: 'notice',
		default: '',
		displayOptions: showForBulkUpdate,
	},
	{
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: 'Which values of each input item go into which contact field',
		hint: 'Map Automatically reads fields named like the contact fields: id, firstName, lastName, salutation, and phoneNumber, countryCode, extension (flat or inside cellPhone)',
		typeOptions: {
			resourceMapper: {
				resourceMapperMethod: 'getContactFields',
				mode: 'update',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Contact to Update',
					description: 'Kore.ai finds the contact to update by its ID',
					hint: 'The ID of an existing Kore.ai contact, as in the id (or _id) of a contact read from Kore.ai',
				},
			},
		},
		displayOptions: showForBulkUpdate,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showForBulkUpdate,
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				default: 100,
				typeOptions: { minValue: 1, maxValue: 1000 },
				description: 'How many contacts to send to Kore.ai in one request',
				hint: 'Larger batches update more contacts per minute under the rate limit. If Kore.ai refuses a batch as too large, the node splits it on its own.',
			},
			{
				displayName: 'Include Input Data on Failed',
				name: 'includeInputData',
				type: 'boolean',
				default: false,
				description: 'Whether to add the original input item, under "input", to each item of the Failed output',
				hint: 'Useful to write failed rows back to the sheet or CRM they came from',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 0, maxValue: 10 },
				description:
					'How many times to retry a request that failed on the way (server error, timeout, lost connection), waiting longer each time',
				hint: "Waiting for Kore.ai's rate limit does not count against this",
			},
			{
				displayName: 'Parallel Requests',
				name: 'parallelRequests',
				type: 'number',
				default: 2,
				typeOptions: { minValue: 1, maxValue: 4 },
				description:
					'How many requests may be on their way to Kore.ai at once. Requests Per Minute still applies; a second request only helps when Kore.ai takes longer to answer than the pause between requests.',
				hint: 'Two updates of the same contact are never sent at the same time, so they are applied in input order',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1, maxValue: 600 },
				description: 'How long to wait for Kore.ai to answer one request before trying again',
			},
			{
				displayName: 'Requests Per Minute',
				name: 'requestsPerMinute',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 0, maxValue: 6000 },
				description:
					"The most requests to send per minute. Kore.ai allows 60 per minute per account; lower it when other workflows use the same account. 0 sends without pacing.",
				hint: 'At 60 requests and a batch size of 100, up to 6,000 contacts are updated per minute',
			},
		],
	},
	{
		// Not shown in the editor: Kore's window is a minute. Tests shorten it to keep waits short.
		displayName: 'Rate Limit Window (Seconds)',
		name: 'rateLimitWindowSeconds',
		type: 'hidden',
		default: 60,
		description: 'Length of the window Kore.ai counts requests in; every wait is scaled from it',
		displayOptions: showForBulkUpdate,
	},
];
