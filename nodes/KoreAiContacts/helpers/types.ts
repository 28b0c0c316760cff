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

/** A record on its way to Kore, with the input item it came from. */
export interface PendingRecord {
	itemIndex: number;
	record: ContactRecord;
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
	| ({ kind: 'failed'; id: unknown; record: unknown } & RecordFailure);
