import jwt from 'jsonwebtoken';

import { KoreAiApi, signKoreJwt } from '../../credentials/KoreAiApi.credentials';
import { contactsBaseUrl, normalizeHost } from '../../nodes/KoreAiContacts/transport/host';

const SECRET = 'unit-test-secret-0123456789';

describe('signKoreJwt, checked by jsonwebtoken', () => {
	test('HS256, signed with the secret, with appId, sub, iat, exp and jti', () => {
		const now = Date.UTC(2026, 5, 1, 12);
		const token = signKoreJwt('cs-client', SECRET, now);
		const claims = jwt.verify(token, SECRET, { algorithms: ['HS256'], clockTimestamp: now / 1000 }) as jwt.JwtPayload;
		expect(claims).toMatchObject({ appId: 'cs-client', sub: 'cs-client', iat: now / 1000, exp: now / 1000 + 300 });
		expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
		expect(jwt.decode(token, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
	});

	test('a wrong secret does not verify', () => {
		expect(() => jwt.verify(signKoreJwt('cs', SECRET), 'other', { algorithms: ['HS256'] })).toThrow('invalid signature');
	});

	test('it has expired after five minutes, never lives an hour', () => {
		const now = Date.UTC(2026, 5, 1, 12);
		const token = signKoreJwt('cs', SECRET, now);
		expect(() => jwt.verify(token, SECRET, { clockTimestamp: now / 1000 + 301 })).toThrow('jwt expired');
	});

	test('every token has a fresh jti', () => {
		const jtis = new Set(Array.from({ length: 50 }, () => (jwt.decode(signKoreJwt('cs', SECRET)) as jwt.JwtPayload).jti));
		expect(jtis.size).toBe(50);
	});
});

describe('authenticate', () => {
	const credential = new KoreAiApi();
	const data = { host: 'platform.kore.ai/', streamId: 'st-1', accountId: 'acc-1', clientId: 'cs-1', clientSecret: SECRET };

	test('sets auth, accountId and iid (the bot id the campaign pages ask for) headers, keeps other headers, normalises the test base URL', async () => {
		const options = await credential.authenticate({ ...data, streamId: ' st-1 ' }, { url: '/x', baseURL: 'platform.kore.ai/', headers: { a: 'b' } });
		expect(options.baseURL).toBe('https://platform.kore.ai');
		expect(options.headers).toMatchObject({ a: 'b', accountId: 'acc-1', iid: 'st-1' });
		const token = (options.headers as Record<string, string>).auth;
		expect((jwt.verify(token, SECRET) as jwt.JwtPayload).appId).toBe('cs-1');
	});

	test.each([
		['accountId', 'acc\r\nX-Injected: 1', 'Account ID of the Kore.ai credential contains a line break'],
		['clientId', 'cs\n1', 'Client ID of the Kore.ai credential contains a line break'],
		['clientSecret', '', 'Client Secret of the Kore.ai credential is empty'],
		['streamId', 'st-1\nX-Injected: 1', 'Bot ID / Stream ID of the Kore.ai credential contains a line break'],
	])('refuses %s = %j, without echoing the value', async (key, value, message) => {
		const promise = credential.authenticate({ ...data, [key]: value }, { url: '/x' });
		await expect(promise).rejects.toThrow(message);
		await expect(promise).rejects.not.toThrow(SECRET);
	});

	test('the credential test lists one contact of the bot', () => {
		expect(credential.test.request).toMatchObject({ method: 'GET', qs: { skip: 0, limit: 1 } });
		expect(credential.test.rules?.map((r) => r.properties.value)).toEqual([401, 403, 404]);
	});

	test('the secret is a password field', () => {
		expect(credential.properties.find((p) => p.name === 'clientSecret')?.typeOptions?.password).toBe(true);
	});
});

describe('hosts', () => {
	test.each([
		['platform.kore.ai', 'https://platform.kore.ai'],
		['https://de-platform.kore.ai/', 'https://de-platform.kore.ai'],
		['  https://jp-platform.kore.ai//  ', 'https://jp-platform.kore.ai'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://127.8.9.10', 'http://127.8.9.10'],
		['http://[::1]:4010', 'http://[::1]:4010'],
		['https://kore.example.com/onprem/?x=1#y', 'https://kore.example.com/onprem'],
	])('%j -> %j', (input, expected) => {
		expect(normalizeHost(input)).toEqual({ ok: true, url: expected });
	});

	test.each([
		['', 'is empty'],
		['ftp://x', 'must start with https://'],
		['https://user:pw@x', 'must not contain a user name or password'],
		['https://x\r\nEvil: 1', 'contains spaces or line breaks'],
		['http://', 'is not a URL'],
		['http://platform.kore.ai', 'uses http://, which would send every signed token unencrypted to platform.kore.ai'],
		['http://10.0.0.5:4010', 'accepted only for a test server on this machine'],
		['http://127.0.0.1.evil.com', 'uses http://'],
		['http://localhost.evil.com', 'uses http://'],
		['http://[::2]', 'uses http://'],
	])('%j is refused', (input, problem) => {
		const result = normalizeHost(input);
		expect(!result.ok && result.problem).toContain(problem);
	});

	test('the stream id is encoded and can never change the path', () => {
		expect(contactsBaseUrl('https://h', 'st-1/../../admin?x=1')).toEqual({
			ok: true,
			url: 'https://h/agentassist/api/v1/public/st-1%2F..%2F..%2Fadmin%3Fx%3D1/contacts',
		});
		expect(contactsBaseUrl('https://h', '  ')).toMatchObject({ ok: false });
	});
});
