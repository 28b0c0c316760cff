// The Conversation resource: Kore.ai's conversation details of a call (scope "SmartAssist
// Analytics"), read by the bot session id every campaign outcome carries.
import type { Operation } from '../shared/perItem';
import { resourceDescription } from '../shared/resource';
import * as get from './get.operation';

export const RESOURCE = 'conversation';

export const conversationOperations: Record<string, Operation> = {
	get: {
		option: { name: 'Get', value: 'get', description: "Get a call's conversation details: status, summary, dispositions, notes", action: "Get a call's conversation details" },
		...get,
	},
};

export const conversationDescription = resourceDescription(RESOURCE, conversationOperations, 'get');
