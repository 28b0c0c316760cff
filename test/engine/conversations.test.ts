// Conversation > Get in n8n's engine against the sandbox: the conversation details of each call a
// campaign outcome names (its botSessionId), one item per input item; a session Kore.ai does not
// know and an empty Session ID on Failed with the reason; the missing scope named.
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const params = (extra: Record<string, unknown> = {}) => ({ resource: 'conversation', operation: 'get', sessionId: '={{ $json.botSessionId }}', rateLimitWindowSeconds: 1, ...extra });
const sessionCalls = () => sandbox.log().filter((r) => r.path.includes('/conversations/sessions/'));

test('20 outcomes: each its conversation (summary, dispositions, notes, user info); an unknown session and an empty one on Failed', async () => {
	const campaign = sandbox.campaigns.addCampaign({ name: 'Renewals calls', type: 'voice', contactLists: [], status: 'Active' });
	const numbers = Array.from({ length: 20 }, (_, n) => `91984503${String(1000 + n)}`);
	sandbox.campaigns.dial(campaign._id, numbers.map((phoneNumber, n) => ({ phoneNumber, dialerOutcome: n % 4 ? 'completed' : 'no-answer', agentDispositionCodes: n % 4 ? ['Renewed'] : [] })));
	const outcomes = sandbox.campaigns.outcomes.get(campaign._id)!;
	const items = [...outcomes.map((o) => ({ phoneNumber: o.phoneNumber, botSessionId: o.botSessionId })), { botSessionId: '685d3c819e81807087b6ffff' }, { botSessionId: '' }];

	const result = await run(sandbox, { items, parameters: params(), typeVersion: 1.1 });
	expect(pairedIndexes(result.success)).toEqual(numbers.map((_, i) => i));
	expect(result.success.map((i) => i.json.sessionId)).toEqual(outcomes.map((o) => o.botSessionId));
	expect(result.success.map((i) => (i.json.userInfo as { phoneNumber: string }).phoneNumber)).toEqual(numbers);
	expect(result.success[1].json).toMatchObject({ status: 'CLOSED', summary: expect.stringContaining('answered'), dispositions: { status: 'Resolved', dispositionSets: [{ name: 'Renewed' }] }, notes: [expect.any(Object)] });
	expect(result.success[0].json).toMatchObject({ dispositions: { status: 'Unreachable', dispositionSets: [] } });
	expect(result.failed.map((i) => [i.pairedItem, i.json.stage, i.json.sessionId])).toEqual([
		[{ item: 20 }, 'api', '685d3c819e81807087b6ffff'],
		[{ item: 21 }, 'validation', null],
	]);
	expect(result.failed[0].json.reason).toContain('Kore.ai has no conversation for session 685d3c819e81807087b6ffff');
	expect(result.failed[1].json.reason).toContain('Session ID is empty');
	expect(sessionCalls()).toHaveLength(21);
	expect(sessionCalls().every((r) => r.method === 'GET')).toBe(true);
	expectNoSecretsLeaked(sandbox);
});

test('an app without the SmartAssist Analytics scope: the node stops naming that scope, and the fix', async () => {
	sandbox.configure({ analyticsScope: false });
	try {
		const result = await run(sandbox, { items: [{ botSessionId: 'abc' }], parameters: params(), typeVersion: 1.1 });
		expect(result.error?.message).toBe('The Kore.ai app is missing the "SmartAssist Analytics" scope: Kore.ai said "Permission denied. Scope is incorrect!"');
		expect(result.error?.description).toContain('give the JWT app the Contact Center scope "SmartAssist Analytics"');
	} finally {
		sandbox.configure({ analyticsScope: true });
	}
});
