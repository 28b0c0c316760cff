import { request } from 'undici';

import { demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { callKore, contactBody, signToken } from '../support/koreClient';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 5, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const { id: _omit, ...newContact } = contactBody('x', { cellPhone: { phoneNumber: '5550001', countryCode: '1', extension: '+' } });

test('create returns the created contacts', async () => {
	const response = await callKore(sandbox, 'POST', '', [newContact]);
	expect(response.status).toBe(200);
	expect(response.body).toHaveLength(1);
	expect(response.body[0]).toMatchObject({ firstName: 'john', status: 'ACTIVE', cellPhone: { phoneNumber: '+15550001' } });
	expect(sandbox.store.size).toBe(6);
});

test('create refuses a phone number another contact has', async () => {
	await callKore(sandbox, 'POST', '', [newContact]);
	const response = await callKore(sandbox, 'POST', '', [newContact]);
	expect(response.status).toBe(409);
	expect(sandbox.store.size).toBe(6);
});

test('list pages with skip and limit', async () => {
	const response = await callKore(sandbox, 'GET', '?skip=2&limit=2');
	expect(response.body).toMatchObject({ skip: 2, limit: 2, hasMore: true, totalPages: 3, totalResults: 5 });
	expect(response.body.results.map((c: { _id: string }) => c._id)).toEqual([demoContactId(2), demoContactId(3)]);
});

test('update one', async () => {
	const response = await callKore(sandbox, 'PUT', `/${demoContactId(1)}`, { ...newContact, firstName: 'solo' });
	expect(response.status).toBe(200);
	expect(response.body).toMatchObject({ _id: demoContactId(1), firstName: 'solo' });
	expect((await callKore(sandbox, 'PUT', '/6964af60ffffffffffffffff', newContact)).status).toBe(404);
});

test('delete one is a soft delete', async () => {
	const response = await callKore(sandbox, 'DELETE', `/${demoContactId(1)}`);
	expect(response.body).toMatchObject({ _id: demoContactId(1), status: 'INACTIVE' });
	expect(sandbox.store.get(demoContactId(1))?.status).toBe('INACTIVE');
	// and a deleted contact cannot be bulk-updated any more
	const update = await callKore(sandbox, 'PUT', '/bulk-update', [contactBody(demoContactId(1))]);
	expect(update.body.failedRecords[0].error).toBe('Contact not found');
});

test('bulk delete', async () => {
	const response = await callKore(sandbox, 'DELETE', '/bulk-delete', { ids: [demoContactId(0), 'nope'] });
	expect(response.body).toMatchObject({
		totalRequested: 2,
		successful: 1,
		failed: 1,
		successfulRecords: [{ id: demoContactId(0) }],
		failedRecords: [{ id: 'nope', error: 'Contact not found' }],
	});
});

test('CSV import in the form field result_file', async () => {
	const csv = 'firstName,lastName,salutation,cellPhoneNumber,cellPhoneCountryCode,cellPhoneExtension\n"Ann, Jr",Lee,ms,7770001,+1,+\nBo,Kim,mr,7770002,+1,+\n';
	const boundary = 'XBOUNDARYX';
	const body = `--${boundary}\r\nContent-Disposition: form-data; name="result_file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
	const response = await callKore(sandbox, 'POST', '/import-contacts', undefined, {
		rawBody: body,
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
	});
	expect(response.status).toBe(200);
	expect(response.body.map((c: { firstName: string }) => c.firstName)).toEqual(['Ann, Jr', 'Bo']);
	expect(sandbox.store.size).toBe(7);
});

test('an unknown method is 405', async () => {
	expect((await callKore(sandbox, 'PATCH', '')).status).toBe(405);
});

test('admin routes serve the log, the store and stats to other processes', async () => {
	await callKore(sandbox, 'GET', '');
	const log = await (await request(`${sandbox.url}/__admin/log`)).body.json();
	expect(log).toHaveLength(1);
	const store = (await (await request(`${sandbox.url}/__admin/store`)).body.json()) as unknown[];
	expect(store).toHaveLength(5);
	await request(`${sandbox.url}/__admin/seed`, { method: 'POST', body: JSON.stringify({ count: 9 }) });
	expect(sandbox.store.size).toBe(9);
	await request(`${sandbox.url}/__admin/faults`, { method: 'PUT', body: JSON.stringify({ schedule: [{ kind: 'status', status: 502 }] }) });
	expect((await callKore(sandbox, 'GET', '', undefined, { token: signToken(sandbox) })).status).toBe(502);
	const stats = (await (await request(`${sandbox.url}/__admin/stats`)).body.json()) as { byStatus: Record<string, number> };
	expect(stats.byStatus['502']).toBe(1);
});

test('the store can be kept in a JSON file between runs', async () => {
	const { mkdtempSync, readFileSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const storeFile = join(mkdtempSync(join(tmpdir(), 'kore-store-')), 'contacts.json');
	const first = await startSandbox({ seedCount: 2, storeFile });
	first.store.deactivate(demoContactId(1));
	await first.stop();
	expect(JSON.parse(readFileSync(storeFile, 'utf8'))).toHaveLength(2);
	const second = await startSandbox({ seedCount: 50, storeFile });
	try {
		expect(second.store.size).toBe(2);
		expect(second.store.get(demoContactId(1))?.status).toBe('INACTIVE');
	} finally {
		await second.stop();
	}
});
