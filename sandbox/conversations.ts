// Kore.ai's Get Conversation Details (SmartAssist Analytics) as its page shows it: the conversation
// of a bot session, which every campaign outcome names (`botSessionId`). The sandbox writes one for
// each dialled contact, from its outcome; a session it never saw is a 404 (Kore does not document
// the answer for an unknown session).
import { randomUUID } from 'node:crypto';

import type { DialOutcome } from './campaignStore';
import { KoreError } from './envelope';

const SESSIONS = /^\/agentassist\/api\/v1\/public\/([^/]+)\/conversations\/sessions\/([^/]+)\/?$/;

/** The session id of a Get Conversation Details path for this bot, else undefined. */
export function conversationSession(path: string, streamId: string): string | undefined {
	const match = SESSIONS.exec(path);
	if (!match || decodeURIComponent(match[1]) !== streamId) return undefined;
	return decodeURIComponent(match[2]);
}

/** The conversation of a dialled contact, in the fields of Kore's sample. */
export function conversationFor(outcome: DialOutcome, campaign: { _id: string; name: string }, at: string): Record<string, unknown> {
	const answered = outcome.dialerOutcome === 'completed';
	return {
		_id: `c-${randomUUID()}`,
		sessionId: outcome.botSessionId,
		status: 'CLOSED',
		channel: 'voice',
		createdOn: at,
		summary: answered ? `Outbound call from "${campaign.name}" to ${outcome.phoneNumber}: the customer answered and spoke with an agent.` : `Outbound call from "${campaign.name}" to ${outcome.phoneNumber}: ${outcome.dialerOutcome || 'not connected'}.`,
		participants: answered ? [{ queueName: 'Default Queue', name: 'SmartAssist QA', status: 'INACTIVE', endedChat: true }] : [],
		transferDetails: [],
		dispositions: { status: answered ? 'Resolved' : 'Unreachable', remarks: '', dispositionSets: outcome.agentDispositionCodes.map((code) => ({ name: code })), metaStatus: answered ? 'CLOSED' : 'NOT_CONNECTED' },
		notes: answered ? [{ note: 'Customer confirmed the renewal date.', createdOn: at }] : [],
		userInfo: { phoneNumber: outcome.phoneNumber, uniqueId: outcome.uniqueId, campaignId: campaign._id },
	};
}

export function unknownSession(sessionId: string) {
	return new KoreError(404, `Session ${sessionId} not found`, 404);
}
