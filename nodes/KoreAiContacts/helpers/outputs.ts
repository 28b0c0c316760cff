// Outcomes into the two outputs, each item paired with the input item it came from, in input order.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemOutcome } from './types';

function primitiveId(id: unknown) {
	return typeof id === 'string' || typeof id === 'number' ? id : null;
}

export function buildOutputs(
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	includeInputData: boolean,
): [INodeExecutionData[], INodeExecutionData[]] {
	const success: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		const pairedItem = { item: itemIndex };
		if (outcome?.kind === 'success') {
			success.push({ json: outcome.contact, pairedItem });
			continue;
		}
		// An item without an outcome is a bug; it still comes out, on Failed, rather than vanish.
		const json: IDataObject = outcome
			? {
					id: primitiveId(outcome.id),
					reason: outcome.reason,
					stage: outcome.stage,
					...(outcome.code !== undefined && { code: outcome.code }),
					...(outcome.httpStatus !== undefined && { httpStatus: outcome.httpStatus }),
					record: outcome.record as IDataObject,
					...(outcome.koreResponse !== undefined && { koreResponse: outcome.koreResponse as IDataObject }),
				}
			: { id: null, reason: 'The node produced no result for this item (please report this)', stage: 'request', record: null };
		if (includeInputData) json.input = items[itemIndex].json;
		failed.push({ json, pairedItem });
	}
	return [success, failed];
}
