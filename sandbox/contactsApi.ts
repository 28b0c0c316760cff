// The seven Contacts endpoints, as Kore documents them, over one ContactStore.
import { multipartFile, parseCsv } from './csv';
import { checkContactFields, type ContactStore, type ContactInput } from './contactStore';
import { KoreError } from './envelope';
import type { FailedRecordStyle } from './types';

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
			return importCsv(store, req);
		case 'POST ':
			return createMany(store, settings, req.body);
		case 'GET ':
			return list(store, req.query);
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
		throw new KoreError(413, `Request entity too large: at most ${settings.maxRecordsPerRequest} records per request`, 413);
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
		status: 200,
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
		status: 200,
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

function validateNew(store: ContactStore, records: unknown[]): ContactInput[] {
	const seen = new Set<string>();
	return records.map((record, index) => {
		const fields = checkContactFields(record);
		if (!fields.ok) throw new KoreError(412, `${INVALID_ARGUMENTS}: record ${index}: ${fields.reason}`, 412);
		const key = `${fields.value.cellPhone.countryCode}|${fields.value.cellPhone.phoneNumber}`;
		if (store.phoneOwnedByOther(fields.value.cellPhone) || seen.has(key)) {
			throw new KoreError(409, `Phone number already exists for another contact (record ${index})`, 409);
		}
		seen.add(key);
		return fields.value;
	});
}

function createMany(store: ContactStore, settings: ApiSettings, body: unknown): ApiResponse {
	const inputs = validateNew(store, requireArray(body, settings));
	return { status: 200, applied: true, body: inputs.map((input) => store.create(input)) };
}

function importCsv(store: ContactStore, req: ApiRequest): ApiResponse {
	const csv = multipartFile(req.rawBody, req.contentType, 'result_file');
	if (csv === undefined) throw new KoreError(412, `${INVALID_ARGUMENTS}: a CSV file in the form field result_file is required`, 412);
	const records = parseCsv(csv).map((row) => ({
		firstName: row.firstName,
		lastName: row.lastName,
		salutation: row.salutation,
		cellPhone: { phoneNumber: row.cellPhoneNumber, countryCode: row.cellPhoneCountryCode, extension: row.cellPhoneExtension ?? '' },
	}));
	if (records.length === 0) throw new KoreError(412, `${INVALID_ARGUMENTS}: the CSV file has no rows`, 412);
	const inputs = validateNew(store, records);
	return { status: 200, applied: true, body: inputs.map((input) => store.create(input)) };
}

function list(store: ContactStore, query: Record<string, string>): ApiResponse {
	const skip = Math.max(0, Number.parseInt(query.skip ?? '0', 10) || 0);
	const limit = Math.min(1000, Math.max(1, Number.parseInt(query.limit ?? '50', 10) || 50));
	const active = store.active();
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
