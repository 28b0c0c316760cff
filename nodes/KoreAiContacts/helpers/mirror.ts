// Create or Update's "Delete Contacts Not in Input": the active contacts of the account that no input
// item carries (by phone number or by id), guarded, because an empty or partial source would otherwise
// empty the account. Pure: the operation reads, decides with this, and deletes in batches.
import { contactIdOf } from './contactShape';
import { contactPhoneKey } from './phone';

/** The numbers and ids the input carries: every item's, valid or not (a row with a typo still names its person). */
export interface Carried {
	phones: Set<string>;
	ids: Set<string>;
}

export type MirrorPlan =
	| { kind: 'delete'; contacts: Array<Record<string, unknown>> }
	/** Nothing is deleted: the reason, in words. */
	| { kind: 'held'; reason: string; wouldDelete: number };

/**
 * The contacts to delete: active, and neither their number nor their id carried by an item. Held,
 * deleting nothing, when the input is empty or they are more than `maxPercent` of the active contacts.
 */
export function planDeletions(contacts: Array<Record<string, unknown>>, carried: Carried, inputItems: number, maxPercent: number): MirrorPlan {
	const active = contacts.filter((contact) => contact.status !== 'INACTIVE');
	const missing = active.filter((contact) => {
		const key = contactPhoneKey(contact);
		const id = contactIdOf(contact);
		return !(key !== undefined && carried.phones.has(key)) && !(id !== undefined && carried.ids.has(id));
	});
	if (inputItems === 0) {
		return { kind: 'held', wouldDelete: missing.length, reason: 'Delete Contacts Not in Input deleted nothing: the input is empty, and an empty source never empties Kore.ai.' };
	}
	const allowed = Math.floor((active.length * maxPercent) / 100);
	if (missing.length > allowed) {
		const share = active.length === 0 ? 0 : Math.round((missing.length / active.length) * 1000) / 10;
		return {
			kind: 'held',
			wouldDelete: missing.length,
			reason:
				`Delete Contacts Not in Input deleted nothing: it would delete ${missing.length} of the ${active.length} active contacts (${share}%), ` +
				`more than Max Deletions allows (${maxPercent}%, ${allowed} contacts). A partial source (a filtered export, a failed page) looks like this. ` +
				'Creates and updates went ahead. If the input really is the whole list, raise Max Deletions.',
		};
	}
	return { kind: 'delete', contacts: missing };
}
