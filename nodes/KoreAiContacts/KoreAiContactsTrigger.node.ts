import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { asNodeError, openClient } from './transport/client';
import { listReadError } from './transport/listReadError';
import { optionsFor, readPollOptions } from './helpers/options';
import { baseline, detectChanges, isTriggerState, mostRecentChange, type Change, type ContactEvent } from './helpers/changeDetection';
import { isDeletionState, trackDeletions, type DeletionCheck } from './helpers/deletions';
import { flatContact, withId } from './helpers/contactShape';
import { readContacts } from './transport/pages';

const EVENTS: ContactEvent[] = ['created', 'updated', 'deleted'];

/**
 * Contacts that left Kore's list (where it leaves deleted contacts out): all the trigger knows of them
 * is the id. Deletions it could not name come out as one item that says how many.
 */
function deletedItems({ deleted, unnamed, resizedTo }: DeletionCheck): INodeExecutionData[] {
	const items: INodeExecutionData[] = deleted.map((id) => ({ json: { id, _id: id, status: 'INACTIVE', event: 'deleted', leftTheList: true } }));
	if (unnamed > 0) {
		const grown = resizedTo !== undefined ? ` It now keeps track of up to ${resizedTo} changes between two polls.` : '';
		items.push({
			json: {
				event: 'deletionsUnnamed',
				count: unnamed,
				message: `At least ${unnamed} contact(s) were deleted in Kore.ai since the last poll that the trigger cannot name: more contacts were created or deleted between two polls than it keeps track of.${grown} To find them, compare your list with Get Many, or poll more often.`,
			},
		});
	}
	return items;
}

/** A poll reads for at most four of Kore's minutes: n8n 2.37+ abandons a poll after five. */
const POLL_BUDGET_WINDOWS = 4;

export class KoreAiContactsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai Contacts Trigger',
		name: 'koreAiContactsTrigger',
		icon: { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when contacts are created, changed or deleted in Kore.ai',
		defaults: { name: 'Kore.ai Contacts Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'koreAiApi', required: true }],
		properties: [
			{
				displayName:
					"Kore.ai has no webhook for contacts, so each poll reads the whole contact list: one request per Page Size contacts (10,000 contacts at 1,000 a page: 10 of Kore's 60 requests a minute). The first poll after activating only takes note of the list; renaming this node starts over the same way. Deleted contacts are reported whether Kore.ai's list shows them (as inactive) or leaves them out (then with their ID, one poll later, once a second read confirms it).",
				name: 'costNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['created', 'updated', 'deleted'],
				description: 'Which changes start the workflow. Each changed contact comes once per poll, with its latest state.',
				options: [
					{ name: 'Contact Created', value: 'created', description: 'A contact new since the last poll (also when edited since)' },
					{ name: 'Contact Updated', value: 'updated', description: 'An existing contact changed, or restored after a delete' },
					{ name: 'Contact Deleted', value: 'deleted', description: "A contact deleted: listed as inactive, or gone from Kore.ai's list (then only its ID is known)" },
				],
			},
			...optionsFor(undefined, ['outputFormat', 'pageSize', 'maxRetries', 'timeout', 'requestsPerMinute']),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = readPollOptions(this);
		const events = new Set(this.getNodeParameter('events', EVENTS) as string[]);
		const shape = options.outputFormat === 'flat' ? flatContact : withId;
		const toItem = ({ contact, event }: Change): INodeExecutionData => ({ json: { ...shape(contact), event } as IDataObject });

		const started = Date.now();
		let read;
		try {
			const client = await openClient(this, options);
			read = await readContacts(client, { pageSize: options.pageSize, deadline: started + POLL_BUDGET_WINDOWS * options.windowMs });
			this.logger.info('Kore.ai contacts trigger read the list', { pages: read.kind === 'ok' ? read.pages : read.page, requests: client.requestsSent });
		} catch (error) {
			throw asNodeError(this, error);
		}
		// A page that fails for good fails the poll and leaves the state as it was: the next poll
		// emits what this one could not.
		if (read.kind === 'failed') throw listReadError(this, read);
		// Only a duration is taken from this machine's clock, never a point in time.
		const readDuration = Date.now() - started;

		if (this.getMode() === 'manual') {
			const sample = mostRecentChange(read.contacts);
			return sample ? [[toItem(sample)]] : null;
		}
		const staticData = this.getWorkflowStaticData('node');
		const previous = isDeletionState(staticData.deletions) ? staticData.deletions : undefined;
		if (!isTriggerState(staticData.state)) {
			staticData.state = baseline(read.contacts, readDuration);
			staticData.deletions = trackDeletions(read.contacts, undefined, 0).next;
			return null;
		}
		const { changes, next } = detectChanges(read.contacts, staticData.state, readDuration);
		const created = changes.filter((change) => change.event === 'created').length;
		const deletions = trackDeletions(read.contacts, previous, created);
		staticData.state = next;
		staticData.deletions = deletions.next;
		if (deletions.resizedTo !== undefined) {
			this.logger.info('Kore.ai contacts trigger resized its summary of the list', { differences: deletions.resizedTo, unnamed: deletions.unnamed });
		}
		const items = changes.filter((change) => events.has(change.event)).map(toItem);
		if (events.has('deleted')) items.push(...deletedItems(deletions));
		return items.length > 0 ? [items] : null;
	}
}
