// The trigger watching a campaign's call outcomes, poll() in n8n's real poll context against the
// sandbox's campaign, dialled between polls: each change once (first outcomes, second attempts,
// dispositions added later), nothing at the activation poll, nothing twice across a restart, a rerun's
// calls delivered and the old run's never again; the state printed and under its bound.
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { TRIGGER_NAME, TriggerPoller } from '../support/poll';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const number = (n: number) => `9198450${String(30000 + n)}`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const outcomeReads = () => sandbox.log().filter((r) => r.path.endsWith('/status') && r.query.view === 'contacts' && r.status === 200).length;

test('450 contacts dialled over several polls: 250 first outcomes, 60 second attempts, 40 dispositions, each once; a restart repeats nothing; a rerun delivers only the new run', async () => {
	const campaign = sandbox.campaigns.addCampaign({ name: 'Renewals calls', type: 'voice', contactLists: ['Renewals due'], status: 'Active' });
	const parameters = { watch: 'campaignOutcomes', campaignType: 'voice', campaign: { __rl: true, mode: 'list', value: campaign._id } };
	let trigger = new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters });
	const dial = (ns: number[], extra: Record<string, unknown> = {}) => sandbox.campaigns.dial(campaign._id, ns.map((n) => ({ phoneNumber: number(n), uniqueId: `CRM-${n}`, dialerOutcome: n % 2 ? 'completed' : 'no-answer', ...extra })));
	const changes = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => [i.json.uniqueId, i.json.change]);

	dial(range(0, 30));
	expect(await trigger.poll()).toEqual({ items: null }); // activation: takes note only

	dial(range(30, 180));
	const first = await trigger.poll();
	expect(changes(first.items)).toEqual(range(30, 180).map((n) => [`CRM-${n}`, 'firstDial']));
	expect(first.items![0].json).toMatchObject({ event: 'outcome', campaignId: campaign._id, campaignName: 'Renewals calls', campaignType: 'voice', phoneNumber: number(30), numberOfAttemptsSoFar: 1, botSessionId: expect.any(String) });

	// n8n restarts: the trigger comes back with the state it stored.
	trigger = new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters, staticData: trigger.stored() });
	expect(await trigger.poll()).toEqual({ items: null });

	dial(range(180, 280));
	dial(range(0, 60), { numberOfAttemptsSoFar: 2, botSessionId: undefined });
	for (const n of range(0, 60)) sandbox.campaigns.outcomes.get(campaign._id)!.find((o) => o.phoneNumber === number(n))!.botSessionId = `second-${n}`;
	sandbox.clearLog();
	const second = await trigger.poll();
	expect(changes(second.items).sort()).toEqual([...range(0, 60).map((n) => [`CRM-${n}`, 'newAttempt']), ...range(180, 280).map((n) => [`CRM-${n}`, 'firstDial'])].sort());
	expect(outcomeReads()).toBe(3); // 280 dialled: pages of 100

	dial(range(100, 140), { agentDispositionCodes: ['Renewed'] });
	const third = await trigger.poll();
	expect(changes(third.items)).toEqual(range(100, 140).map((n) => [`CRM-${n}`, 'newDisposition']));
	const delivered = [first, second, third].flatMap((p) => p.items ?? []);
	expect(delivered).toHaveLength(250 + 60 + 40);
	const state = JSON.stringify(trigger.staticData[`node:${TRIGGER_NAME}`]);
	console.log(`outcome trigger state after 280 dialled and 350 changes: ${state.length} bytes`);
	expect(state.length).toBeLessThanOrEqual(32 * 1024);

	// Stopped and run again: Kore clears the outcomes and the new run calls the list anew.
	sandbox.campaigns.trigger(campaign._id, 'voice', 'stop');
	sandbox.campaigns.trigger(campaign._id, 'voice', 'play');
	dial(range(0, 25));
	const rerun = await trigger.poll();
	expect(changes(rerun.items)).toEqual(range(0, 25).map((n) => [`CRM-${n}`, 'firstDial']));
	expect(await trigger.poll()).toEqual({ items: null });
});

test('a read that misses rows (a page that shifted while read): not taken for a rerun, nothing delivered twice when they are listed again', async () => {
	const campaign = sandbox.campaigns.addCampaign({ name: 'Renewals calls', type: 'voice', contactLists: [], status: 'Active' });
	const trigger = new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters: { watch: 'campaignOutcomes', campaign: { __rl: true, mode: 'id', value: campaign._id } } });
	const dial = (ns: number[], extra: Record<string, unknown> = {}) => sandbox.campaigns.dial(campaign._id, ns.map((n) => ({ phoneNumber: number(n), uniqueId: `CRM-${n}`, ...extra })));
	const changes = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => [i.json.uniqueId, i.json.change]);
	dial(range(0, 150));
	expect(await trigger.poll()).toEqual({ items: null });
	dial(range(120, 125), { numberOfAttemptsSoFar: 2 });
	// the first page of this read comes without its last 3 rows (CRM-97 to CRM-99)
	sandbox.setFaults({ schedule: [{ kind: 'omitRecords', count: 3 }] });
	const missed = await trigger.poll();
	expect(changes(missed.items)).toEqual(range(120, 125).map((n) => [`CRM-${n}`, 'newAttempt']));
	expect(await trigger.poll()).toEqual({ items: null });
	dial([99], { numberOfAttemptsSoFar: 2 });
	expect(changes((await trigger.poll()).items)).toEqual([['CRM-99', 'newAttempt']]);
});

test('a manual test run shows the latest outcome; no campaign chosen says so', async () => {
	const campaign = sandbox.campaigns.addCampaign({ name: 'Renewals calls', type: 'voice', contactLists: [], status: 'Active' });
	sandbox.campaigns.dial(campaign._id, [{ phoneNumber: number(1) }, { phoneNumber: number(2) }]);
	const trigger = new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters: { watch: 'campaignOutcomes', campaign: { __rl: true, mode: 'id', value: campaign._id } } });
	const manual = await trigger.poll('manual');
	expect(manual.items!.map((i) => [i.json.event, i.json.phoneNumber])).toEqual([['outcome', number(2)]]);
	const none = new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters: { watch: 'campaignOutcomes', campaign: { __rl: true, mode: 'list', value: '' } } });
	expect((await none.poll()).error?.message).toContain('No campaign chosen');
});

test('an app without the Campaign Management scope: the poll fails naming it, and nothing is lost', async () => {
	const campaign = sandbox.campaigns.addCampaign({ name: 'x', type: 'voice', contactLists: [], status: 'Active' });
	const trigger = new TriggerPoller({ credentials: { ...sandbox.credentials() }, parameters: { watch: 'campaignOutcomes', campaign: { __rl: true, mode: 'id', value: campaign._id } } });
	sandbox.configure({ campaignScope: false });
	const refused = await trigger.poll();
	expect(refused.error?.message).toContain('missing the "Campaign Management" scope');
	sandbox.configure({ campaignScope: true });
	expect(await trigger.poll()).toEqual({ items: null });
});
