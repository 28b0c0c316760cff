// The Contact List resource: campaign contact lists (Kore.ai's Campaign Management APIs, scope
// "Campaign Management"). Its operations, their parameters, shown only under this resource.
import type { Operation } from '../shared/perItem';
import { resourceDescription } from '../shared/resource';

import * as addContacts from './addContacts.operation';
import * as create from './create.operation';
import { get, getAll, getContacts } from './read.operations';
import { RESOURCE } from './shared';
import { deleteList, update } from './write.operations';

export const listOperations: Record<string, Operation> = {
	addContacts: {
		option: { name: 'Add Contacts', value: 'addContacts', description: "Add people to a campaign contact list, each number's fate confirmed", action: 'Add people to a campaign list' },
		...addContacts,
	},
	create: { option: { name: 'Create', value: 'create', description: 'Create a contact list for campaigns', action: 'Create a campaign contact list' }, ...create },
	delete: { option: { name: 'Delete', value: 'delete', description: 'Delete a contact list no campaign uses', action: 'Delete a campaign contact list' }, ...deleteList },
	get: { option: { name: 'Get', value: 'get', description: "Get a contact list's details", action: 'Get a campaign contact list' }, ...get },
	getContacts: { option: { name: 'Get Contacts', value: 'getContacts', description: 'Get the people on a contact list', action: "Get a campaign list's contacts" }, ...getContacts },
	getAll: { option: { name: 'Get Many', value: 'getAll', description: 'Get the contact lists of the bot', action: 'Get many campaign contact lists' }, ...getAll },
	update: { option: { name: 'Update', value: 'update', description: "Change a contact list's name or description", action: 'Update a campaign contact list' }, ...update },
};

export const listDescription = resourceDescription(RESOURCE, listOperations, 'addContacts');
