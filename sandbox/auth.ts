// Verifies a request the way Kore documents it, with jsonwebtoken as an implementation independent
// of the node's own signer: header `auth` = HS256 JWT signed with the client secret, claim `appId` =
// client ID, optional jti with exp <= 1 h after iat and no reuse, header `accountId` = the account.
import jwt from 'jsonwebtoken';

import { KoreError } from './envelope';

export interface AuthConfig {
	clientId: string;
	clientSecret: string;
	accountId: string;
	/** The bot's stream id: the campaign APIs want it in the iid header too. */
	streamId: string;
	enforceJti: boolean;
	configurationScope: boolean;
	/** Whether the app has the Contact Center scope "Campaign Management" (contact lists, campaigns). */
	campaignScope: boolean;
	/** Whether the app has the scope "SmartAssist Analytics" (conversation details). */
	analyticsScope: boolean;
	wrongSecretAnswer?: { status: number; code: number };
}

/** The scope each API needs: Contacts, the campaign family, conversation details. */
export type ApiScope = 'configuration' | 'campaign' | 'analytics';

const MAX_JTI_LIFETIME_SECONDS = 3600;

export class Authenticator {
	private readonly seenJtis = new Map<string, number>();

	constructor(
		private readonly config: AuthConfig,
		private readonly now: () => number,
	) {}

	/** Throws a KoreError for any request Kore would refuse; `scope` is the one the called API needs. */
	verify(headers: Record<string, string | string[] | undefined>, scope: ApiScope = 'configuration'): void {
		const token = single(headers.auth);
		if (!token) throw new KoreError(401, 'Invalid JWT token: the auth header is missing', 401);

		const decoded = jwt.decode(token, { complete: true });
		if (!decoded || typeof decoded.payload !== 'object' || decoded.payload === null) {
			throw new KoreError(401, 'Invalid JWT token', 401);
		}
		const claims = decoded.payload as jwt.JwtPayload & { appId?: unknown };
		if (claims.appId !== this.config.clientId) throw this.invalidCredentials();

		const nowSeconds = Math.floor(this.now() / 1000);
		try {
			jwt.verify(token, this.config.clientSecret, { algorithms: ['HS256'], clockTimestamp: nowSeconds });
		} catch (error) {
			if (error instanceof jwt.TokenExpiredError) throw new KoreError(401, 'Invalid JWT token: jwt expired', 401);
			throw this.invalidCredentials();
		}

		this.checkJti(claims, nowSeconds);

		const accountId = single(headers.accountid);
		if (accountId !== this.config.accountId) {
			throw new KoreError(401, 'Invalid accountId: it does not match the account of this app', 401);
		}
		const granted = { configuration: this.config.configurationScope, campaign: this.config.campaignScope, analytics: this.config.analyticsScope };
		if (!granted[scope]) {
			throw new KoreError(401, 'Permission denied. Scope is incorrect!', 4002);
		}
		// Every campaign page lists iid (the bot's stream id) among the required headers; the Contacts
		// page does not. Kore does not say how a missing one is answered: a 400 naming it, here.
		if (scope === 'campaign' && single(headers.iid) !== this.config.streamId) {
			throw new KoreError(400, 'iid header is required and must be the bot id (stream id) of the path', 400);
		}
	}

	private invalidCredentials() {
		const answer = this.config.wrongSecretAnswer ?? { status: 401, code: 401 };
		return new KoreError(answer.status, 'Invalid SDK credentials', answer.code);
	}

	private checkJti(claims: jwt.JwtPayload, nowSeconds: number) {
		if (claims.jti === undefined) {
			if (this.config.enforceJti) throw new KoreError(401, 'Invalid JWT token: jti is required', 401);
			return;
		}
		if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number') {
			throw new KoreError(401, 'Invalid JWT token: iat and exp are required with jti', 401);
		}
		if (claims.exp - claims.iat > MAX_JTI_LIFETIME_SECONDS) {
			throw new KoreError(401, 'Invalid JWT token: exp must be at most 1 hour after iat', 401);
		}
		this.forgetExpired(nowSeconds);
		if (this.seenJtis.has(claims.jti)) {
			throw new KoreError(401, 'Invalid JWT token: jti already used, possibly a replay', 401);
		}
		this.seenJtis.set(claims.jti, claims.exp);
	}

	private forgetExpired(nowSeconds: number) {
		// A jti can be forgotten once its token has expired: the token is refused on exp anyway.
		if (this.seenJtis.size < 10_000) return;
		for (const [jti, exp] of this.seenJtis) if (exp < nowSeconds) this.seenJtis.delete(jti);
	}
}

/** The decoded token for the request log: header and claims, never the signature or raw token. */
export function describeToken(token: string | undefined) {
	if (!token) return null;
	const decoded = jwt.decode(token, { complete: true });
	return decoded ? { header: decoded.header, payload: decoded.payload } : null;
}

function single(value: string | string[] | undefined) {
	return Array.isArray(value) ? value[0] : value;
}
