// The trigger watching contacts: each poll reads the whole contact list and emits what was created,
// updated or deleted since the last poll, each once (helpers/changeDetection.ts, helpers/deletions.ts).
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { baseline, detectChanges, isTriggerState, mostRecentChange, type Change, type ContactEvent } from '../helpers/changeDetection';
import { flatContact, withId } from '../helpers/contactShape';
import { isDeletionState, trackDeletions, type DeletionCheck } from '../helpers/deletions';
import { readPollOptions } from '../helpers/options';
import { asNodeError, openClient } from '../transport/client';
import { listReadError } from '../transport/listReadError';
import { readContacts } from '../transport/pages';
import { POLL_BUDGET_WINDOWS } from './budget';

export const EVENTS: ContactEvent[] = ['created', 'updated', 'deleted'];

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


export async function pollContacts(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
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
