// Kore's wire format for bulk update, as documented, and what the transport reports back.
import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

/** Where requests are made from: an action node's execution, a trigger's poll, or the editor's contact picker. */
export type KoreContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** The documented response of PUT .../contacts/bulk-update (failedRecords entries are undocumented). */
export interface KoreBulkUpdateResponse {
	totalRequested?: number;
	successful?: number;
	failed?: number;
	successfulRecords?: Array<{ id?: unknown; contact?: Record<string, unknown> } & Record<string, unknown>>;
	failedRecords?: unknown[];
}

/** Kore's documented error envelope. */
export interface KoreErrorBody {
	errors?: Array<{ msg?: unknown; code?: unknown }>;
}

/** One HTTP exchange as the retry logic sees it. */
export type CallResult =
	| { kind: 'response'; status: number; headers: Record<string, unknown>; body: unknown }
	| { kind: 'network'; code: string; message: string; timedOut: boolean };
