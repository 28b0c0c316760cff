import {
	NodeOperationError,
	type ICredentialsDecrypted,
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

/** A credential value that cannot work: nothing was sent, and the fix is in the credential. */
function credentialError(context: IExecuteFunctions, message: string, itemIndex: number) {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: 'Open the Kore.ai API credential and correct it.',
	});
}

/** Where to send, and the credential to sign with: read once for the whole run. */
async function koreTarget(context: IExecuteFunctions, itemIndex: number): Promise<{ url: string; credentials: ICredentialsDecrypted }> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	const base = contactsBaseUrl(data.host, data.streamId);
	if (!base.ok) throw credentialError(context, base.problem, itemIndex);
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return { url: base.url, credentials: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data } };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = mapItems(this, items, outcomes);

	if (pending.length > 0) {
		try {
			const target = await koreTarget(this, pending[0].itemIndex);
			const client = new BulkUpdateClient(this, {
				...target,
				timeoutMs: options.timeoutMs,
				requestsPerMinute: options.requestsPerMinute,
				maxRetries: options.maxRetries,
				windowMs: options.windowMs,
				now: Date.now,
				random: Math.random,
			});
			await new BulkUpdateRun(this, client, outcomes, options.batchSize, options.parallelRequests).send(pending);
			this.logger.info('Kore.ai bulk update finished', {
				records: pending.length,
				requests: client.requestsSent,
				throttled: client.throttledResponses,
			});
		} catch (error) {
			const nodeError =
				error instanceof RequestNotSentError ? credentialError(this, error.message, pending[0].itemIndex) : error;
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
