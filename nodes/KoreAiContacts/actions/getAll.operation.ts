// Get Many: the account's contacts, page by page, one output item per contact. It runs once per
// execution, whatever the number of input items: a contact list is read once, not once per row.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, NodeOperationError } from 'n8n-workflow';

import { flatContact, withId } from '../helpers/contactShape';
import { readContacts } from '../transport/pages';
import { asNodeError, openClient } from './shared/client';
import { listReadError } from './shared/listReadError';
import { optionsFor, readOptions } from './shared/options';

const OPERATION = 'getAll';
const show = { show: { operation: [OPERATION] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: 'A large account takes one request per page: 50,000 contacts at Page Size 1,000 is 50 requests, under a minute',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { operation: [OPERATION], returnAll: [false] } },
	},
	...optionsFor(OPERATION, ['outputFormat', 'pageSize', 'maxRetries', 'timeout', 'requestsPerMinute']),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this);
	const returnAll = this.getNodeParameter('returnAll', 0, false) as boolean;
	const limit = returnAll ? undefined : Math.max(1, Math.floor(this.getNodeParameter('limit', 0, 50) as number));
	const pairedItem = { item: 0 };
	try {
		const client = await openClient(this, options, 0);
		const result = await readContacts(client, options.pageSize, limit);
		this.logger.info('Kore.ai get many finished', { requests: client.requestsSent, throttled: client.throttledResponses });
		if (result.kind === 'failed') throw listReadError(this, result);
		const shape = options.outputFormat === 'flat' ? flatContact : withId;
		return [result.contacts.map((contact) => ({ json: shape(contact), pairedItem }))];
	} catch (error) {
		const nodeError = asNodeError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		const { message, description } = nodeError as NodeOperationError;
		return [[{ json: { error: message, ...(description && { description }) }, pairedItem }]];
	}
}
