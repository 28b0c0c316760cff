// Get Many: the account's contacts, page by page, one output item per contact. It runs once per
// execution, whatever the number of input items: a contact list is read once, not once per row.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { contactFilter, instantIn, type StatusFilter } from '../helpers/contactFilter';
import { flatContact, withId } from '../helpers/contactShape';
import { capForModel, TOOL_MAX_CONTACTS } from '../helpers/toolOutput';
import { readContacts } from '../transport/pages';
import { asNodeError, openClient } from './shared/client';
import { listReadError } from './shared/listReadError';
import { optionsFor, readOptions } from './shared/options';
import { runsAsTool } from './shared/tool';

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
		hint: 'With filters: the first matches in Kore.ai\'s order; no page is read after the last one needed',
		displayOptions: { show: { operation: [OPERATION], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only contacts that match every filter given. Kore.ai has no search, so the node reads the list and keeps the matches.',
		displayOptions: show,
		options: [
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+91 98450 11111',
				description:
					'The contact with this phone number, written any way (spaces, dashes, +country code). With a country code it is one contact, and reading stops at it; without one, contacts whose number is exactly these digits.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'Asha',
				description: 'Contacts whose first, last or full name contains this text (upper or lower case alike)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active', description: 'Contacts in use (deleted ones are left out)' },
					{ name: 'Deleted (Inactive)', value: 'inactive', description: 'Contacts deleted in Kore.ai, where its list shows them' },
					{ name: 'Any', value: 'any', description: 'Active and deleted contacts alike' },
				],
				description: 'Whether to return active contacts, deleted ones, or both',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: "Contacts changed at or after this date and time (Kore.ai's updatedAt). Without a time zone, the workflow's time zone is used.",
			},
		],
	},
	...optionsFor(OPERATION, ['outputFormat', 'pageSize', 'maxRetries', 'timeout', 'requestsPerMinute']),
];

/** The filters as a predicate; a value that cannot be a filter is the node's error, named. */
function readFilters(context: IExecuteFunctions) {
	const filters = context.getNodeParameter('filters', 0, {}) as IDataObject;
	const updatedSince = instantIn(filters.updatedSince, context.getTimezone());
	if (updatedSince !== undefined && Number.isNaN(updatedSince)) {
		throw new NodeOperationError(context.getNode(), `The Updated Since filter "${String(filters.updatedSince)}" is not a date and time`, {
			description: 'Use a date and time such as 2026-11-28T09:30:00 (the workflow\'s time zone) or 2026-11-28T09:30:00Z (UTC).',
			itemIndex: 0,
		});
	}
	const result = contactFilter({
		phoneNumber: typeof filters.phoneNumber === 'string' || typeof filters.phoneNumber === 'number' ? String(filters.phoneNumber) : undefined,
		name: typeof filters.name === 'string' ? filters.name : undefined,
		status: (filters.status as StatusFilter | undefined) ?? 'active',
		updatedSince,
	});
	if (!result.ok) throw new NodeOperationError(context.getNode(), result.problem, { itemIndex: 0 });
	return result.predicate;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this);
	const returnAll = this.getNodeParameter('returnAll', 0, false) as boolean;
	const limit = returnAll ? undefined : Math.max(1, Math.floor(this.getNodeParameter('limit', 0, 50) as number));
	const pairedItem = { item: 0 };
	try {
		const filter = readFilters(this);
		const client = await openClient(this, options, 0);
		const result = await readContacts(client, { pageSize: options.pageSize, limit, filter });
		this.logger.info('Kore.ai get many finished', { requests: client.requestsSent, throttled: client.throttledResponses });
		if (result.kind === 'failed') throw listReadError(this, result);
		const shape = options.outputFormat === 'flat' ? flatContact : withId;
		const contacts = result.contacts.map((contact) => ({ json: shape(contact), pairedItem }));
		// Only a model gets a capped answer; a workflow gets every contact it asked for.
		return [runsAsTool(this) ? capForModel(contacts, Math.min(TOOL_MAX_CONTACTS, limit ?? TOOL_MAX_CONTACTS), result.complete) : contacts];
	} catch (error) {
		const nodeError = asNodeError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		const { message, description } = nodeError as NodeOperationError;
		return [[{ json: { error: message, ...(description && { description }) }, pairedItem }]];
	}
}
