// Update: each item changes one contact, named by Contact, with the fields it gives; the fields it
// leaves out keep the values Kore.ai has. The items go in batches through Kore's bulk update.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsFor } from '../../helpers/options';
import { runUpdate } from './bulkUpdate.operation';
import { columnsFor } from '../shared/columns';
import { contactIdOfItem, contactLocatorFor } from '../shared/contactId';

const OPERATION = 'update';

export const description: INodeProperties[] = [
	contactLocatorFor(OPERATION, 'The contact to update'),
	columnsFor(OPERATION, 'change'),
	...optionsFor(OPERATION, ['dryRun', 'batchSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute']),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// The contact is named by Contact; an id among the mapped fields is not a field to change.
	return await runUpdate(this, 'update', (_raw, itemIndex) => contactIdOfItem(this, itemIndex));
}
