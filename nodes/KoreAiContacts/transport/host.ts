// Where Kore's Contacts API lives for a credential: the host as people paste it, made into an origin.
// Results, not exceptions: the node turns a problem into its own error, the credential into a refusal.

export type UrlResult = { ok: true; url: string } | { ok: false; problem: string };

/** Kore.ai's environments, by the credential's Region. */
export const REGION_HOSTS = {
	us: 'https://platform.kore.ai',
	de: 'https://de-platform.kore.ai',
	jp: 'https://jp-platform.kore.ai',
} as const;

/**
 * The host a credential points at: its Region's, or, for Custom URL (and a credential saved before
 * Region existed, which has none), the Host typed in it.
 */
export function credentialHost(data: { region?: unknown; host?: unknown }): unknown {
	const region = typeof data.region === 'string' ? data.region : '';
	return Object.prototype.hasOwnProperty.call(REGION_HOSTS, region) ? REGION_HOSTS[region as keyof typeof REGION_HOSTS] : data.host;
}

/**
 * The origin of a Kore.ai environment from what a person typed: `platform.kore.ai`,
 * `https://platform.kore.ai/`, `http://127.0.0.1:4010`. https when no scheme is given.
 */
export function normalizeHost(host: unknown): UrlResult {
	const text = typeof host === 'string' ? host.trim() : '';
	if (text === '') return { ok: false, problem: 'The Host of the Kore.ai credential is empty: use https://platform.kore.ai or your environment URL' };
	if (/\s/.test(text)) {
		return { ok: false, problem: 'The Host of the Kore.ai credential contains spaces or line breaks: paste only the URL, like https://platform.kore.ai' };
	}
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return { ok: false, problem: `The Host of the Kore.ai credential is not a URL: "${text}". Use the environment URL, like https://platform.kore.ai` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, problem: `The Host of the Kore.ai credential must start with https:// (got ${url.protocol}//)` };
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return {
			ok: false,
			problem: `The Host of the Kore.ai credential uses http://, which would send every signed token unencrypted to ${url.hostname}. Use https:// (http:// is accepted only for a test server on this machine: localhost, 127.x.x.x or [::1])`,
		};
	}
	if (url.username || url.password) {
		return { ok: false, problem: 'The Host of the Kore.ai credential must not contain a user name or password' };
	}
	// A path prefix is kept (on-premises installs may sit under one); query and fragment never belong.
	const path = url.pathname.replace(/\/+$/, '');
	return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

/** This machine only: localhost, 127.0.0.0/8, ::1 (a token sent there never crosses a network). */
export function isLoopback(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The base URL of one bot's Contacts API; the stream id is encoded so it can never change the path. */
export function contactsBaseUrl(host: unknown, streamId: unknown): UrlResult {
	const id = typeof streamId === 'string' ? streamId.trim() : '';
	if (id === '') {
		return { ok: false, problem: "The Bot ID / Stream ID of the Kore.ai credential is empty: copy it from the bot's App Settings page (it starts with st-)" };
	}
	const origin = normalizeHost(host);
	if (!origin.ok) return origin;
	return { ok: true, url: `${origin.url}/agentassist/api/v1/public/${encodeURIComponent(id)}/contacts` };
}
