// Kore's terse answers, turned into what a person can act on.
import { koreErrorCode } from './koreAnswers';

/** What a call did, for the reasons people read: "updated", "created"... */
export const PAST_TENSE = { update: 'updated', create: 'created', delete: 'deleted', import: 'imported' } as const;

export type Verb = keyof typeof PAST_TENSE;

/** Kore.ai's Contact Center API scopes the node's calls need: Contacts, the campaign APIs, conversation details. */
export type KoreScope = 'Configuration' | 'Campaign Management' | 'SmartAssist Analytics';

/** What each scope opens, in a refusal's words. */
const SCOPE_OPENS: Record<KoreScope, string> = { Configuration: 'the contacts', 'Campaign Management': 'the contact lists and campaigns', 'SmartAssist Analytics': 'conversation details' };

export interface Explanation {
	message: string;
	description: string;
}

const CREDENTIAL_WORDS = /credential|secret|signature|invalid (sdk|app|client)|jwt|token|expired|replay|unauthori[sz]ed|authenticat/i;
const SCOPE_WORDS = /scope|permission/i;
const TOKEN_WORDS = /jwt|token|expired|replay|signature/i;

/**
 * For answers that mean the credential or its Kore.ai app is set up wrong (401/403/404/405). The
 * message itself carries Kore's words: some n8n surfaces (an AI model, a notification) drop the
 * description. Kore's words decide before its code: Kore documents code 4002 beside "Scope is
 * incorrect!" and leaves open which code comes with "Invalid SDK credentials", so a wrong secret is
 * never reported as a missing scope.
 */
export function explainConfigurationError(status: number, detail: string, body: unknown, scope: KoreScope = 'Configuration'): Explanation {
	const said = detail ? `: Kore.ai said "${detail}"` : ` (HTTP ${status}, no reason given)`;
	const scopeFix = `In Kore.ai, open App Settings > Dev Tools (API Scopes), give the JWT app the Contact Center scope "${scope}", and publish the bot.`;
	const what = SCOPE_OPENS[scope];
	switch (configurationProblem(status, detail, koreErrorCode(body))) {
		case 'bot':
			return {
				message: `Kore.ai did not find this bot on the host${said}`,
				description:
					'Check the Bot ID / Stream ID (App Settings, it starts with st-) and the Host: it must be the environment the bot lives in, like https://platform.kore.ai, https://de-platform.kore.ai or https://jp-platform.kore.ai.',
			};
		case 'scope':
			return { message: `The Kore.ai app is missing the "${scope}" scope${said}`, description: scopeFix };
		case 'access':
			return {
				message: `Kore.ai refused access to ${what}${said}`,
				description: `${scopeFix} Also check that the JWT app belongs to the Account ID in the credential.`,
			};
		case 'account':
			return {
				message: `Kore.ai refused the Account ID${said}`,
				description: 'Check the Account ID in the Kore.ai API credential: it must be the account the JWT app belongs to.',
			};
		case 'token':
			return {
				message: `Kore.ai refused the signed token${said}`,
				description: "Check the Client Secret in the Kore.ai API credential, and that this computer's clock is right (tokens are valid for five minutes).",
			};
		default:
			return {
				message: `Kore.ai refused the credentials${said}`,
				description: 'Check the Client ID and Client Secret of the JWT app in the Kore.ai API credential (App Settings > Dev Tools).',
			};
	}
}

/** Which part of the set-up Kore's answer points at: its words first, then its code and status. */
export function configurationProblem(status: number, detail: string, code: unknown) {
	if (status === 404 || status === 405) return 'bot';
	if (CREDENTIAL_WORDS.test(detail) && !SCOPE_WORDS.test(detail)) return TOKEN_WORDS.test(detail) ? 'token' : 'credentials';
	if (SCOPE_WORDS.test(detail)) return 'scope';
	if (/account/i.test(detail)) return 'account';
	if (String(code) === '4002') return 'scope';
	return status === 403 ? 'access' : 'credentials';
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
