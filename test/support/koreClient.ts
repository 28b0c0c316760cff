// A raw client of Kore's Contacts API for tests: undici for HTTP, jsonwebtoken for the token, so
// the sandbox is checked by code that shares nothing with the node.
import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { request } from 'undici';

import type { KoreSandbox } from '../../sandbox';

export interface TokenOptions {
	secret?: string;
	appId?: string;
	jti?: string | null;
	lifetimeSeconds?: number;
}

export function signToken(sandbox: KoreSandbox, options: TokenOptions = {}) {
	const { clientId, clientSecret } = sandbox.credentials();
	const claims: Record<string, unknown> = { appId: options.appId ?? clientId, sub: 'test' };
	if (options.jti !== null) claims.jti = options.jti ?? randomUUID();
	return jwt.sign(claims, options.secret ?? clientSecret, {
		algorithm: 'HS256',
		expiresIn: options.lifetimeSeconds ?? 300,
	});
}

export interface CallOptions {
	token?: string | null;
	accountId?: string;
	streamId?: string;
	headers?: Record<string, string>;
	rawBody?: string | Buffer;
}

export async function callKore(sandbox: KoreSandbox, method: string, path: string, body?: unknown, options: CallOptions = {}) {
	const { accountId, streamId } = sandbox.credentials();
	const token = options.token === undefined ? signToken(sandbox) : options.token;
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		accountId: options.accountId ?? accountId,
		...options.headers,
	};
	if (token !== null) headers.auth = token;
	const url = `${sandbox.url}/agentassist/api/v1/public/${encodeURIComponent(options.streamId ?? streamId)}/contacts${path}`;
	const response = await request(url, {
		method: method as 'GET',
		headers,
		body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	const text = await response.body.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	// Tests read into the body freely; its shape is what they assert.
	return { status: response.statusCode, headers: response.headers, body: json as any };
}

export function contactBody(id: string, overrides: Record<string, unknown> = {}) {
	return {
		id,
		firstName: 'john',
		lastName: 'doee',
		fullName: 'john doee',
		salutation: 'mr',
		cellPhone: { extension: '+', phoneNumber: '2445600001', countryCode: '+91' },
		...overrides,
	};
}
