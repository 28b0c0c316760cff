// Import from CSV: the file in each item's binary property is checked row by row; valid rows go to
// Kore's import (multipart field result_file), the others to Failed with their row number.
import { randomBytes } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readContactCsv, writeContactCsv, CSV_COLUMNS } from '../../helpers/csv';
import { withoutRepeatedPhones } from '../../helpers/repeats';
import type { ItemOutcome, NewContact, PendingRecord } from '../../helpers/types';
import { validateNewContact } from '../../helpers/validation';
import type { KoreCall } from '../../transport/koreClient';
import { optionsFor, readOptions } from '../../helpers/options';
import { runWrite } from '../shared/writeRun';
import { createWriter } from '../shared/writers';

const OPERATION = 'importCsv';

export const description: INodeProperties[] = [
	{
		displayName: `Each input item carries a CSV file with the columns ${CSV_COLUMNS.join(', ')}. Every row becomes a new contact: created ones come out of <b>Success</b>, rows that cannot be imported out of <b>Failed</b> with their row number and the reason.`,
		name: 'importCsvNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'data',
		description: 'The name of the binary property of each input item that holds the CSV file',
		hint: 'Read/Write Files from Disk, HTTP Request and Extract From File name it "data" unless told otherwise',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	...optionsFor(OPERATION, ['dryRun', 'batchSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

/** One import request: the checked rows as Kore's CSV, in the form field Kore reads. */
function importCall(records: NewContact[]): KoreCall {
	const boundary = `----n8nKoreAi${randomBytes(12).toString('hex')}`;
	const body =
		`--${boundary}\r\nContent-Disposition: form-data; name="result_file"; filename="contacts.csv"\r\nContent-Type: text/csv; charset=utf-8\r\n\r\n` +
		`${writeContactCsv(records)}\r\n--${boundary}--\r\n`;
	return {
		method: 'POST',
		path: '/import-contacts',
		body,
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		expect: 'created',
		creating: true,
		verb: 'import',
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = [];
	const itemOf: number[] = [];
	const rowOfSlot: number[] = [];
	const valid: Array<PendingRecord<NewContact>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		// Valid rows have no outcome yet, so the slot is the count of slots, not of outcomes.
		const fileFailure = (reason: string, code: string) => {
			outcomes[itemOf.length] = { kind: 'failed', id: null, record: null, stage: 'validation', reason, code };
			itemOf.push(itemIndex);
		};
		if (!items[itemIndex].binary?.[property]) {
			fileFailure(`This item has no file in the binary property "${property}": set Input Binary Field to the property that holds the CSV file`, 'NO_FILE');
			continue;
		}
		const reading = readContactCsv(await this.helpers.getBinaryDataBuffer(itemIndex, property));
		if (!reading.ok) {
			fileFailure(reading.reason, 'INVALID_FILE');
			continue;
		}
		for (const { row, raw, cells } of reading.rows) {
			const slot = itemOf.length;
			itemOf.push(itemIndex);
			rowOfSlot[slot] = row;
			const result = validateNewContact(raw);
			if (result.ok) valid.push({ slot, itemIndex, record: result.record });
			else outcomes[slot] = { kind: 'failed', id: null, record: cells, stage: 'validation', reason: `Row ${row}: ${result.reason}`, code: 'INVALID_RECORD' };
		}
	}
	const pending = withoutRepeatedPhones(valid, outcomes, (earlier) => `row ${rowOfSlot[earlier.slot]}${items.length > 1 ? ` of item ${earlier.itemIndex}` : ''}`);
	return await runWrite(this, {
		operation: 'import',
		items,
		options,
		outcomes,
		pending,
		itemOf,
		rowOf: rowOfSlot,
		idOf: () => null,
		writer: createWriter(this, {
			records: () => pending,
			callFor: importCall,
			// The rows that would make up each file sent as result_file.
			previewCall: (records) => ({ method: 'POST', path: '/import-contacts', body: records }),
			outcomes,
			options,
		}),
	});
}
