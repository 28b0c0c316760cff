// The Kore.ai Contacts Trigger's poll() in n8n's real poll context against the sandbox, the sandbox
// changed between polls as agents and the console change Kore.ai.
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { capturedLogs, signedTokens } from '../support/engine';
import { TRIGGER_NAME, TriggerPoller } from '../support/poll';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 120, rateLimit: { requestsPerWindow: 0 }, listInactive: true });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ listInactive: true });
});
afterAll(async () => sandbox.stop());

const poller = (parameters: Record<string, unknown> = {}) => new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters: { options: { pageSize: 50 }, ...parameters } });
const events = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => [i.json.id, i.json.event]);
const person = (n: number) => ({ firstName: `new${n}`, lastName: 'trigger', salutation: 'ms', cellPhone: { phoneNumber: `81000000${String(n).padStart(2, '0')}`, countryCode: '+91', extension: '+' } });

test('first activation is a baseline; then each change once, by the next poll; pages read through the one transport', async () => {
	const trigger = poller();
	expect(await trigger.poll()).toEqual({ items: null });
	expect(sandbox.log().map((r) => r.query)).toEqual([
		{ skip: '0', limit: '50' },
		{ skip: '50', limit: '50' },
		{ skip: '100', limit: '50' },
	]);
	const created = sandbox.store.create(person(1));
	sandbox.store.update(demoContactId(7), { ...demoContact(7), lastName: 'changed-in-kore' });
	sandbox.store.deactivate(demoContactId(9));
	const { items } = await trigger.poll();
	// Oldest change first; changes within one millisecond in Kore's list order.
	expect(events(items).sort()).toEqual(
		[
			[demoContactId(7), 'updated'],
			[demoContactId(9), 'deleted'],
			[created._id, 'created'],
		].sort(),
	);
	expect(items?.find((i) => i.json.id === demoContactId(7))?.json).toMatchObject({ lastName: 'changed-in-kore', cellPhone: { phoneNumber: '+919000000007' } });
	expect(await trigger.poll()).toEqual({ items: null });
});

test('only the events selected; the others are still counted as seen', async () => {
	const trigger = poller({ events: ['created'] });
	await trigger.poll();
	sandbox.store.update(demoContactId(3), { ...demoContact(3), lastName: 'x' });
	const made = sandbox.store.create(person(2));
	expect(events((await trigger.poll()).items)).toEqual([[made._id, 'created']]);
	expect((await trigger.poll()).items).toBeNull();
});

test('Output Format Flat: phone number, country code and extension at the top level, with the event', async () => {
	const trigger = poller({ options: { pageSize: 50, outputFormat: 'flat' } });
	await trigger.poll();
	sandbox.store.update(demoContactId(4), { ...demoContact(4), lastName: 'flat' });
	const { items } = await trigger.poll();
	expect(items?.[0].json).toMatchObject({ id: demoContactId(4), phoneNumber: '9000000004', countryCode: '+91', event: 'updated' });
});

test('an n8n restart between polls: the state read back from the database, nothing emitted twice or lost', async () => {
	const before = poller();
	await before.poll();
	sandbox.store.update(demoContactId(5), { ...demoContact(5), lastName: 'before-restart' });
	expect(events((await before.poll()).items)).toEqual([[demoContactId(5), 'updated']]);
	sandbox.store.update(demoContactId(6), { ...demoContact(6), lastName: 'during-restart' });
	const after = new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters: { options: { pageSize: 50 } }, staticData: before.stored() });
	expect(events((await after.poll()).items)).toEqual([[demoContactId(6), 'updated']]);
	expect((await after.poll()).items).toBeNull();
	expect(Object.keys(after.stored())).toEqual([`node:${TRIGGER_NAME}`]);
});

test('Fetch Test Event: the most recently changed contact, and the state untouched', async () => {
	const trigger = poller();
	await trigger.poll();
	const stored = trigger.stored();
	sandbox.store.update(demoContactId(11), { ...demoContact(11), lastName: 'latest' });
	const { items } = await trigger.poll('manual');
	expect(events(items)).toEqual([[demoContactId(11), 'updated']]);
	expect(trigger.stored()).toEqual(stored);
	// the real poll still emits it
	expect(events((await trigger.poll()).items)).toEqual([[demoContactId(11), 'updated']]);
});

test('deleted contacts where Kore does not list them: not emitted, nothing else disturbed', async () => {
	sandbox.configure({ listInactive: false });
	const trigger = poller();
	await trigger.poll();
	sandbox.store.deactivate(demoContactId(20));
	sandbox.store.update(demoContactId(21), { ...demoContact(21), lastName: 'y' });
	expect(events((await trigger.poll()).items)).toEqual([[demoContactId(21), 'updated']]);
});

test('a page that fails for good fails the poll, the state unchanged; the next poll emits what it could not', async () => {
	const trigger = poller({ options: { pageSize: 50, maxRetries: 1 } });
	await trigger.poll();
	const stored = trigger.stored();
	sandbox.store.update(demoContactId(30), { ...demoContact(30), lastName: 'z' });
	sandbox.setFaults({ schedule: [null, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }] });
	const failed = await trigger.poll();
	expect(failed.error?.message).toBe("Kore.ai's contact list could not be read: page 2 failed");
	expect(trigger.stored()).toEqual(stored);
	expect(events((await trigger.poll()).items)).toEqual([[demoContactId(30), 'updated']]);
});

test('throttled and reset in the middle of a read: waits, retries, every change once', async () => {
	const trigger = poller();
	await trigger.poll();
	sandbox.store.update(demoContactId(40), { ...demoContact(40), lastName: 'w' });
	sandbox.setFaults({ schedule: [null, { kind: 'throttle', retryAfterSeconds: 0 }, { kind: 'reset', apply: false }] });
	expect(events((await trigger.poll()).items)).toEqual([[demoContactId(40), 'updated']]);
	expect(sandbox.log().map((r) => r.status)).toEqual([200, 200, 200, 200, 429, -1, 200, 200]);
});

test('a poll is bounded in time (four of Kore\'s minutes, scaled here to seconds): it fails, the state unchanged', async () => {
	const trigger = poller({ options: { pageSize: 10, timeout: 10 } });
	await trigger.poll();
	const stored = trigger.stored();
	sandbox.setFaults({ random: [{ fault: { kind: 'delay', ms: 1500 }, probability: 1 }] });
	const started = Date.now();
	const slow = await trigger.poll();
	sandbox.setFaults({});
	expect(slow.error?.message).toMatch(/^Kore\.ai's contact list could not be read: page \d+ failed$/);
	expect((slow.error as { description?: string }).description).toContain('The time a read may take ran out');
	expect(Date.now() - started).toBeLessThan(8000);
	expect(trigger.stored()).toEqual(stored);
});

test('a wrong secret fails the poll with Kore\'s words, and no secret anywhere', async () => {
	const trigger = new TriggerPoller({ credentials: { ...sandbox.credentials(), clientSecret: 'a-wrong-secret-value' } });
	const { error } = await trigger.poll();
	expect(error?.message).toBe('Kore.ai refused the credentials: Kore.ai said "Invalid SDK credentials"');
	const haystack = JSON.stringify({ error, logs: capturedLogs });
	for (const secret of [sandbox.credentials().clientSecret, 'a-wrong-secret-value', ...signedTokens]) expect(haystack).not.toContain(secret);
});
