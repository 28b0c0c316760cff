// Create: each item becomes one new contact, sent in batches; Success carries it with its new id.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { withoutRepeatedPhones } from '../helpers/repeats';
import type { ItemOutcome, NewContact, PendingRecord } from '../helpers/types';
import { validateNewContact } from '../helpers/validation';
import { columnsFor, givenId, rawContacts } from './shared/columns';
import { createOnce } from './shared/createRun';
import { optionsFor, readOptions } from './shared/options';
import { runWrite } from './shared/writeRun';

const OPERATION = 'create';

export const description: INodeProperties[] = [
	{
		displayName:
			'Each input item becomes one new Kore.ai contact. Created contacts come out of <b>Success</b> with the <b>ID</b> Kore.ai gave them, paired to the item they came from; every other item comes out of <b>Failed</b> with the reason.',
		name: 'createNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	columnsFor(OPERATION, false),
	...optionsFor(OPERATION, ['batchSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const valid: Array<PendingRecord<NewContact>> = [];
	rawContacts(this, items).forEach((raw, itemIndex) => {
		const result = validateNewContact(raw);
		if (result.ok) valid.push({ slot: itemIndex, itemIndex, record: result.record });
		else outcomes[itemIndex] = { kind: 'failed', id: givenId(raw.id), record: raw, stage: 'validation', reason: result.reason, code: 'INVALID_RECORD' };
	});
	const pending = withoutRepeatedPhones(valid, outcomes, (earlier) => `item ${earlier.itemIndex}`);
	return await runWrite(this, {
		operation: 'create',
		items,
		options,
		outcomes,
		pending,
		idOf: () => null,
		send: async (client) =>
			await createOnce(this, client, (records) => ({ method: 'POST', path: '', body: records, expect: 'created', creating: true, verb: 'create' }), pending, outcomes, options),
	});
}
