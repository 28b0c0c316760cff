// Outcomes into the two outputs, each item paired with the input item it came from, in input order.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemOutcome } from './types';

/** The id as the person gave it, on a Failed item: only plain values, never an object. */
function primitiveId(id: unknown) {
	return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** The Failed item of one outcome: rich JSON, never a bare {error} n8n would move elsewhere. */
function failedJson(outcome: ItemOutcome | undefined): IDataObject {
	if (!outcome || outcome.kind === 'success') {
		// An item without an outcome is a bug; it still comes out, on Failed, rather than vanish.
		return { id: null, reason: 'The node produced no result for this item (please report this)', stage: 'request', record: null };
	}
	return {
		id: primitiveId(outcome.id),
		reason: outcome.reason,
		stage: outcome.stage,
		...(outcome.code !== undefined && { code: outcome.code }),
		...(outcome.httpStatus !== undefined && { httpStatus: outcome.httpStatus }),
		record: outcome.record as IDataObject,
		...(outcome.koreResponse !== undefined && { koreResponse: outcome.koreResponse as IDataObject }),
	};
}

export interface OutputSettings {
	/** Add the input item, under "input", to each Failed item. */
	includeInputData: boolean;
	/** The input item each slot came from; one record per item when omitted. */
	itemOf?: number[];
	/** The CSV row each slot was read from. */
	rowOf?: number[];
}

/**
 * `outcomes[slot]` for each record, into Success and Failed. Slots are in input order, so each output
 * keeps it.
 */
export function buildOutputs(
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	{ includeInputData, itemOf, rowOf }: OutputSettings,
): [INodeExecutionData[], INodeExecutionData[]] {
	const success: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	const slots = itemOf?.length ?? items.length;
	for (let slot = 0; slot < slots; slot++) {
		const itemIndex = itemOf ? itemOf[slot] : slot;
		const outcome = outcomes[slot];
		const pairedItem = { item: itemIndex };
		if (outcome?.kind === 'success') {
			success.push({ json: outcome.contact, pairedItem });
			continue;
		}
		const json = failedJson(outcome);
		if (rowOf?.[slot] !== undefined) json.row = rowOf[slot];
		if (includeInputData) json.input = items[itemIndex].json;
		failed.push({ json, pairedItem });
	}
	return [success, failed];
}
