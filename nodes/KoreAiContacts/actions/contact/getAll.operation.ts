// Get Many: the account's contacts, page by page, one output item per contact. From node version 1.1
// it runs for every input item (each item's filters and limit, one read of the list for all of them,
// each contact paired with the item it answers); version 1 runs once, with the first item's filters.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { contactFilter, instantIn, type StatusFilter } from '../../helpers/contactFilter';
import { flatContact, withId } from '../../helpers/contactShape';
import { capForModel, TOOL_MAX_CONTACTS } from '../../helpers/toolOutput';
import { Lookups, type Lookup } from '../../helpers/lookups';
import { pagesSummary } from '../../helpers/runSummary';
import type { KoreClient } from '../../transport/koreClient';
import { readContacts } from '../../transport/pages';
import { asNodeError, openClient } from '../../transport/client';
import { listReadError } from '../../transport/listReadError';
import { optionsFor, readOptions, type OptionName, type RunOptions } from '../../helpers/options';
import { readLimit, returnAllAndLimit } from '../shared/limit';
import { runsAsTool } from '../shared/tool';

const OPERATION = 'getAll';
const show = { show: { operation: [OPERATION] } };
const OPTIONS: OptionName[] = ['outputFormat', 'pageSize', 'maxRetries', 'timeout', 'requestsPerMinute'];

export const description: INodeProperties[] = [
	...returnAllAndLimit(OPERATION, {
		returnAll: 'For each input item (from node version 1.1). A large account takes one request per page: 50,000 contacts at Page Size 1,000 is 50 requests, under a minute',
		limit: "For each input item (from node version 1.1). With filters: the first matches in Kore.ai's order; no page is read after the last one needed",
	}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			"Only contacts that match every filter given. Kore.ai has no search, so the node reads the list and keeps the matches. From node version 1.1 each input item's filters are used (map them from the item, such as its phone number), all from one read of the list.",
		displayOptions: show,
		options: [
			{
				displayName: 'Contact ID',
				name: 'id',
				type: 'string',
				default: '',
				placeholder: '6964af60d4c8a3d1a0b1c2d3',
				description: 'The contact with this ID (the ID of a contact from Get Many or Create)',
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
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+91 98450 11111',
				description:
					'The contact with this phone number, written any way (spaces, dashes, +country code). With + or 00 and a country code it is one contact, and reading stops at it; digits alone find the contact whose number is exactly these digits, or these digits with its country code in front (919845011111 finds +91 98450 11111).',
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
	...optionsFor(OPERATION, OPTIONS, {}, [1]),
	...optionsFor(OPERATION, ['includeNotFound', ...OPTIONS], {}, [1.1]),
];

/** An item's filters as a predicate; a value that cannot be a filter is the node's error, named. */
function readFilters(context: IExecuteFunctions, itemIndex: number) {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const updatedSince = instantIn(filters.updatedSince, context.getTimezone());
	if (updatedSince !== undefined && Number.isNaN(updatedSince)) {
		throw new NodeOperationError(context.getNode(), `The Updated Since filter "${String(filters.updatedSince)}" is not a date and time`, {
			description: "Use a date and time such as 2026-11-28T09:30:00 (the workflow's time zone) or 2026-11-28T09:30:00Z (UTC).",
			itemIndex,
		});
	}
	const asText = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
	const result = contactFilter({
		id: asText(filters.id),
		phoneNumber: asText(filters.phoneNumber),
		name: typeof filters.name === 'string' ? filters.name : undefined,
		status: (filters.status as StatusFilter | undefined) ?? 'active',
		updatedSince,
	});
	if (!result.ok) throw new NodeOperationError(context.getNode(), result.problem, { itemIndex });
	return { predicate: result.predicate, filters };
}

/** The run's error as an item, with Continue On Fail. */
function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const { message, description } = error as NodeOperationError;
	return { json: { error: message, ...(description && { description }) }, pairedItem: { item: itemIndex } };
}

/** The pages hint, when the read took many. */
function hintPages(context: IExecuteFunctions, client: KoreClient) {
	const hint = pagesSummary(client.pagesRead);
	if (hint) context.addExecutionHints({ ...hint, location: 'outputPane' });
}

/** Version 1, and a tool's call (one item): once, with the first item's filters. */
async function once(context: IExecuteFunctions, options: RunOptions): Promise<INodeExecutionData[][]> {
	const limit = readLimit(context, 0);
	const pairedItem = { item: 0 };
	try {
		const { predicate } = readFilters(context, 0);
		const client = await openClient(context, options, 0);
		const result = await readContacts(client, { pageSize: options.pageSize, limit, filter: predicate });
		context.logger.info('Kore.ai get many finished', { requests: client.requestsSent, throttled: client.throttledResponses });
		if (result.kind === 'failed') throw listReadError(context, result);
		hintPages(context, client);
		const shape = options.outputFormat === 'flat' ? flatContact : withId;
		const contacts = result.contacts.map((contact) => ({ json: shape(contact), pairedItem }));
		// Only a model gets a capped answer; a workflow gets every contact it asked for.
		return [runsAsTool(context) ? capForModel(contacts, Math.min(TOOL_MAX_CONTACTS, limit ?? TOOL_MAX_CONTACTS), result.complete) : contacts];
	} catch (error) {
		const nodeError = asNodeError(context, error, 0);
		if (!context.continueOnFail()) throw nodeError;
		return [[errorItem(nodeError, 0)]];
	}
}

/** Version 1.1: every item's filters against one read of the list. */
async function forEachItem(context: IExecuteFunctions, options: RunOptions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const failed = new Map<number, INodeExecutionData>();
	const asked: Lookup[] = [];
	const filtersOf: IDataObject[] = [];
	items.forEach((_, itemIndex) => {
		try {
			const { predicate, filters } = readFilters(context, itemIndex);
			filtersOf[itemIndex] = filters;
			asked.push({ itemIndex, predicate, limit: readLimit(context, itemIndex) });
		} catch (error) {
			const nodeError = new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			if (!context.continueOnFail()) throw nodeError;
			failed.set(itemIndex, errorItem(nodeError, itemIndex));
		}
	});
	const lookups = new Lookups(asked);
	if (asked.length > 0) {
		try {
			const client = await openClient(context, options, asked[0].itemIndex);
			const result = await readContacts(client, { pageSize: options.pageSize, filter: lookups.predicate, limit: lookups.readLimit });
			context.logger.info('Kore.ai get many finished', { items: asked.length, requests: client.requestsSent, throttled: client.throttledResponses });
			if (result.kind === 'failed') throw listReadError(context, result);
			hintPages(context, client);
		} catch (error) {
			const nodeError = asNodeError(context, error, asked[0].itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			for (const { itemIndex } of asked) failed.set(itemIndex, errorItem(nodeError, itemIndex));
		}
	}
	const shape = options.outputFormat === 'flat' ? flatContact : withId;
	const out: INodeExecutionData[] = [];
	let unmatched = 0;
	items.forEach((_, itemIndex) => {
		const pairedItem = { item: itemIndex };
		const error = failed.get(itemIndex);
		const matches = error ? [] : lookups.matchesOf(itemIndex);
		if (error) out.push(error);
		for (const contact of matches) out.push({ json: shape(contact), pairedItem });
		if (error || matches.length > 0) return;
		unmatched++;
		if (options.includeNotFound) out.push({ json: { found: false, message: NOT_FOUND_MESSAGE, filters: filtersOf[itemIndex] }, pairedItem });
	});
	if (unmatched > 0) {
		const shown = options.includeNotFound ? 'each comes out as one item with found: false' : 'they give no item (turn on "Output Items With No Match" to see them)';
		context.addExecutionHints({ message: `${unmatched} of ${items.length} input items matched no Kore.ai contact: ${shown}.`, type: 'info', location: 'outputPane' });
	}
	return [out];
}

const NOT_FOUND_MESSAGE = "No Kore.ai contact matches this item's filters";

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this);
	// A tool's call is one item, and its answer is capped for the model, as in version 1.
	if (this.getNode().typeVersion < 1.1 || runsAsTool(this)) return await once(this, options);
	return await forEachItem(this, options);
}
