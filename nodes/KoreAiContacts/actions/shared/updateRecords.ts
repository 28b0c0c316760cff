// The records of Update and Bulk Update: each item's contact id and the fields it gives. An item that
// gives every field Kore requires is checked and ready at once; the others are completed from Kore's
// copy of the contact, read once for all of them (stopping when every id needed was seen), so that a
// field an item leaves out keeps the value Kore.ai has.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { completeFrom, missingFields } from '../../helpers/completion';
import { contactIdOf } from '../../helpers/contactShape';
import { fieldLabel } from '../../helpers/fields';
import type { RawContact } from '../../helpers/mapping';
import type { ContactRecord, ItemOutcome, PendingRecord } from '../../helpers/types';
import { validateContact, validateContactId } from '../../helpers/validation';
import type { KoreClient } from '../../transport/koreClient';
import { listReadError } from '../../transport/listReadError';
import { LARGEST_PAGE, readContacts } from '../../transport/pages';
import { rawContacts } from './columns';

type Incomplete = RawContact & { id: string };

export interface UpdateRecords {
	/** Every record with a usable id, for the runner (Failed items of a run that stopped show these). */
	pending: Array<PendingRecord<{ id: string }>>;
	/** The records to send, in input order: complete once `complete` has run. */
	ready: () => Array<PendingRecord<ContactRecord>>;
	/** Reads Kore's copies of the contacts items leave fields of; undefined when none does (no read). */
	complete?: (client: KoreClient) => Promise<void>;
}

const bySlot = (a: { slot: number }, b: { slot: number }) => a.slot - b.slot;

/** `idOf` finds the contact id of an item: a mapped field (Bulk Update) or the Contact ID parameter (Update). */
export function updateRecords(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	idOf: (raw: RawContact, itemIndex: number) => unknown,
): UpdateRecords {
	const ready: Array<PendingRecord<ContactRecord>> = [];
	const incomplete: Array<PendingRecord<Incomplete>> = [];
	const invalid = (slot: number, id: unknown, record: unknown, reason: string) =>
		(outcomes[slot] = { kind: 'failed', id, record, stage: 'validation', reason, code: 'INVALID_RECORD' });
	const check = (slot: number, itemIndex: number, raw: RawContact) => {
		const result = validateContact(raw);
		if (result.ok) ready.push({ slot, itemIndex, record: result.record });
		else invalid(slot, raw.id, raw, result.reason);
	};

	rawContacts(context, items).forEach((fields, itemIndex) => {
		const given = idOf(fields, itemIndex);
		const raw = { ...fields, id: given };
		if (missingFields(raw).length === 0) return check(itemIndex, itemIndex, raw);
		const id = validateContactId(given);
		if (id.ok) incomplete.push({ slot: itemIndex, itemIndex, record: { ...raw, id: id.id } });
		else invalid(itemIndex, given, raw, id.reason);
	});

	const complete = async (client: KoreClient) => {
		const wanted = new Set(incomplete.map(({ record }) => record.id));
		const found = new Map<string, Record<string, unknown>>();
		const read = await readContacts(client, {
			pageSize: LARGEST_PAGE,
			limit: wanted.size,
			// Each id once, so that a contact a shifted page shows twice cannot stop the read early.
			filter: {
				matches: (contact) => {
					const id = contactIdOf(contact);
					if (id === undefined || !wanted.has(id) || found.has(id)) return false;
					found.set(id, contact);
					return true;
				},
				unique: false,
				selective: true,
			},
		});
		if (read.kind === 'failed') throw listReadError(context, read);
		for (const { slot, itemIndex, record } of incomplete) {
			const stored = found.get(record.id);
			if (stored) check(slot, itemIndex, completeFrom(record, stored));
			else outcomes[slot] = { kind: 'failed', id: record.id, record, stage: 'api', reason: notFoundReason(record), code: 'CONTACT_NOT_FOUND' };
		}
		ready.sort(bySlot);
	};

	return {
		pending: [...ready, ...incomplete].sort(bySlot),
		ready: () => ready,
		...(incomplete.length > 0 && { complete }),
	};
}

function notFoundReason(record: Incomplete) {
	return `Kore.ai has no active contact with this id: the id is wrong, or the contact was deleted. (This item leaves ${missingFields(record).map(fieldLabel).join(', ')} empty, so the node looked for the contact in Kore.ai's list to keep their values.)`;
}
