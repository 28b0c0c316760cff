// Create in n8n's real engine against the sandbox: new contacts paired to their items by phone
// number, refusals per record, and never a contact created twice whatever happens on the way.
import type { INodeParameters } from 'n8n-workflow';

import { demoContact, startSandbox, type KoreSandbox } from '../../sandbox';
import { expectEveryItemOnce, expectNoSecretsLeaked, holders, newContactItem, pairedIndexes, requestsTo, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 20, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ createStyle: 'wholeRequest', reverseCreated: false });
});
afterAll(async () => sandbox.stop());

const create = (options: INodeParameters = {}) => ({ operation: 'create', rateLimitWindowSeconds: 1, options });
const items = (count: number, from = 0) => Array.from({ length: count }, (_, i) => newContactItem(from + i));
const posts = () => requestsTo(sandbox, 'POST');
const reads = () => requestsTo(sandbox, 'GET');

/** Every item's phone is held by exactly one active contact, whose id the Success item carries. */
function expectCreatedOnce(result: Awaited<ReturnType<typeof run>>, input: Array<{ phoneNumber: string }>) {
	for (const item of result.success) {
		const phone = input[(item.pairedItem as { item: number }).item].phoneNumber;
		const stored = holders(sandbox, phone);
		expect(stored).toHaveLength(1);
		expect(item.json).toMatchObject({ id: stored[0]._id, _id: stored[0]._id, cellPhone: { phoneNumber: `+91${phone}` } });
	}
}

test('five new contacts in one request, each Success item paired with its new id', async () => {
	const input = items(5);
	const result = await run(sandbox, { items: input, parameters: create() });
	expect(result.failed).toEqual([]);
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3, 4]);
	expect(posts()).toHaveLength(1);
	expect(posts()[0].body).toEqual(
		input.map((i) => ({ firstName: i.firstName, lastName: i.lastName, fullName: `${i.firstName} person`, salutation: i.salutation, cellPhone: { phoneNumber: i.phoneNumber, countryCode: '+91', extension: '+' } })),
	);
	expectCreatedOnce(result, input);
	expect(sandbox.store.active()).toHaveLength(25);
});

test('answers in another order are paired by phone number, never by position', async () => {
	sandbox.configure({ reverseCreated: true });
	const input = items(4);
	const result = await run(sandbox, { items: input, parameters: create() });
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3]);
	result.success.forEach((item, i) => expect(item.json.firstName).toBe(`new${i}`));
	expectCreatedOnce(result, input);
});

test('validation, a repeated phone and a phone another contact holds: each Failed with its reason, the rest created', async () => {
	const input = [
		newContactItem(0),
		newContactItem(1, { id: 'abc' }),
		newContactItem(2, { phoneNumber: '80000 00000' }), // item 0's number, written another way
		newContactItem(3, { phoneNumber: demoContact(3).cellPhone.phoneNumber }),
		newContactItem(4, { salutation: '' }),
		newContactItem(5),
	];
	const result = await run(sandbox, { items: input, parameters: create() });
	expectEveryItemOnce(result, input.length);
	expect(pairedIndexes(result.success)).toEqual([0, 5]);
	const [withId, repeated, taken, noSalutation] = result.failed.map((f) => f.json);
	expect(withId).toMatchObject({ stage: 'validation', code: 'INVALID_RECORD' });
	expect(withId.reason).toContain('Contact ID (id) must be empty for a new contact');
	expect(repeated).toMatchObject({ stage: 'validation', code: 'REPEATED_PHONE_NUMBER', id: null });
	expect(repeated.reason).toBe('The phone number +918000000000 is also on item 0, which comes first. Kore.ai allows a number on one contact only, so this one was not sent.');
	expect(taken).toMatchObject({ stage: 'api', httpStatus: 409 });
	expect(taken.reason).toContain('Another contact in Kore.ai already has this phone number');
	expect(noSalutation.reason).toBe('Salutation (salutation) is required by Kore.ai but is empty');
	// The whole request refused for the taken number is split until only that record is refused.
	const sent = posts().map((p) => [(p.body as unknown[]).length, p.status]);
	expect(sent).toEqual([[3, 409], [2, 409], [1, 200], [1, 409], [1, 200]]);
	expect(holders(sandbox, demoContact(3).cellPhone.phoneNumber)).toHaveLength(1);
	expect(sandbox.store.active()).toHaveLength(22);
});

test('Kore creating the rest and listing the refused ones: one request, each refusal with its reason', async () => {
	sandbox.configure({ createStyle: 'partialBulk' });
	const input = [newContactItem(0), newContactItem(1, { phoneNumber: demoContact(1).cellPhone.phoneNumber }), newContactItem(2)];
	const result = await run(sandbox, { items: input, parameters: create() });
	expect(pairedIndexes(result.success)).toEqual([0, 2]);
	expect(pairedIndexes(result.failed)).toEqual([1]);
	expect(result.failed[0].json).toMatchObject({ stage: 'api', code: 'DUPLICATE_PHONE_NUMBER' });
	expect(result.failed[0].json.reason).toContain('already has this phone number');
	expect(posts()).toHaveLength(1);
	expectCreatedOnce(result, input);
});

test('Kore answering with only the created ones: the missing one is looked up, not guessed', async () => {
	sandbox.configure({ createStyle: 'partialArray' });
	const taken = demoContact(1).cellPhone.phoneNumber;
	const input = [newContactItem(0), newContactItem(1, { phoneNumber: taken }), newContactItem(2)];
	const result = await run(sandbox, { items: input, parameters: create() });
	expect(pairedIndexes(result.success)).toEqual([0, 2]);
	expect(result.failed[0].json).toMatchObject({ stage: 'api', code: 'DUPLICATE_PHONE_NUMBER' });
	expect(result.failed[0].json.reason).toMatch(/^Another contact in Kore.ai \(id 6964af60[0-9a-f]+\) already has this phone number/);
	expect(posts()).toHaveLength(1);
	expect(reads()).toHaveLength(1);
});

test.each([
	['reset after Kore created them', { kind: 'reset', apply: true }],
	['answer later than the timeout, after creating them', { kind: 'delay', ms: 2500, apply: true }],
	['malformed answer after creating them', { kind: 'malformedJson' }],
])('never twice: %s -> read back, reported created, not sent again', async (_name, fault) => {
	sandbox.setFaults({ schedule: [fault as never] });
	const input = items(6);
	const result = await run(sandbox, { items: input, parameters: create({ timeout: 1 }) });
	expect(result.failed).toEqual([]);
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2, 3, 4, 5]);
	expectCreatedOnce(result, input);
	// A malformed answer comes before the sandbox applies anything: then it is sent a second time.
	expect(posts().filter((p) => p.applied)).toHaveLength(1);
	expect(posts()).toHaveLength(fault.kind === 'malformedJson' ? 2 : 1);
	expect(reads()).toHaveLength(1);
	expect(sandbox.store.active()).toHaveLength(26);
});

test('a reset before Kore applied it: read back, not there, sent once more', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'reset', apply: false }] });
	const input = items(3);
	const result = await run(sandbox, { items: input, parameters: create() });
	expect(pairedIndexes(result.success)).toEqual([0, 1, 2]);
	expect(posts().map((p) => p.status)).toEqual([-1, 200]);
	expect(reads()).toHaveLength(1);
	expectCreatedOnce(result, input);
});

test('503 and 429 are retried at once: Kore surely did not create anything', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'status', status: 503 }, { kind: 'throttle', retryAfterSeconds: 0 }] });
	const input = items(2);
	const result = await run(sandbox, { items: input, parameters: create() });
	expect(pairedIndexes(result.success)).toEqual([0, 1]);
	expect(posts().map((p) => p.status)).toEqual([503, 429, 200]);
	expect(reads()).toHaveLength(0);
	expectCreatedOnce(result, input);
});

test('an unknown outcome that never clears: Failed as not created once the node has checked', async () => {
	// The schedule covers every request: POST, the read back, the POST again.
	sandbox.setFaults({ schedule: [{ kind: 'reset' }, null, { kind: 'reset' }] });
	const result = await run(sandbox, { items: items(2), parameters: create({ maxRetries: 1 }) });
	expect(sandbox.log().map((r) => [r.method, r.status])).toEqual([['POST', -1], ['GET', 200], ['POST', -1], ['GET', 200]]);
	expect(pairedIndexes(result.failed)).toEqual([0, 1]);
	expect(result.failed[0].json).toMatchObject({ code: 'NOT_CREATED', stage: 'request' });
	expect(result.failed[0].json.reason).toContain('it is not in Kore.ai: it was not created');
	expect(sandbox.store.active()).toHaveLength(20);
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
