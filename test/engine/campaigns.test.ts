// Campaign operations in n8n's engine against the sandbox's campaign APIs, on each documented path
// family: Get Many with the status filter, Get, Start and Stop (a campaign already in that state is
// a Success saying so), Get Outcomes (250 outcomes in 3 requests; 40 CRM rows each their own outcome
// from one read of the campaign; found: false for a number never dialled).
import { startSandbox, type CampaignReadings, type KoreSandbox } from '../../sandbox';
import { pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ campaignScope: true });
});
afterAll(async () => sandbox.stop());

const params = (extra: Record<string, unknown>) => ({ resource: 'campaign', rateLimitWindowSeconds: 1, ...extra });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const number = (n: number) => `9198450${String(20000 + n)}`;
// Answered calls: on the v1 reading a run's first call also tries the v2 path (404) once.
const outcomeCalls = () => sandbox.log().filter((r) => r.path.endsWith('/status') && r.query.view === 'contacts' && r.status === 200);

const readings: Array<[string, Partial<CampaignReadings>]> = [
	['v2 paths', { paths: 'v2' }],
	['v1 paths only', { paths: 'v1' }],
];

describe.each(readings)('on the reading: %s', (_, reading) => {
	beforeEach(() => sandbox.configure({ campaignReadings: reading }));

	test('Get Many by type and status, Get by id', async () => {
		const voice = sandbox.campaigns.addCampaign({ name: 'Renewals calls', type: 'voice', contactLists: [] });
		sandbox.campaigns.addCampaign({ name: 'Old calls', type: 'voice', contactLists: [], status: 'Completed' });
		const sms = sandbox.campaigns.addCampaign({ name: 'Reminder texts', type: 'sms', contactLists: [] });
		const ready = await run(sandbox, { items: [{}], parameters: params({ operation: 'getAll', campaignType: 'voice', returnAll: true, filters: { status: ['Ready'] } }), typeVersion: 1.1 });
		expect(ready.success.map((i) => [i.json.id, i.json.name])).toEqual([[voice._id, 'Renewals calls']]);
		const texts = await run(sandbox, { items: [{}], parameters: params({ operation: 'getAll', campaignType: 'sms', returnAll: true }), typeVersion: 1.1 });
		expect(texts.success.map((i) => i.json.id)).toEqual([sms._id]);
		const one = await run(sandbox, { items: [{}], parameters: params({ operation: 'get', campaignType: 'voice', campaign: byId(voice._id) }), typeVersion: 1.1 });
		expect(one.success[0].json).toMatchObject({ id: voice._id, name: 'Renewals calls', status: 'Ready' });
	});

	test.each([['voice'], ['sms']] as const)('Start and Stop a %s campaign; again in the same state: Success saying so', async (type) => {
		const campaign = sandbox.campaigns.addCampaign({ name: `A ${type} campaign`, type, contactLists: [] });
		const start = params({ operation: 'start', campaignType: type, campaign: byId(campaign._id) });
		const started = await run(sandbox, { items: [{}], parameters: start, typeVersion: 1.1 });
		expect(started.success[0].json).toMatchObject({ campaignId: campaign._id, status: 'Active', changed: true });
		const again = await run(sandbox, { items: [{}], parameters: start, typeVersion: 1.1 });
		expect(again.failed).toEqual([]);
		expect(again.success[0].json).toMatchObject({ status: 'Active', changed: false, message: expect.stringContaining('already running') });
		const stop = params({ operation: 'stop', campaignType: type, campaign: byId(campaign._id) });
		expect((await run(sandbox, { items: [{}], parameters: stop, typeVersion: 1.1 })).success[0].json).toMatchObject({ status: 'Stopped', changed: true });
		expect((await run(sandbox, { items: [{}], parameters: stop, typeVersion: 1.1 })).success[0].json).toMatchObject({ changed: false, message: expect.stringContaining('not running') });
		expect(sandbox.campaigns.campaign(campaign._id).status).toBe('Stopped');
	});

	test('Get Outcomes: 250 outcomes in 3 requests; 40 CRM rows each their own outcome from one read; a number never dialled: found false', async () => {
		const campaign = sandbox.campaigns.addCampaign({ name: 'Dialled', type: 'voice', contactLists: [], status: 'Active' });
		sandbox.campaigns.dial(campaign._id, Array.from({ length: 250 }, (_, n) => ({ phoneNumber: number(n), numberOfAttemptsSoFar: 1 + (n % 3), dialerOutcome: n % 2 ? 'completed' : 'no-answer' })));
		const all = await run(sandbox, { items: [{}], parameters: params({ operation: 'getOutcomes', campaign: byId(campaign._id), returnAll: true }), typeVersion: 1.1 });
		expect(all.success).toHaveLength(250);
		expect(all.success[0].json).toMatchObject({ phoneNumber: number(0), dialerOutcome: 'no-answer', campaignId: campaign._id, botSessionId: expect.any(String) });
		expect(outcomeCalls().map((r) => (r.body as { page: number }).page)).toEqual([1, 2, 3]);

		sandbox.clearLog();
		const rows = [...Array.from({ length: 39 }, (_, i) => ({ phone: i % 2 ? `+91 98450 ${20000 + i * 6}` : `98450${20000 + i * 6}` })), { phone: '+91 90000 00000' }];
		const perRow = await run(sandbox, { items: rows, parameters: params({ operation: 'getOutcomes', campaign: byId(campaign._id), phoneNumber: '={{ $json.phone }}', returnAll: true }), typeVersion: 1.1 });
		expect(pairedIndexes(perRow.success)).toEqual(rows.map((_, i) => i));
		expect(perRow.success.slice(0, 39).map((i) => i.json.phoneNumber)).toEqual(Array.from({ length: 39 }, (_, i) => number(i * 6)));
		expect(perRow.success[39].json).toMatchObject({ found: false, phoneNumber: '+91 90000 00000' });
		expect(outcomeCalls()).toHaveLength(3);

		sandbox.clearLog();
		const v1 = await run(sandbox, { items: rows.slice(0, 3), parameters: params({ operation: 'getOutcomes', campaign: byId(campaign._id), limit: 5 }) });
		expect(pairedIndexes(v1.success)).toEqual([0, 0, 0, 0, 0]);
	});
});

test('an app without the Campaign Management scope: Start stops naming it', async () => {
	sandbox.configure({ campaignScope: false });
	const campaign = sandbox.campaigns.addCampaign({ name: 'x', type: 'voice', contactLists: [] });
	const result = await run(sandbox, { items: [{}], parameters: params({ operation: 'start', campaignType: 'voice', campaign: byId(campaign._id) }), typeVersion: 1.1 });
	expect(result.error?.message).toContain('missing the "Campaign Management" scope');
});
