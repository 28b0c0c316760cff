// What the Contact List operations share: the list parameter (a resource locator), and resolving it
// once per run. The run per item and the refusals are the campaign resources' (../shared/perItem.ts).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listById, listByName, type ListLookup } from '../../transport/contactLists';
import type { KoreClient } from '../../transport/koreClient';

import { failureOf } from '../shared/perItem';

export { configurationError, failureOf, openCampaignClient, perItem, readPerItem } from '../shared/perItem';

export const RESOURCE = 'contactList';

/** Shown only for these operations (the resource's table adds the resource). */
export function showFor(operations: string[]) {
	return { show: { operation: operations } };
}

/** The list an operation works on: picked from Kore's lists, by ID, or by name. */
export function contactListParameter(operations: string[]): INodeProperties {
	return {
		displayName: 'Contact List',
		name: 'contactList',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The campaign contact list',
		hint: 'Add Contacts names a list by its name and every other call by its ID: the node looks up whichever it needs, once per run (one request)',
		displayOptions: showFor(operations),
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchContactLists', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'cl-4db9a03-07a3-4009-973a-b8940e81abcd',
				validation: [{ type: 'regex', properties: { regex: '^cl-[A-Za-z0-9-]+$', errorMessage: 'A contact list ID starts with cl-' } }],
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'Renewal Due - July 2025' },
		],
	};
}

/** The list the item names, found once per run for items that name the same list. */
export class ListResolver {
	private readonly found = new Map<string, Promise<ListLookup>>();

	constructor(private readonly client: KoreClient) {}

	resolve(context: IExecuteFunctions, itemIndex: number): Promise<ListLookup> {
		const locator = context.getNodeParameter('contactList', itemIndex, { mode: 'list', value: '' }) as { mode?: string; value?: unknown } | string;
		const { mode, value } = typeof locator === 'string' ? { mode: 'id', value: locator } : { mode: locator.mode ?? 'id', value: locator.value };
		const text = typeof value === 'string' ? value.trim() : '';
		if (text === '') return Promise.resolve({ kind: 'missing', reason: 'Contact List is empty: pick a list, or give its ID or name' });
		const key = `${mode}:${text}`;
		if (!this.found.has(key)) this.found.set(key, mode === 'name' ? listByName(this.client, text) : listById(this.client, text));
		return this.found.get(key)!;
	}
}


/** A list the item names that was not found, or could not be read, as a Failed item's fields. */
export function lookupFailure(found: Exclude<ListLookup, { kind: 'found' }>): IDataObject {
	return found.kind === 'missing' ? { stage: 'api', code: 'NOT_FOUND', reason: found.reason } : failureOf(found.outcome);
}
