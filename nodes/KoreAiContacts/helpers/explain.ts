// Kore's terse answers, turned into what a person can act on.
import { koreErrorCode } from './retryPolicy';

/** What a call did, for the reasons people read: "updated", "created"... */
export const PAST_TENSE = { update: 'updated', create: 'created', delete: 'deleted', import: 'imported' } as const;

export type Verb = keyof typeof PAST_TENSE;

export interface Explanation {
	message: string;
	description: string;
}

/** For answers that mean the credential or its Kore.ai app is set up wrong (401/403/404/405). */
export function explainConfigurationError(status: number, detail: string, body: unknown): Explanation {
	const kore = detail ? ` Kore.ai said: "${detail}".` : '';
	const code = koreErrorCode(body);
	if (status === 404 || status === 405) {
		return {
			message: 'Kore.ai did not find this bot on the host',
			description: `Check the Bot ID / Stream ID (App Settings, it starts with st-) and the Host: it must be the environment the bot lives in, like https://platform.kore.ai, https://de-platform.kore.ai or https://jp-platform.kore.ai.${kore}`,
		};
	}
	if (code === 4002 || /scope/i.test(detail) || status === 403) {
		return {
			message: 'The Kore.ai app is missing the "Configuration" scope',
			description: `In Kore.ai, open App Settings > Dev Tools (API Scopes), give the JWT app the Contact Center scope "Configuration", and publish the bot.${kore}`,
		};
	}
	if (/account/i.test(detail)) {
		return {
			message: 'Kore.ai refused the Account ID',
			description: `Check the Account ID in the Kore.ai API credential: it must be the account the JWT app belongs to.${kore}`,
		};
	}
	const token = /jwt|token|expired|replay/i.test(detail);
	return {
		message: token ? 'Kore.ai refused the signed token' : 'Kore.ai refused the credentials',
		description: token
			? `Check the Client Secret in the Kore.ai API credential, and that this computer's clock is right (tokens are valid for five minutes).${kore}`
			: `Check the Client ID and Client Secret of the JWT app in the Kore.ai API credential (App Settings > Dev Tools).${kore}`,
	};
}

/** Per-record reasons from Kore, with the fix added where the cause is clear. */
export function explainRecordReason(reason: string): string {
	if (/not\s*found|does not exist|no such|invalid contact id/i.test(reason)) {
		return `Kore.ai has no active contact with this id: the id is wrong, or the contact was deleted. Kore.ai said: "${reason}"`;
	}
	if (/phone/i.test(reason) && /exist|duplicate|already|taken|in use/i.test(reason)) {
		return `Another contact in Kore.ai already has this phone number, and Kore.ai allows a number on one contact only. Kore.ai said: "${reason}"`;
	}
	return reason;
}
