// The node's own vocabulary: contact records it sends, and the outcome of each input item.
import type { IDataObject } from 'n8n-workflow';

/** One contact as Kore's bulk update takes it. */
export interface ContactRecord {
	id: string;
	firstName: string;
	lastName: string;
	fullName: string;
	salutation: string;
	cellPhone: {
		phoneNumber: string;
		countryCode: string;
		extension: string;
	};
}

/** One contact as Kore's create and import take it: no id, Kore gives one. */
export type NewContact = Omit<ContactRecord, 'id'>;

/**
 * A record on its way to Kore: `slot` is its place among the run's outcomes, `itemIndex` the input
 * item it is paired with (one item may carry many records, as the rows of a CSV file).
 */
export interface PendingRecord<R = ContactRecord> {
	slot: number;
	itemIndex: number;
	record: R;
}

/** Where a record failed: before sending, refused by Kore, or the call itself failed. */
export type FailureStage = 'validation' | 'api' | 'request';

export interface RecordFailure {
	stage: FailureStage;
	reason: string;
	code?: string | number;
	httpStatus?: number;
	/** Kore's own failure entry or error body, as it came. */
	koreResponse?: unknown;
}

export type ItemOutcome =
	| { kind: 'success'; contact: IDataObject }
	| ({ kind: 'failed'; id: unknown; record: unknown } & RecordFailure)
	/** Kore may or may not have applied it: a creating operation checks, others report it as Failed. */
	| ({ kind: 'unknown'; id: unknown; record: unknown } & RecordFailure);
