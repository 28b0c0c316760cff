// Kore's answer to one batch, matched back to the records sent, by id. failedRecords entries have no
// documented shape, so their id and reason are looked for wherever Kore may have put them.
import type { IDataObject } from 'n8n-workflow';

import type { KoreBulkUpdateResponse } from '../transport/types';
import { isObjectLike } from './koreAnswers';
import { explainRecordReason, PAST_TENSE, type Verb } from './explain';
import type { ItemOutcome, PendingRecord } from './types';

const ID_KEYS = ['id', '_id', 'contactId'];
const REASON_KEYS = ['reason', 'message', 'msg', 'error', 'errorMessage', 'description', 'detail', 'errors'];
const CODE_KEYS = ['code', 'errorCode', 'statusCode'];
const NESTING_LIMIT = 4;


function asId(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** The record id of an entry: at its top, or one level down (`record`, `contact`, `data`...). */
export function entryId(entry: unknown): string | undefined {
	if (!isObjectLike(entry)) return asId(entry);
	for (const key of ID_KEYS) {
		const id = asId(entry[key]);
		if (id) return id;
	}
	for (const value of Object.values(entry)) {
		if (!isObjectLike(value) || Array.isArray(value)) continue;
		for (const key of ID_KEYS) {
			const id = asId(value[key]);
			if (id) return id;
		}
	}
	return undefined;
}

/** The first human-readable reason in an entry, however deep (within reason) Kore put it. */
export function entryReason(entry: unknown, depth = 0): string | undefined {
	if (typeof entry === 'string') return entry.trim() || undefined;
	if (!isObjectLike(entry) || depth > NESTING_LIMIT) return undefined;
	if (Array.isArray(entry)) {
		for (const value of entry) {
			const reason = entryReason(value, depth + 1);
			if (reason) return reason;
		}
		return undefined;
	}
	for (const key of REASON_KEYS) {
		if (!(key in entry)) continue;
		const reason = entryReason(entry[key], depth + 1);
		if (reason) return reason;
	}
	return undefined;
}

export function entryCode(entry: unknown, depth = 0): string | number | undefined {
	if (!isObjectLike(entry) || Array.isArray(entry) || depth > NESTING_LIMIT) return undefined;
	for (const key of CODE_KEYS) {
		const value = entry[key];
		if (typeof value === 'string' || typeof value === 'number') return value;
	}
	for (const key of ['error', 'errors', 'details']) {
		const nested = entry[key];
		const code = entryCode(Array.isArray(nested) ? nested[0] : nested, depth + 1);
		if (code !== undefined) return code;
	}
	return undefined;
}

export type BulkVerb = Extract<Verb, 'update' | 'delete'>;

export function notAcknowledgedReason(verb: BulkVerb = 'update') {
	return `Kore.ai's response did not mention this record, so it is unknown whether it was ${PAST_TENSE[verb]}. Sending it again is safe.`;
}

export const NOT_ACKNOWLEDGED_REASON = notAcknowledgedReason('update');

/** Kore's reason for a failure entry; an entry that is only the id carries none. */
export function failureReason(entry: unknown, id: string, verb: BulkVerb = 'update'): string {
	const reason = entryReason(entry);
	if (reason === undefined || reason === id) return `Kore.ai did not ${verb} this contact and gave no reason`;
	return explainRecordReason(reason);
}

/** One outcome per record of the batch, in the batch's order. */
export function reconcileBatch(
	batch: Array<PendingRecord<{ id: string }>>,
	response: KoreBulkUpdateResponse,
	httpStatus: number,
	verb: BulkVerb = 'update',
): ItemOutcome[] {
	const succeeded = new Map<string, IDataObject>();
	for (const entry of response.successfulRecords ?? []) {
		const id = entryId(entry) ?? entryId(entry?.contact);
		if (id && !succeeded.has(id)) succeeded.set(id, (isObjectLike(entry?.contact) ? entry.contact : {}) as IDataObject);
	}
	const failed = new Map<string, unknown>();
	for (const entry of response.failedRecords ?? []) {
		const id = entryId(entry);
		if (id && !failed.has(id)) failed.set(id, entry);
	}

	return batch.map(({ record }): ItemOutcome => {
		const contact = succeeded.get(record.id);
		const failure = failed.get(record.id);
		if (contact && failure !== undefined) {
			return {
				kind: 'failed',
				id: record.id,
				record,
				stage: 'api',
				reason: `Kore.ai reported this record as both ${PAST_TENSE[verb]} and failed, so its state is unclear: ${entryReason(failure) ?? 'no reason given'}. Check the contact in Kore.ai.`,
				code: entryCode(failure) ?? 'CONFLICTING_RESULT',
				httpStatus,
				koreResponse: failure,
			};
		}
		if (contact) return { kind: 'success', contact: { ...contact, id: record.id } };
		if (failure !== undefined) {
			return {
				kind: 'failed',
				id: record.id,
				record,
				stage: 'api',
				reason: failureReason(failure, record.id, verb),
				code: entryCode(failure),
				httpStatus,
				koreResponse: failure,
			};
		}
		return { kind: 'failed', id: record.id, record, stage: 'api', reason: notAcknowledgedReason(verb), code: 'NOT_ACKNOWLEDGED', httpStatus };
	});
}
