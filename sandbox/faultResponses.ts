// How each fault changes an answer: some answer instead of the API, some after it has served.
import type { ServerResponse } from 'node:http';

import type { ApiResponse } from './contactsApi';
import { KoreError, RATE_LIMIT_MESSAGE } from './envelope';
import { send } from './http';
import type { Fault, LoggedRequest } from './types';

/** Faults that answer before the request is served. Returns true when the answer is sent. */
export function answerFaultEarly(fault: Fault, res: ServerResponse, entry: LoggedRequest): boolean {
	switch (fault.kind) {
		case 'status':
			entry.status = fault.status;
			send(res, fault.status, new KoreError(fault.status, fault.message ?? 'Service Unavailable').body());
			return true;
		case 'throttle': {
			entry.status = fault.status ?? 429;
			const headers: Record<string, string> =
				fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
			send(res, entry.status, new KoreError(entry.status, RATE_LIMIT_MESSAGE, 429).body(), headers);
			return true;
		}
		case 'reject412':
			entry.status = 412;
			send(res, 412, new KoreError(412, 'Validation errors/ Invalid arguments', 412).body());
			return true;
		case 'rawResponse':
			entry.status = fault.status;
			res.writeHead(fault.status, { 'Content-Type': 'application/json' });
			res.end(fault.body);
			return true;
		case 'malformedJson':
			entry.status = 200;
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"totalRequested": 1, "successfulRecords": [');
			return true;
		case 'reset':
			if (fault.apply) return false;
			entry.status = -1;
			res.socket?.destroy();
			return true;
		default:
			return false;
	}
}

/** Faults that change or withhold the answer of a served request; undefined when handled. */
export function answerFaultLate(
	fault: Fault,
	response: ApiResponse,
	res: ServerResponse,
	entry: LoggedRequest,
	timers: Set<NodeJS.Timeout>,
): ApiResponse | undefined {
	switch (fault.kind) {
		case 'reset':
			entry.status = -1;
			res.socket?.destroy();
			return undefined;
		case 'delay': {
			const timer = setTimeout(() => {
				timers.delete(timer);
				if (!res.destroyed) send(res, response.status, response.body);
			}, fault.ms);
			timers.add(timer);
			return undefined;
		}
		case 'omitRecords':
			return { ...response, body: omitRecords(response.body, fault.count ?? 1) };
		default:
			return response;
	}
}

function omitRecords(body: unknown, count: number) {
	const response = body as { successfulRecords?: unknown[]; failedRecords?: unknown[]; data?: { results?: unknown[] } };
	// A page of campaign outcomes: its last rows left out, as a page that shifted while read would.
	if (response && Array.isArray(response.data?.results)) return { ...response, data: { ...response.data, results: response.data.results.slice(0, Math.max(0, response.data.results.length - count)) } };
	if (!response || !Array.isArray(response.successfulRecords)) return body;
	const successfulRecords = [...response.successfulRecords];
	const failedRecords = [...(response.failedRecords ?? [])];
	for (let i = 0; i < count; i++) {
		if (successfulRecords.length > 0) successfulRecords.pop();
		else failedRecords.pop();
	}
	return { ...response, successfulRecords, failedRecords };
}
