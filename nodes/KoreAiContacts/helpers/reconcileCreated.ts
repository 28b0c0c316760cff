// Kore's answer to a create or import, matched back to the records sent by phone number (unique per
// account in Kore), never by position: Kore does not document that it answers in the order sent.
import { withId } from './contactShape';
import { explainRecordReason } from './explain';
import { contactPhoneKey, phoneKey } from './phone';
import { entryCode, entryReason } from './reconcile';
import { createdContacts, isBulkResponse, isPlainObject } from './koreAnswers';
import type { ItemOutcome, NewContact, PendingRecord } from './types';

/** The contact an entry of the answer stands for: itself, or under `contact` / `record`. */
function entryContact(entry: unknown): unknown {
	if (!isPlainObject(entry)) return entry;
	return contactPhoneKey(entry) !== undefined ? entry : (entry.contact ?? entry.record ?? entry.data);
}

export interface CreatedReconciliation {
	/** One per record sent, in order: created, refused, or `unknown` when the answer did not say. */
	outcomes: ItemOutcome[];
	/** Created contacts the answer listed that match no record sent: reported, never guessed. */
	unpaired: unknown[];
}

export function reconcileCreated(batch: Array<PendingRecord<NewContact>>, body: unknown, httpStatus: number): CreatedReconciliation {
	const listed = createdContacts(body) ?? (isBulkResponse(body) ? ((body.successfulRecords as unknown[] | undefined) ?? []).map(entryContact) : []);
	const created = new Map<string, Record<string, unknown>>();
	const unpaired: unknown[] = [];
	const sentKeys = new Set(batch.map(({ record }) => phoneKey(record.cellPhone)));
	for (const entry of listed) {
		const contact = entryContact(entry);
		const key = contactPhoneKey(contact);
		if (key !== undefined && sentKeys.has(key) && !created.has(key) && isPlainObject(contact)) created.set(key, contact);
		else unpaired.push(entry);
	}
	const failed = new Map<string, unknown>();
	const failedEntries = isBulkResponse(body) ? ((body.failedRecords as unknown[] | undefined) ?? []) : [];
	for (const entry of failedEntries) {
		const key = contactPhoneKey(entryContact(entry));
		if (key !== undefined && !failed.has(key)) failed.set(key, entry);
	}

	const outcomes = batch.map(({ record }): ItemOutcome => {
		const key = phoneKey(record.cellPhone) ?? '';
		const contact = created.get(key);
		if (contact) return { kind: 'success', contact: withId(contact) };
		const failure = failed.get(key);
		if (failure !== undefined) {
			const reason = entryReason(failure);
			return {
				kind: 'failed',
				id: null,
				record,
				stage: 'api',
				reason: reason ? explainRecordReason(reason) : 'Kore.ai did not create this contact and gave no reason',
				code: entryCode(failure),
				httpStatus,
				koreResponse: failure,
			};
		}
		return {
			kind: 'unknown',
			id: null,
			record,
			stage: 'api',
			reason: "Kore.ai's answer did not mention this record",
			code: 'NOT_ACKNOWLEDGED',
			httpStatus,
		};
	});
	return { outcomes, unpaired };
}
