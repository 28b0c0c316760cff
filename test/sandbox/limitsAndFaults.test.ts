import { demoContactId, RATE_LIMIT_MESSAGE, startSandbox, type KoreSandbox } from '../../sandbox';
import { callKore, contactBody } from '../support/koreClient';
import { retryAfterSeconds } from '../../sandbox/rateLimiter';

let sandbox: KoreSandbox;
let clock = Date.UTC(2026, 0, 1);
beforeAll(async () => {
	// The rate window runs on this clock; tokens are signed with real time, so keep it near now.
	clock = Date.now();
	sandbox = await startSandbox({ seedCount: 5, now: () => clock });
});
beforeEach(() => {
	clock = Date.now();
	sandbox.reset();
});
afterAll(async () => sandbox.stop());

const update = (ids = [demoContactId(0)]) =>
	callKore(
		sandbox,
		'PUT',
		'/bulk-update',
		ids.map((id, i) => contactBody(id, { cellPhone: { phoneNumber: `55500${i}`, countryCode: '+1', extension: '+' } })),
	);

test('the 61st request within a minute is refused with 429 and Retry-After', async () => {
	for (let i = 0; i < 60; i++) {
		clock += 500;
		expect((await callKore(sandbox, 'GET', '?limit=1')).status).toBe(200);
	}
	const refused = await callKore(sandbox, 'GET', '?limit=1');
	expect(refused.status).toBe(429);
	expect(refused.body).toEqual({ errors: [{ msg: RATE_LIMIT_MESSAGE, code: 429 }] });
	expect(Number(refused.headers['retry-after'])).toBe(31); // the first of the 60 leaves the window in 30.5 s
	clock += 31_000;
	expect((await callKore(sandbox, 'GET', '?limit=1')).status).toBe(200);
});

test('Retry-After can be switched off', async () => {
	sandbox.configure({ rateLimit: { requestsPerWindow: 1, sendRetryAfter: false } });
	try {
		await callKore(sandbox, 'GET', '');
		const refused = await callKore(sandbox, 'GET', '');
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBeUndefined();
	} finally {
		sandbox.configure({ rateLimit: { requestsPerWindow: 60, sendRetryAfter: true } });
	}
});

test.each([500, 502, 503])('a %i on schedule', async (status) => {
	sandbox.setFaults({ schedule: [{ kind: 'status', status }] });
	const response = await update();
	expect(response.status).toBe(status);
	expect(response.body.errors).toHaveLength(1);
	expect(sandbox.store.get(demoContactId(0))?.lastName).not.toBe('doee');
	expect((await update()).status).toBe(200);
});

test('throttling as a fault, with any status and optional Retry-After', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'throttle', status: 400 }, { kind: 'throttle', retryAfterSeconds: 2 }] });
	const first = await update();
	expect(first.status).toBe(400);
	expect(first.body.errors[0].msg).toBe(RATE_LIMIT_MESSAGE);
	expect(first.headers['retry-after']).toBeUndefined();
	const second = await update();
	expect(second.status).toBe(429);
	expect(second.headers['retry-after']).toBe('2');
});

test('a reset connection, applied or not', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'reset' }, { kind: 'reset', apply: true }] });
	await expect(update()).rejects.toThrow();
	expect(sandbox.store.get(demoContactId(0))?.lastName).not.toBe('doee');
	await expect(update()).rejects.toThrow();
	expect(sandbox.store.get(demoContactId(0))?.lastName).toBe('doee');
	expect(sandbox.log().map((e) => [e.fault, e.applied])).toEqual([
		['reset', false],
		['reset', true],
	]);
});

test('a response delayed past the client timeout is still applied', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'delay', ms: 300 }] });
	const started = Date.now();
	const response = await update();
	expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	expect(response.status).toBe(200);
	expect(sandbox.log()[0]).toMatchObject({ fault: 'delay', applied: true });
});

test('a malformed JSON body', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'malformedJson' }] });
	const response = await update();
	expect(response.status).toBe(200);
	expect(typeof response.body).toBe('string');
});

test('a 200 that leaves records out of both lists', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'omitRecords', count: 1 }] });
	const response = await update([demoContactId(0), demoContactId(1)]);
	expect(response.body.successfulRecords).toHaveLength(1);
	expect(response.body.totalRequested).toBe(2);
});

test('a request-wide 412', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'reject412' }] });
	const response = await update();
	expect(response.status).toBe(412);
	expect(response.body).toEqual({ errors: [{ msg: 'Validation errors/ Invalid arguments', code: 412 }] });
});

test('random faults are repeatable with a seed', async () => {
	const plan = { seed: 42, random: [{ fault: { kind: 'status' as const, status: 503 }, probability: 0.5 }] };
	const statuses = async () => {
		sandbox.reset();
		sandbox.setFaults(plan);
		const out: number[] = [];
		for (let i = 0; i < 12; i++) out.push((await callKore(sandbox, 'GET', '')).status);
		return out;
	};
	const first = await statuses();
	expect(first).toContain(503);
	expect(first).toContain(200);
	expect(await statuses()).toEqual(first);
});

test("Retry-After counts Kore's seconds, scaled with the sandbox's minute", () => {
	expect(retryAfterSeconds(30_500, 60_000)).toBe('31');
	expect(retryAfterSeconds(1, 60_000)).toBe('1');
	// a minute scaled to one second: a Kore second is 1/60 s
	expect(retryAfterSeconds(340, 1000)).toBe('0.35');
	expect(retryAfterSeconds(1000, 1000)).toBe('1');
});

test.each([
	[false, 40, 200],
	[true, 60, 429],
])('a refused request counts in the window only where told (countRefused: %s)', async (countRefused, retryAfter, minuteLater) => {
	sandbox.configure({ rateLimit: { requestsPerWindow: 1, sendRetryAfter: true, countRefused } });
	try {
		expect((await callKore(sandbox, 'GET', '?limit=1')).status).toBe(200);
		clock += 20_000;
		const refused = await callKore(sandbox, 'GET', '?limit=1');
		expect(refused.status).toBe(429);
		// where it counts, the room comes when the refused one leaves too, not when the first one does
		expect(Number(refused.headers['retry-after'])).toBe(retryAfter);
		clock += 41_000;
		expect((await callKore(sandbox, 'GET', '?limit=1')).status).toBe(minuteLater);
	} finally {
		sandbox.configure({ rateLimit: { requestsPerWindow: 60, sendRetryAfter: true, countRefused: false } });
	}
});
