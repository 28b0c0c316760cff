// What every operation of the campaign resources (Contact List, Campaign) shares: the run's client
// with the campaign scope, a run per input item into Success and Failed (or one output for reads),
// and Kore's refusals as the node's error or a Failed item's fields.
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, type INodePropertyOptions, type JsonObject } from 'n8n-workflow';

import { explainConfigurationError } from '../../helpers/explain';
import type { RunOptions } from '../../helpers/options';
import { asNodeError, openClient } from '../../transport/client';
import type { CallOutcome, KoreClient } from '../../transport/koreClient';

/** The options every campaign call takes: its retries, its timeout, its share of the account's pace. */
export const RATE_OPTIONS = ['maxRetries', 'timeout', 'requestsPerMinute'] as const;

/** One operation of a resource: its option in the picker, its parameters, its run. */
export interface Operation {
	option: INodePropertyOptions;
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

/** The run's client: the campaign APIs need the scope "Campaign Management". */
export async function openCampaignClient(context: IExecuteFunctions, options: RunOptions, itemIndex = 0) {
	return await openClient(context, options, itemIndex, 'Campaign Management');
}

/** Kore's refusal of the set-up (credential, scope, bot) as the node's error, naming the scope. */
export function configurationError(context: Pick<IExecuteFunctions, 'getNode'>, outcome: Extract<CallOutcome, { kind: 'configuration' }>, itemIndex?: number) {
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
	const [resource, operation] = [context.getNodeParameter('resource', 0, 'contact'), context.getNodeParameter('operation', 0, '')];
	context.logger.info(`Kore.ai ${String(resource)} ${String(operation)} finished`, { items: items.length, requests: client.requestsSent, throttled: client.throttledResponses });
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
