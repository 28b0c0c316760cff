import { startSandbox, type KoreSandbox } from '../../sandbox';
import { callKore, signToken } from '../support/koreClient';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 3 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const envelope = (msg: string) => ({ errors: [expect.objectContaining({ msg: expect.stringContaining(msg) })] });

test('a token signed as Kore documents is accepted', async () => {
	const response = await callKore(sandbox, 'GET', '?limit=1');
	expect(response.status).toBe(200);
	expect(response.body.results).toHaveLength(1);
});

test.each([
	['no auth header', { token: null }, 401, 'Invalid JWT token'],
	['a token that is not a JWT', { token: 'not-a-jwt' }, 401, 'Invalid JWT token'],
	['a bad signature', { secret: 'wrong-secret' }, 401, 'Invalid SDK credentials'],
	['a wrong appId', { appId: 'cs-someone-else' }, 401, 'Invalid SDK credentials'],
	['a wrong accountId', { accountId: 'other-account' }, 401, 'Invalid accountId'],
	['an expired token', { lifetimeSeconds: -10 }, 401, 'jwt expired'],
	['a jti living over an hour', { lifetimeSeconds: 3601 }, 401, 'at most 1 hour'],
	['no jti while jti is enforced', { jti: null }, 401, 'jti is required'],
	['an unknown bot', { streamId: 'st-unknown' }, 404, 'Bot not found'],
])('%s is refused in Kore\'s envelope', async (_name, options, status, message) => {
	const { token, accountId, streamId, ...tokenOptions } = options as Record<string, any>;
	const response = await callKore(sandbox, 'GET', '', undefined, {
		token: token === undefined ? signToken(sandbox, tokenOptions) : token,
		accountId,
		streamId,
	});
	expect(response.status).toBe(status);
	expect(response.body).toEqual(envelope(message));
});

test('a replayed jti is refused as possibly a replay', async () => {
	const token = signToken(sandbox);
	expect((await callKore(sandbox, 'GET', '', undefined, { token })).status).toBe(200);
	const replay = await callKore(sandbox, 'GET', '', undefined, { token });
	expect(replay.status).toBe(401);
	expect(replay.body).toEqual(envelope('possibly a replay'));
});

test('without Enforce JTI a token without jti is accepted', async () => {
	sandbox.configure({ enforceJti: false });
	try {
		expect((await callKore(sandbox, 'GET', '', undefined, { token: signToken(sandbox, { jti: null }) })).status).toBe(200);
	} finally {
		sandbox.configure({ enforceJti: true });
	}
});

test('an app without the Configuration scope is refused with code 4002', async () => {
	sandbox.configure({ configurationScope: false });
	try {
		const response = await callKore(sandbox, 'GET', '');
		expect(response.status).toBe(401);
		expect(response.body).toEqual({ errors: [{ msg: 'Permission denied. Scope is incorrect!', code: 4002 }] });
	} finally {
		sandbox.configure({ configurationScope: true });
	}
});

test('the log decodes the token but never keeps it', async () => {
	const token = signToken(sandbox);
	await callKore(sandbox, 'GET', '', undefined, { token });
	const [entry] = sandbox.log();
	expect(entry.jwt?.payload).toMatchObject({ appId: sandbox.credentials().clientId });
	expect(JSON.stringify(sandbox.log())).not.toContain(token);
	expect(JSON.stringify(sandbox.log())).not.toContain(token.split('.')[2]);
});

test('a campaign call needs the iid header (the bot id), as every campaign page lists it', async () => {
	const { accountId, streamId, url } = { ...sandbox.credentials(), url: sandbox.url };
	const listOfLists = (iid?: string) =>
		fetch(`${url}/campaign/api/v2/public/${streamId}/campaign/contactList/getAllListDetails?accountId=${accountId}&type=call`, {
			headers: { auth: signToken(sandbox), accountId, ...(iid !== undefined && { iid }) },
		});
	expect((await listOfLists(streamId)).status).toBe(200);
	for (const iid of [undefined, 'st-other']) {
		const refused = await listOfLists(iid);
		expect(refused.status).toBe(400);
		expect(await refused.json()).toEqual(envelope('iid header is required'));
	}
});
