// The answer Kore.ai expects, built from what n8n would have sent back: the workflow's last node's
// first item, or n8n's own error. Pure. Kore skips a contact on any non-200, malformed body or
// missing `handle`, so whatever the workflow gives that is not a clear CALL or SKIP becomes the
// node's Default Decision, always answered as a 200 with `contactHandling`.
import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../KoreAiContacts/helpers/koreAnswers';

export type Decision = 'call' | 'skip';
/** Where the fields for the bot go: Kore's sample nests them, its table lists them at the top. */
export type BotDataPlacement = 'both' | 'topLevel' | 'nested';

export interface KoreAnswerBody extends IDataObject {
	contactHandling: { handle: 'CALL' | 'SKIP'; reason?: string };
}

export interface PreCallAnswer {
	body: KoreAnswerBody;
	/** `workflow`: the last node decided; `default`: the Default Decision, for the reason in `why`. */
	source: 'workflow' | 'default';
	why?: string;
}

const HANDLES: Record<string, 'CALL' | 'SKIP'> = { CALL: 'CALL', SKIP: 'SKIP' };
const RESERVED = new Set(['handle', 'reason', 'contactHandling']);

/** n8n's own answer when it has no item to give, or the workflow failed: its message, if any. */
function n8nMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.slice(0, 200) || undefined;
	if (isPlainObject(body) && typeof body.message === 'string') return body.message;
	return undefined;
}

function parsed(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

export function defaultAnswer(decision: Decision, why: string): PreCallAnswer {
	return {
		body: { contactHandling: { handle: decision === 'call' ? 'CALL' : 'SKIP', reason: `n8n default decision: ${why}` } },
		source: 'default',
		why,
	};
}

function withBotData(handling: KoreAnswerBody['contactHandling'], data: IDataObject, placement: BotDataPlacement): KoreAnswerBody {
	const body: KoreAnswerBody = { contactHandling: handling };
	if (Object.keys(data).length === 0) return body;
	if (placement !== 'nested') Object.assign(body, data);
	if (placement !== 'topLevel') body.detailedContactData = data;
	return body;
}

/**
 * Kore's answer for what n8n sent: `status` and `body` as n8n wrote them. The last node's first
 * item gives `handle` (CALL or SKIP, any case), `reason`, and every other field as data for the bot;
 * an item already in Kore's shape (`contactHandling.handle`) is taken as it is.
 */
export function koreAnswer(status: number, sent: unknown, defaultDecision: Decision, placement: BotDataPlacement): PreCallAnswer {
	const body = parsed(sent);
	if (status >= 400) {
		const message = n8nMessage(body);
		return defaultAnswer(defaultDecision, `the workflow failed${message ? ` (n8n: ${message})` : ''}`);
	}
	const item = Array.isArray(body) ? body[0] : body;
	if (!isPlainObject(item)) return defaultAnswer(defaultDecision, "the workflow's last node gave no item");
	const own = isPlainObject(item.contactHandling) ? item.contactHandling : item;
	const handle = typeof own.handle === 'string' ? HANDLES[own.handle.trim().toUpperCase()] : undefined;
	if (own.handle === undefined || own.handle === null || own.handle === '') {
		const message = Object.keys(item).length === 1 ? n8nMessage(item) : undefined;
		return defaultAnswer(defaultDecision, message ? `the workflow gave no decision (n8n: ${message})` : "the last node's first item has no handle");
	}
	if (!handle) return defaultAnswer(defaultDecision, `handle '${String(own.handle).slice(0, 40)}' is neither CALL nor SKIP`);
	const handling: KoreAnswerBody['contactHandling'] = { handle };
	if (typeof own.reason === 'string' || typeof own.reason === 'number') handling.reason = String(own.reason);
	// An item already in Kore's shape goes out as the user built it.
	if (own !== item) return { body: { ...(item as IDataObject), contactHandling: handling }, source: 'workflow' };
	const data: IDataObject = {};
	for (const [key, value] of Object.entries(item)) if (!RESERVED.has(key)) data[key] = value as IDataObject[string];
	return { body: withBotData(handling, data, placement), source: 'workflow' };
}
