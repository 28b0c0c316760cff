// The Contact resource (Kore.ai's Contacts API, scope "Configuration"): its operations, their names in
// the editor, their parameters and their code, shown only under this resource.
import type { Operation } from '../shared/perItem';
import { resourceDescription } from '../shared/resource';

import * as bulkDelete from './bulkDelete.operation';
import * as bulkUpdate from './bulkUpdate.operation';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as getAll from './getAll.operation';
import * as importCsv from './importCsv.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const contactOperations: Record<string, Operation> = {
	bulkUpdate: {
		option: { name: 'Bulk Update', value: 'bulkUpdate', description: 'Update existing contacts by ID, in batches', action: 'Bulk update contacts' },
		...bulkUpdate,
	},
	create: {
		option: { name: 'Create', value: 'create', description: 'Create new contacts, in batches, and get their IDs', action: 'Create contacts' },
		...create,
	},
	getAll: {
		option: { name: 'Get Many', value: 'getAll', description: "Read the account's contacts", action: 'Get many contacts' },
		...getAll,
	},
	update: {
		option: { name: 'Update', value: 'update', description: 'Update one contact per item, by its ID', action: 'Update a contact' },
		...update,
	},
	delete: {
		option: { name: 'Delete', value: 'delete', description: 'Delete one contact per item, by its ID', action: 'Delete a contact' },
		...deleteContact,
	},
	bulkDelete: {
		option: { name: 'Bulk Delete', value: 'bulkDelete', description: 'Delete the contacts of all items by ID, in batches', action: 'Bulk delete contacts' },
		...bulkDelete,
	},
	importCsv: {
		option: { name: 'Import From CSV', value: 'importCsv', description: 'Create contacts from the rows of a CSV file', action: 'Import contacts from a CSV file' },
		...importCsv,
	},
	upsert: {
		option: {
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update contacts',
		},
		...upsert,
	},
};

/** The Contact resource's operation picker and every operation's parameters, shown only under it. */
export const contactDescription = resourceDescription('contact', contactOperations, 'bulkUpdate', 'byName');

/**
 * The node's outputs for its parameters: Get Many has one, the write operations Success and Failed.
 * n8n evaluates it from its source text in the editor, so it uses nothing from outside itself.
 */
export function configuredOutputs(parameters: { resource?: string; operation?: string }) {
	if (parameters.resource === 'campaign') {
		const reads: Record<string, string> = { getAll: 'Campaigns', get: 'Campaign', getOutcomes: 'Outcomes' };
		const read = reads[parameters.operation ?? 'getOutcomes'];
		if (read) return [{ type: 'main', displayName: read }];
	} else if (parameters.resource === 'contactList') {
		const reads: Record<string, string> = { getAll: 'Contact Lists', get: 'Contact List', getContacts: 'Contacts' };
		const read = reads[parameters.operation ?? 'addContacts'];
		if (read) return [{ type: 'main', displayName: read }];
	} else if (parameters.operation === 'getAll') return [{ type: 'main', displayName: 'Contacts' }];
	return [
		{ type: 'main', displayName: 'Success' },
		{ type: 'main', displayName: 'Failed' },
	];
}
