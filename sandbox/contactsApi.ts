// The seven Contacts endpoints, as Kore documents them, over one ContactStore.
import { multipartFile, parseCsv } from './csv';
import { checkContactFields, type ContactStore, type ContactInput } from './contactStore';
import { KoreError } from './envelope';
import type { CreateStyle, FailedRecordStyle } from './types';

export interface ApiRequest {
	method: string;
	/** Path segments after `.../contacts`, e.g. [] or ['bulk-update'] or ['<id>']. */
	rest: string[];
	query: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
	contentType: string;
}

export interface ApiResponse {
	status: number;
	body: unknown;
	applied: boolean;
}

export interface ApiSettings {
	maxRecordsPerRequest: number;
	rejectInvalidBatches: boolean;
	failedRecordStyle: FailedRecordStyle;
	createStyle: CreateStyle;
	reverseCreated: boolean;
	allFailedStatus: number;
	oversizeStatus: number;
	listInactive: boolean;
}

interface FailedRecord {
	id: unknown;
	reason: string;
	code: string;
}

const INVALID_ARGUMENTS = 'Validation errors/ Invalid arguments';

export function handleContactsRequest(store: ContactStore, settings: ApiSettings, req: ApiRequest): ApiResponse {
	const [first, ...more] = req.rest;
	if (more.length > 0) throw new KoreError(404, 'Not Found', 404);
	const route = `${req.method} ${first === undefined ? '' : first}`;
	switch (route) {
		case 'PUT bulk-update':
			return bulkUpdate(store, settings, req.body);
		case 'DELETE bulk-delete':
			return bulkDelete(store, settings, req.body);
		case 'POST import-contacts':
			return importCsv(store, settings, req);
		case 'POST ':
			return createMany(store, settings, req.body);
		case 'GET ':
			return list(store, req.query, settings.listInactive);
	}
	if (first !== undefined && first !== 'bulk-update' && first !== 'bulk-delete' && first !== 'import-contacts') {
		if (req.method === 'PUT') return updateOne(store, first, req.body);
		if (req.method === 'DELETE') return deleteOne(store, first);
	}
	throw new KoreError(405, 'Method Not Allowed', 405);
}

function requireArray(body: unknown, settings: ApiSettings): unknown[] {
	if (!Array.isArray(body)) throw new KoreError(412, `${INVALID_ARGUMENTS}: the body must be an array of contacts`, 412);
	if (body.length === 0) throw new KoreError(412, `${INVALID_ARGUMENTS}: the array is empty`, 412);
	if (body.length > settings.maxRecordsPerRequest) {
		if (settings.oversizeStatus === 413) {
			throw new KoreError(413, `Request entity too large: at most ${settings.maxRecordsPerRequest} records per request`, 413);
		}
		throw new KoreError(settings.oversizeStatus, INVALID_ARGUMENTS, settings.oversizeStatus);
	}
	return body;
}

function bulkUpdate(store: ContactStore, settings: ApiSettings, body: unknown): ApiResponse {
	const records = requireArray(body, settings);
	const checked = records.map((record) => checkForUpdate(store, record));
	if (settings.rejectInvalidBatches) {
		const invalid = checked.find((c) => 'reason' in c);
		if (invalid && 'reason' in invalid) {
			throw new KoreError(412, `${INVALID_ARGUMENTS}: ${invalid.reason}`, 412);
		}
	}
	const successfulRecords: Array<{ id: string; contact: unknown }> = [];
	const failedRecords: FailedRecord[] = [];
	for (const check of checked) {
		if ('reason' in check) {
			failedRecords.push(check);
			continue;
		}
		// Checked again here: an earlier record of the same request may have taken the number.
		const owner = store.phoneOwnedByOther(check.input.cellPhone, check.id);
		if (owner) {
			failedRecords.push({ id: check.id, reason: 'Phone number already exists for another contact', code: 'DUPLICATE_PHONE_NUMBER' });
			continue;
		}
		successfulRecords.push({ id: check.id, contact: store.update(check.id, check.input) });
	}
	return {
		status: bulkStatus(settings, successfulRecords.length),
		applied: successfulRecords.length > 0,
		body: {
			totalRequested: records.length,
			successful: successfulRecords.length,
			failed: failedRecords.length,
			successfulRecords,
			failedRecords: failedRecords.map((f) => shapeFailure(f, settings.failedRecordStyle)),
		},
	};
}

function bulkStatus(settings: ApiSettings, successful: number) {
	return successful === 0 ? settings.allFailedStatus : 200;
}

function checkForUpdate(store: ContactStore, record: unknown): FailedRecord | { id: string; input: ContactInput } {
	const id = typeof record === 'object' && record !== null ? (record as Record<string, unknown>).id : undefined;
	if (typeof id !== 'string' || id.trim() === '') {
		return { id: id ?? null, reason: 'Invalid field: id is required and must be a string', code: 'INVALID_FIELD' };
	}
	const existing = store.get(id);
	if (!existing || existing.status !== 'ACTIVE') return { id, reason: 'Contact not found', code: 'CONTACT_NOT_FOUND' };
	const fields = checkContactFields(record);
	if (!fields.ok) return { id, reason: fields.reason, code: fields.code };
	return { id, input: fields.value };
}

function shapeFailure(failure: FailedRecord, style: FailedRecordStyle) {
	switch (style) {
		case 'underscoreId':
			return { _id: failure.id, message: failure.reason, errorCode: failure.code };
		case 'nested':
			return { record: { id: failure.id }, error: { msg: failure.reason, code: failure.code } };
		default:
			return { id: failure.id, error: failure.reason, code: failure.code };
	}
}

function bulkDelete(store: ContactStore, settings: ApiSettings, body: unknown): ApiResponse {
	const ids = (body as { ids?: unknown } | null)?.ids;
	if (!Array.isArray(ids)) throw new KoreError(412, `${INVALID_ARGUMENTS}: the body must be {"ids": [...]}`, 412);
	requireArray(ids, settings);
	const successfulRecords: Array<{ id: string }> = [];
	const failedRecords: FailedRecord[] = [];
	for (const id of ids) {
		const existing = typeof id === 'string' ? store.get(id) : undefined;
		if (!existing || existing.status !== 'ACTIVE') {
			failedRecords.push({ id, reason: 'Contact not found', code: 'CONTACT_NOT_FOUND' });
			continue;
		}
		store.deactivate(existing._id);
		successfulRecords.push({ id: existing._id });
	}
	return {
		status: bulkStatus(settings, successfulRecords.length),
		applied: successfulRecords.length > 0,
		body: {
			totalRequested: ids.length,
			successful: successfulRecords.length,
			failed: failedRecords.length,
			successfulRecords,
			failedRecords: failedRecords.map((f) => shapeFailure(f, settings.failedRecordStyle)),
		},
	};
}

type NewCheck = { ok: true; input: ContactInput } | { ok: false; index: number; status: number; reason: string; code: string; record: unknown };

function checkNew(store: ContactStore, records: unknown[]): NewCheck[] {
	const seen = new Set<string>();
	return records.map((record, index): NewCheck => {
		const fields = checkContactFields(record);
		if (!fields.ok) return { ok: false, index, status: 412, reason: fields.reason, code: fields.code, record };
		const key = `${fields.value.cellPhone.countryCode}|${fields.value.cellPhone.phoneNumber}`;
		if (store.phoneOwnedByOther(fields.value.cellPhone) || seen.has(key)) {
			return { ok: false, index, status: 409, reason: 'Phone number already exists for another contact', code: 'DUPLICATE_PHONE_NUMBER', record };
		}
		seen.add(key);
		return { ok: true, input: fields.value };
	});
}

/** Creates what may be created, the way `createStyle` says Kore does. */
function createChecked(store: ContactStore, settings: ApiSettings, records: unknown[]): ApiResponse {
	const checks = checkNew(store, records);
	const bad = checks.find((c): c is Extract<NewCheck, { ok: false }> => !c.ok);
	if (bad && settings.createStyle === 'wholeRequest') {
		const message = bad.status === 412 ? `${INVALID_ARGUMENTS}: record ${bad.index}: ${bad.reason}` : `${bad.reason} (record ${bad.index})`;
		throw new KoreError(bad.status, message, bad.status);
	}
	const created = checks.flatMap((c) => (c.ok ? [store.create(c.input)] : []));
	if (settings.reverseCreated) created.reverse();
	if (settings.createStyle !== 'partialBulk') return { status: 200, applied: created.length > 0, body: created };
	const failedRecords = checks.flatMap((c) => (c.ok ? [] : [{ record: c.record, error: c.reason, code: c.code }]));
	return {
		status: 200,
		applied: created.length > 0,
		body: {
			totalRequested: records.length,
			successful: created.length,
			failed: failedRecords.length,
			successfulRecords: created.map((contact) => ({ id: contact._id, contact })),
			failedRecords,
		},
	};
}

function createMany(store: ContactStore, settings: ApiSettings, body: unknown): ApiResponse {
	return createChecked(store, settings, requireArray(body, settings));
}

function importCsv(store: ContactStore, settings: ApiSettings, req: ApiRequest): ApiResponse {
	const csv = multipartFile(req.rawBody, req.contentType, 'result_file');
	if (csv === undefined) throw new KoreError(412, `${INVALID_ARGUMENTS}: a CSV file in the form field result_file is required`, 412);
	const records = parseCsv(csv).map((row) => ({
		firstName: row.firstName,
		lastName: row.lastName,
		salutation: row.salutation,
		cellPhone: { phoneNumber: row.cellPhoneNumber, countryCode: row.cellPhoneCountryCode, extension: row.cellPhoneExtension ?? '' },
	}));
	if (records.length === 0) throw new KoreError(412, `${INVALID_ARGUMENTS}: the CSV file has no rows`, 412);
	return createChecked(store, settings, requireArray(records, settings));
}

function list(store: ContactStore, query: Record<string, string>, withInactive: boolean): ApiResponse {
	const skip = Math.max(0, Number.parseInt(query.skip ?? '0', 10) || 0);
	const limit = Math.min(1000, Math.max(1, Number.parseInt(query.limit ?? '50', 10) || 50));
	const active = withInactive ? store.all() : store.active();
	const results = active.slice(skip, skip + limit);
	return {
		status: 200,
		applied: false,
		body: {
			results,
			skip,
			limit,
			hasMore: skip + results.length < active.length,
			totalPages: Math.ceil(active.length / limit),
			totalResults: active.length,
		},
	};
}

function updateOne(store: ContactStore, id: string, body: unknown): ApiResponse {
	const existing = store.get(id);
	if (!existing || existing.status !== 'ACTIVE') throw new KoreError(404, 'Contact not found', 404);
	const fields = checkContactFields(body);
	if (!fields.ok) throw new KoreError(412, `${INVALID_ARGUMENTS}: ${fields.reason}`, 412);
	if (store.phoneOwnedByOther(fields.value.cellPhone, id)) {
		throw new KoreError(409, 'Phone number already exists for another contact', 409);
	}
	return { status: 200, applied: true, body: store.update(id, fields.value) };
}

function deleteOne(store: ContactStore, id: string): ApiResponse {
	const existing = store.get(id);
	if (!existing || existing.status !== 'ACTIVE') throw new KoreError(404, 'Contact not found', 404);
	return { status: 200, applied: true, body: store.deactivate(id) };
}
