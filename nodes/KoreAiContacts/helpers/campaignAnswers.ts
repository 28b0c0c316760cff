// Reading the Campaign Management APIs' answers, whichever documented shape they come in: a list or
// a campaign under `data`, lists as a bare array in `data` or as a page (`data.results`), ids as
// `_id` or `id`, `source` as `passiveApi` or `passiveApiIntegration`. Pure.
import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './koreAnswers';

/** The object an answer carries: `data` when it is one, else the answer itself. */
export function answerData(body: unknown): Record<string, unknown> {
	if (!isPlainObject(body)) return {};
	return isPlainObject(body.data) ? body.data : body;
}

/** The records an answer lists: `data` as an array, or `data.results`, or `results`. */
export function answerRecords(body: unknown): Array<Record<string, unknown>> {
	if (!isPlainObject(body)) return [];
	const data = body.data;
	const list = Array.isArray(data) ? data : isPlainObject(data) && Array.isArray(data.results) ? data.results : Array.isArray(body.results) ? body.results : [];
	return list.filter(isPlainObject);
}

/** Whether a page of records says more follow (`hasMore`, or a page count beyond this one). */
export function answerHasMore(body: unknown, page?: number): boolean {
	const data = answerData(body);
	if (typeof data.hasMore === 'boolean') return data.hasMore;
	if (page !== undefined && typeof data.totalPages === 'number') return page < data.totalPages;
	return false;
}

/** The id of a list or a campaign: `_id` (lists, voice campaigns) or `id` (SMS campaigns). */
export function recordId(record: Record<string, unknown>): string | undefined {
	for (const key of ['_id', 'id', 'contactListId']) if (typeof record[key] === 'string' && record[key] !== '') return record[key] as string;
	return undefined;
}

/** A contact list as the node gives it out: Kore's fields, with `id` at the top level. */
export function listItem(list: Record<string, unknown>): IDataObject {
	const id = recordId(list);
	return { ...(list as IDataObject), ...(id && { id }) };
}

/** Names compare as Kore stores them beside the name (`lname`): without case or outer spaces. */
export function sameListName(list: Record<string, unknown>, name: string): boolean {
	const wanted = name.trim().toLowerCase();
	const own = typeof list.lname === 'string' ? list.lname : typeof list.name === 'string' ? list.name.toLowerCase() : undefined;
	return own?.trim() === wanted;
}

/** Whether a list takes one number more than once (`allowDuplicates`, or its data sync mode). */
export function listAllowsDuplicates(list: Record<string, unknown>): boolean {
	if (typeof list.allowDuplicates === 'boolean') return list.allowDuplicates;
	const mode = isPlainObject(list.apiConfigurations) ? list.apiConfigurations.dataSyncMode : undefined;
	return mode === 'allowDuplicates';
}

/** The campaigns a list is used by, as `{id, name}` (Kore documents ids, its samples show objects). */
export function campaignsUsing(list: Record<string, unknown>): Array<{ id?: string; name?: string }> {
	const used = Array.isArray(list.campaignInUse) ? list.campaignInUse : [];
	return used.map((entry) => (typeof entry === 'string' ? { id: entry } : isPlainObject(entry) ? { id: recordId(entry), name: typeof entry.name === 'string' ? entry.name : undefined } : {}));
}
