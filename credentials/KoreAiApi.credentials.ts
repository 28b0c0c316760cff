import { createHmac, randomUUID } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { normalizeHost } from '../nodes/KoreAiContacts/transport/host';
import { CREDENTIAL_REFUSED_CODE } from '../nodes/KoreAiContacts/transport/request';

/** Kore accepts at most an hour when a jti is present; a few minutes covers one request with room. */
const TOKEN_LIFETIME_SECONDS = 300;

function base64url(value: string | Buffer) {
	return Buffer.from(value).toString('base64url');
}

/** A fresh HS256 JWT as Kore documents it: claim `appId` = client ID, signed with the client secret. */
export function signKoreJwt(clientId: string, clientSecret: string, nowMs: number = Date.now()): string {
	const iat = Math.floor(nowMs / 1000);
	const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const payload = base64url(
		JSON.stringify({ appId: clientId, sub: clientId, iat, exp: iat + TOKEN_LIFETIME_SECONDS, jti: randomUUID() }),
	);
	const signature = createHmac('sha256', clientSecret).update(`${header}.${payload}`).digest('base64url');
	return `${header}.${payload}.${signature}`;
}

/**
 * A credential value that cannot be sent. Its code tells the node, on every n8n line, that nothing
 * left this machine (n8n rewords the message and, on 1.x, keeps only the code).
 */
function refusal(problem: string) {
	return Object.assign(new Error(problem), { code: CREDENTIAL_REFUSED_CODE });
}

function requiredText(credentials: ICredentialDataDecryptedObject, key: string, label: string): string {
	const value = credentials[key];
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw refusal(`The ${label} of the Kore.ai credential is empty`);
	// A line break in a header value would let it start another header.
	if (/[\r\n\0]/.test(text)) throw refusal(`The ${label} of the Kore.ai credential contains a line break: paste the value alone`);
	return text;
}

export class KoreAiApi implements ICredentialType {
	name = 'koreAiApi';

	displayName = 'Kore.ai API';

	icon: Icon = { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-kore-ai/n8n-nodes-kore-ai#credential-koreai-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			// No default region: a credential saved before Region existed has none, and keeps its Host.
			default: '',
			required: true,
			options: [
				{ name: 'Custom URL (On-Premises)', value: 'custom', description: 'Your own Kore.ai installation: type its address below' },
				{ name: 'Germany (de-platform.kore.ai)', value: 'de' },
				{ name: 'Japan (jp-platform.kore.ai)', value: 'jp' },
				{ name: 'United States (platform.kore.ai)', value: 'us' },
			],
			description: 'The Kore.ai environment you sign in to: the address in your browser when you use Kore.ai',
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'https://platform.kore.ai',
			placeholder: 'https://kore.example.com',
			required: true,
			displayOptions: { show: { region: ['custom', ''] } },
			description:
				'The address of your Kore.ai installation. Use https://; http:// is accepted only for a test server on this machine (localhost, 127.x.x.x, [::1]), so a signed token never travels unencrypted.',
		},
		{
			displayName: 'Bot ID / Stream ID',
			name: 'streamId',
			type: 'string',
			default: '',
			placeholder: 'st-7dc994f0-4436-5134-9fa8-a942625xxxxx',
			required: true,
			description: "In Kore.ai, open the bot, then App Settings: the Bot ID (it starts with st-)",
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: '65f7d49a5dd06e2cefa45012',
			required: true,
			description:
				"The ID of your Kore.ai account: in Kore.ai's settings under account details, or in the address bar after signing in",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			placeholder: 'cs-5f1ab3c2-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
			required: true,
			description:
				'In Kore.ai, App Settings > Dev Tools (API Scopes): create or open a JWT app and copy its Client ID. The app needs the scope "Configuration" (Contact Center), published.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Client Secret of the same JWT app. It only signs tokens here and is never sent as it is.',
		},
	];

	// Every request gets its own token: apps with "Enforce JTI" refuse a reused one.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const clientId = requiredText(credentials, 'clientId', 'Client ID');
		const clientSecret = requiredText(credentials, 'clientSecret', 'Client Secret');
		const accountId = requiredText(credentials, 'accountId', 'Account ID');
		if (requestOptions.baseURL !== undefined) {
			// The credential test's base URL is the host as typed; the node passes full URLs.
			const origin = normalizeHost(requestOptions.baseURL);
			if (!origin.ok) throw refusal(origin.problem);
			requestOptions.baseURL = origin.url;
		}
		// iid: the campaign pages list the bot's id as a required header; the Contacts API ignores it.
		const streamId = requiredText(credentials, 'streamId', 'Bot ID / Stream ID');
		requestOptions.headers = {
			...requestOptions.headers,
			auth: signKoreJwt(clientId, clientSecret),
			accountId,
			iid: streamId,
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			// The Region's host, or the Host typed for Custom URL (as transport/host.ts credentialHost).
			baseURL: '={{ {"us": "https://platform.kore.ai", "de": "https://de-platform.kore.ai", "jp": "https://jp-platform.kore.ai"}[$credentials.region] || $credentials.host }}',
			url: '=/agentassist/api/v1/public/{{encodeURIComponent(String($credentials.streamId).trim())}}/contacts',
			method: 'GET',
			qs: { skip: 0, limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Kore.ai refused these credentials. Check the Client ID and Client Secret of the JWT app, the Account ID, and that the app has the "Configuration" scope published.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Kore.ai refused access. Check that the JWT app has the Contact Center scope "Configuration" published and belongs to this account.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Kore.ai did not find this bot. Check the Bot ID / Stream ID (App Settings, it starts with st-) and that the Host is the environment the bot lives in.',
				},
			},
		],
	};
}
