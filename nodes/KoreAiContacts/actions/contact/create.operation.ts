// Create: each item becomes one new contact, sent in batches; Success carries it with its new id.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { withoutRepeatedPhones } from '../../helpers/repeats';
import type { ItemOutcome, NewContact } from '../../helpers/types';
import type { KoreCall } from '../../transport/koreClient';
import { validateNewContact } from '../../helpers/validation';
import { columnsFor, validRecords } from '../shared/columns';
import { optionsFor, readOptions } from '../../helpers/options';
import { runWrite } from '../shared/writeRun';
import { createWriter } from '../shared/writers';

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
	columnsFor(OPERATION, 'add'),
	...optionsFor(OPERATION, ['dryRun', 'batchSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

export const createCall = (records: NewContact[]): KoreCall => ({ method: 'POST', path: '', body: records, expect: 'created', creating: true, verb: 'create' });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const valid = validRecords(this, items, outcomes, validateNewContact);
	const pending = withoutRepeatedPhones(valid, outcomes, (earlier) => `item ${earlier.itemIndex}`);
	return await runWrite(this, {
		operation: 'create',
		items,
		options,
		outcomes,
		pending,
		idOf: () => null,
		writer: createWriter(this, { records: () => pending, callFor: createCall, outcomes, options }),
	});
}
