import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { contactFromItem, contactFromMappedValues, type RawContact } from '../../helpers/mapping';
import { buildOutputs } from '../../helpers/outputs';
import type { ItemOutcome, PendingRecord } from '../../helpers/types';
import { validateContact } from '../../helpers/validation';
import { BulkUpdateClient } from '../../transport/bulkUpdateClient';
import { contactsBaseUrl } from '../../transport/host';
import { CREDENTIAL_TYPE, RequestNotSentError } from '../../transport/request';
import { readOptions } from './options';
import { BulkUpdateRun } from './sendRecords';

/** The id as the person gave it, for the Failed item: only plain values, never an object. */
function givenId(raw: RawContact) {
	return typeof raw.id === 'string' || typeof raw.id === 'number' ? raw.id : null;
}

function mapItems(context: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcome[]): PendingRecord[] {
	const automatic = context.getNodeParameter('columns.mappingMode', 0, 'defineBelow') === 'autoMapInputData';
	const pending: PendingRecord[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const raw = automatic
			? contactFromItem(items[itemIndex].json)
			: contactFromMappedValues(context.getNodeParameter('columns.value', itemIndex, {}) as IDataObject);
		const result = validateContact(raw);
		if (result.ok) {
			pending.push({ itemIndex, record: result.record });
		} else {
			outcomes[itemIndex] = { kind: 'failed', id: givenId(raw), record: raw, stage: 'validation', reason: result.reason, code: 'INVALID_RECORD' };
		}
	}
	return pending;
}

async function contactsUrl(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const base = contactsBaseUrl(credentials.host, credentials.streamId);
	if (base.ok) return base.url;
	throw new NodeOperationError(context.getNode(), base.problem, {
		itemIndex,
		description: 'Open the Kore.ai API credential and correct it.',
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = mapItems(this, items, outcomes);

	if (pending.length > 0) {
		try {
			const client = new BulkUpdateClient(this, {
				url: await contactsUrl(this, pending[0].itemIndex),
				timeoutMs: options.timeoutMs,
				requestsPerMinute: options.requestsPerMinute,
				maxRetries: options.maxRetries,
				windowMs: options.windowMs,
				now: Date.now,
				random: Math.random,
			});
			await new BulkUpdateRun(this, client, outcomes, options.batchSize).send(pending);
			this.logger.info('Kore.ai bulk update finished', {
				records: pending.length,
				requests: client.requestsSent,
				throttled: client.throttledResponses,
			});
		} catch (error) {
			const nodeError =
				error instanceof RequestNotSentError
					? new NodeOperationError(this.getNode(), error.message, {
							itemIndex: pending[0].itemIndex,
							description: 'Open the Kore.ai API credential and correct it.',
						})
					: error;
			if (!this.continueOnFail()) throw nodeError;
			const reason = (nodeError as Error).message;
			for (const { itemIndex, record } of pending) {
				if (outcomes[itemIndex] === undefined) {
					outcomes[itemIndex] = { kind: 'failed', id: record.id, record, stage: 'request', reason, code: 'CONFIGURATION' };
				}
			}
		}
	}
	return buildOutputs(items, outcomes, options.includeInputData);
}
