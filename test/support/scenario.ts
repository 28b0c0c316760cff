// Shared pieces of the engine scenarios: input items, output checks, and the secret scan.
import type { INodeExecutionData } from 'n8n-workflow';

import { demoContact, demoContactId, type KoreSandbox } from '../../sandbox';
import { capturedLogs, runNode, signedTokens, type RunOptions, type RunResult } from './engine';

/** An item that updates demo contact n (same phone number, so no clash), flat shape. */
export function contactItem(n: number, overrides: Record<string, unknown> = {}) {
	const contact = demoContact(n);
	return {
		id: demoContactId(n),
		firstName: contact.firstName,
		lastName: `updated-${n}`,
		salutation: contact.salutation,
		phoneNumber: contact.cellPhone.phoneNumber,
		countryCode: '+91',
		extension: '+',
		...overrides,
	};
}

/** A contact Kore does not have yet: phone numbers 8000000000 + n never clash with demo contacts. */
export function newContactItem(n: number, overrides: Record<string, unknown> = {}) {
	return {
		firstName: `new${n}`,
		lastName: 'person',
		salutation: n % 2 === 0 ? 'mr' : 'ms',
		phoneNumber: `8${n.toString().padStart(9, '0')}`,
		countryCode: '+91',
		extension: '+',
		...overrides,
	};
}

/** Active contacts in the store holding this number (Kore's stored form, +91...). */
export function holders(sandbox: KoreSandbox, phoneNumber: string) {
	return sandbox.store.active().filter((c) => c.cellPhone.phoneNumber === `+91${phoneNumber}`);
}

/** The sandbox's log of API requests with this method and path ending. */
export function requestsTo(sandbox: KoreSandbox, method: string, pathEnd = '/contacts') {
	return sandbox.log().filter((entry) => entry.method === method && entry.path.endsWith(pathEnd));
}

const allResults: RunResult[] = [];

/** Runs the node and keeps what came out for the secret scan at the end of the file. */
export async function run(sandbox: KoreSandbox, options: Omit<RunOptions, 'credentials'> & { credentials?: RunOptions['credentials'] }) {
	const result = await runNode({ credentials: { ...sandbox.credentials() }, ...options });
	allResults.push(result);
	return result;
}

/** Each output, item by item: the input index it is paired with. */
export function pairedIndexes(items: INodeExecutionData[]) {
	return items.map((item) => (item.pairedItem as { item: number }).item);
}

/** Every input item exactly once, on exactly one output, in input order within each. */
export function expectEveryItemOnce(result: RunResult, inputCount: number) {
	const success = pairedIndexes(result.success);
	const failed = pairedIndexes(result.failed);
	expect([...success, ...failed].sort((a, b) => a - b)).toEqual(Array.from({ length: inputCount }, (_, i) => i));
	expect(success).toEqual([...success].sort((a, b) => a - b));
	expect(failed).toEqual([...failed].sort((a, b) => a - b));
}

export function bulkRequests(sandbox: KoreSandbox) {
	return sandbox.log().filter((entry) => entry.path.endsWith('/bulk-update'));
}

/** The client secret and every token the credential signed must appear in no output, error or log line. */
export function expectNoSecretsLeaked(sandbox: KoreSandbox, extraSecrets: string[] = []) {
	const haystack = JSON.stringify({
		outputs: allResults.map((r) => [r.success, r.failed, r.error, r.run.data.resultData]),
		logs: capturedLogs,
	});
	expect(allResults.length).toBeGreaterThan(0);
	expect(signedTokens.length).toBeGreaterThan(0);
	expect(capturedLogs.some((line) => /Kore\.ai [a-z ]+ finished/.test(line))).toBe(true);
	for (const secret of [sandbox.credentials().clientSecret, ...extraSecrets]) expect(haystack).not.toContain(secret);
	for (const token of signedTokens) {
		expect(haystack).not.toContain(token);
		expect(haystack).not.toContain(token.split('.')[2]);
	}
}
