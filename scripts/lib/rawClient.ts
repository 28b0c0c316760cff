// The machine's ceiling: a plain undici client sending bulk-update bodies straight to the sandbox,
// a freshly signed token on each (jsonwebtoken), as fast as it can.
import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { Agent, request } from 'undici';

export interface RawTarget {
	contactsUrl: string;
	accountId: string;
	clientId: string;
	clientSecret: string;
}

/**
 * Sends every body, `inFlight` at a time; returns the wall time in ms. `newConnectionEach` closes the
 * connection after every request, as n8n's HTTP stack does (it builds its agents per request).
 */
export async function sendRaw(target: RawTarget, bodies: string[], inFlight: number, newConnectionEach = false): Promise<number> {
	const dispatcher = new Agent({ connections: inFlight, pipelining: 1 });
	let next = 0;
	const started = performance.now();
	async function worker() {
		while (next < bodies.length) {
			const body = bodies[next++];
			const token = jwt.sign({ appId: target.clientId, sub: target.clientId, jti: randomUUID() }, target.clientSecret, {
				algorithm: 'HS256',
				expiresIn: 300,
			});
			const response = await request(`${target.contactsUrl}/bulk-update`, {
				method: 'PUT',
				dispatcher,
				reset: newConnectionEach,
				headers: { 'content-type': 'application/json', auth: token, accountId: target.accountId },
				body,
			});
			await response.body.json();
			if (response.statusCode !== 200) throw new Error(`raw client got HTTP ${response.statusCode}`);
		}
	}
	await Promise.all(Array.from({ length: inFlight }, worker));
	const elapsed = performance.now() - started;
	await dispatcher.close();
	return elapsed;
}

/** The same bodies the node sends for these demo contacts: 100 records each, validated shape. */
export function bulkBodies(count: number, batchSize = 100): string[] {
	const bodies: string[] = [];
	for (let start = 0; start < count; start += batchSize) {
		const records = [];
		for (let n = start; n < Math.min(count, start + batchSize); n++) {
			records.push({
				id: `6964af60${n.toString(16).padStart(16, '0')}`,
				firstName: 'e2e',
				lastName: `run-${n}`,
				fullName: `e2e run-${n}`,
				salutation: 'mr',
				cellPhone: { phoneNumber: `9${String(n).padStart(9, '0')}`, countryCode: '+91', extension: '+' },
			});
		}
		bodies.push(JSON.stringify(records));
	}
	return bodies;
}
