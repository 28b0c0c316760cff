// What the Contact List operations share: the list parameter (a resource locator), resolving it once
// per run, the run's client with the campaign scope, and Kore's refusals as errors or Failed items.
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, type JsonObject } from 'n8n-workflow';

import { explainConfigurationError } from '../../helpers/explain';
import type { RunOptions } from '../../helpers/options';
import { asNodeError, openClient } from '../../transport/client';
import { listById, listByName, type ListLookup } from '../../transport/contactLists';
import type { CallOutcome, KoreClient } from '../../transport/koreClient';

export const RESOURCE = 'contactList';

/** Shown only for these operations (the resource's table adds the resource). */
export function showFor(operations: string[]) {
	return { show: { operation: operations } };
}

/** The list an operation works on: picked from Kore's lists, by ID, or by name. */
export function contactListParameter(operations: string[]): INodeProperties {
	return {
		displayName: 'Contact List',
		name: 'contactList',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The campaign contact list',
		hint: 'Add Contacts names a list by its name and every other call by its ID: the node looks up whichever it needs, once per run (one request)',
		displayOptions: showFor(operations),
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchContactLists', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'cl-4db9a03-07a3-4009-973a-b8940e81abcd',
				validation: [{ type: 'regex', properties: { regex: '^cl-[A-Za-z0-9-]+$', errorMessage: 'A contact list ID starts with cl-' } }],
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'Renewal Due - July 2025' },
		],
	};
}

/** The run's client: the campaign APIs need the scope "Campaign Management". */
export async function openCampaignClient(context: IExecuteFunctions, options: RunOptions, itemIndex = 0) {
	return await openClient(context, options, itemIndex, 'Campaign Management');
}

/** The list the item names, found once per run for items that name the same list. */
export class ListResolver {
	private readonly found = new Map<string, Promise<ListLookup>>();

	constructor(private readonly client: KoreClient) {}

	resolve(context: IExecuteFunctions, itemIndex: number): Promise<ListLookup> {
		const locator = context.getNodeParameter('contactList', itemIndex, { mode: 'list', value: '' }) as { mode?: string; value?: unknown } | string;
		const { mode, value } = typeof locator === 'string' ? { mode: 'id', value: locator } : { mode: locator.mode ?? 'id', value: locator.value };
		const text = typeof value === 'string' ? value.trim() : '';
		if (text === '') return Promise.resolve({ kind: 'missing', reason: 'Contact List is empty: pick a list, or give its ID or name' });
		const key = `${mode}:${text}`;
		if (!this.found.has(key)) this.found.set(key, mode === 'name' ? listByName(this.client, text) : listById(this.client, text));
		return this.found.get(key)!;
	}
}

/** Kore's refusal of the set-up (credential, scope, bot) as the node's error, naming the scope. */
export function configurationError(context: IExecuteFunctions, outcome: Extract<CallOutcome, { kind: 'configuration' }>, itemIndex?: number) {
	const explained = explainConfigurationError(outcome.status, outcome.detail, outcome.body, outcome.scope);
	return new NodeApiError(context.getNode(), (outcome.body ?? {}) as JsonObject, {
		message: explained.message,
		description: explained.description,
		httpCode: String(outcome.status),
		itemIndex,
	});
}

/** A call that did not succeed, as the fields of a Failed item. */
export function failureOf(outcome: Exclude<CallOutcome, { kind: 'ok' }>): IDataObject {
	switch (outcome.kind) {
		case 'rejected':
			return { stage: 'api', reason: `Kore.ai refused it (HTTP ${outcome.status}): ${outcome.detail || 'no reason given'}`, httpStatus: outcome.status, koreResponse: outcome.body as IDataObject };
		case 'failed':
			return { stage: 'request', reason: outcome.reason, ...(outcome.status !== undefined && { httpStatus: outcome.status }), ...(outcome.body !== undefined && { koreResponse: outcome.body as IDataObject }) };
		case 'configuration':
			return { stage: 'request', reason: explainConfigurationError(outcome.status, outcome.detail, outcome.body, outcome.scope).message, httpStatus: outcome.status, code: 'CONFIGURATION' };
		case 'cancelled':
			return { stage: 'request', reason: 'The execution was cancelled before Kore.ai answered' };
	}
}

/**
 * Runs `each` for every input item: what it returns goes to Success, a failure to Failed with its
 * reason. Kore's refusal of the set-up stops the node (Failed items instead, with Continue On Fail).
 */
export async function perItem(
	context: IExecuteFunctions,
	client: KoreClient,
	each: (itemIndex: number) => Promise<{ ok: true; json: IDataObject | IDataObject[] } | { ok: false; failure: IDataObject }>,
): Promise<[INodeExecutionData[], INodeExecutionData[]]> {
	const success: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		let result;
		try {
			result = await each(itemIndex);
		} catch (error) {
			throw asNodeError(context, error, itemIndex);
		}
		if (client.refusal && !context.continueOnFail()) throw configurationError(context, client.refusal, itemIndex);
		if (result.ok) for (const json of Array.isArray(result.json) ? result.json : [result.json]) success.push({ json, pairedItem });
		else failed.push({ json: result.failure, pairedItem });
	}
	context.logger.info('Kore.ai contact list operation finished', { items: items.length, requests: client.requestsSent, throttled: client.throttledResponses });
	return [success, failed];
}

/** One output: a failure stops the node (or, with Continue On Fail, becomes the item's only output). */
export async function readPerItem(
	context: IExecuteFunctions,
	client: KoreClient,
	each: (itemIndex: number) => Promise<{ ok: true; json: IDataObject | IDataObject[] } | { ok: false; failure: IDataObject }>,
): Promise<INodeExecutionData[][]> {
	const [success, failed] = await perItem(context, client, each);
	if (failed.length > 0 && !context.continueOnFail()) {
		const first = failed[0];
		throw new NodeOperationError(context.getNode(), String(first.json.reason), { itemIndex: (first.pairedItem as { item: number }).item });
	}
	return [[...success, ...failed].sort((a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item)];
}
