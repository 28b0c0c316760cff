// The Kore.ai Trigger in real n8n, 2.41.1 and 1.123.81, both watches in one n8n per line: the
// kore-to-crm example (contacts) and the campaign-outcomes-to-crm example (a campaign's call outcomes)
// activated, polling every minute; the sandbox changed between polls as Kore's console, agents and
// dialer change it, n8n restarted between polls. The items that reach the CRM stand-ins are exactly
// the changes, each once. n8n's shortest poll interval is a minute, so this suite waits for real
// scheduled polls, and both triggers share them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';
import { credentialFor } from '../../scripts/lib/workflows';
import { demoContact, demoContactId, DEMO_CAMPAIGN, startSandbox, type KoreSandbox } from '../../sandbox';
import { expected, OutcomeDeliveries } from '../support/outcomeDeliveries';

const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'kore-to-crm.json'), 'utf8'));
const outcomesExample = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'campaign-outcomes-to-crm.json'), 'utf8'));
const CRM = { created: 'Create in CRM', updated: 'Update in CRM', deleted: 'Delete in CRM' } as const;
const person = (n: number) => ({ firstName: `crm${n}`, lastName: 'trigger', salutation: 'ms', cellPhone: { phoneNumber: `82000000${String(n).padStart(2, '0')}`, countryCode: '+91', extension: '+' } });

describe.each([N8N_V2, N8N_V1])('n8n %s: Kore.ai changes reach the CRM exactly once', (version) => {
	let sandbox: KoreSandbox;
	let n8n: N8nInstance;
	let apiKey = '';
	let outcomes: OutcomeDeliveries;
	/** Every (contact, event) that reached a CRM stand-in, over every execution. */
	const delivered: Array<[string, string]> = [];
	let executionsRead = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({ seedCount: 40, rateLimit: { requestsPerWindow: 0 }, listInactive: true, demoCampaign: true });
		// The demo campaign's list: 450 people; 30 dialled before the trigger is activated.
		sandbox.campaigns.addDelayMs = 0;
		sandbox.campaigns.createList({ name: DEMO_CAMPAIGN.contactLists[0], description: 'e2e' }, 'api');
		sandbox.campaigns.queueAdd(DEMO_CAMPAIGN.contactLists[0], OutcomeDeliveries.people(450));
		sandbox.campaigns.campaign(DEMO_CAMPAIGN._id).status = 'Active';
		sandbox.campaigns.dialNext(DEMO_CAMPAIGN._id, 30);
		({ n8n, apiKey } = await N8nInstance.serve({ version }, [credentialFor(sandbox.credentials())], [example, outcomesExample]));
		outcomes = new OutcomeDeliveries(n8n, apiKey, outcomesExample.id);
	}, 900_000);
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	const reads = () => sandbox.log().filter((r) => r.method === 'GET').length;

	async function executions() {
		const list = await n8n.rest('GET', `/api/v1/executions?workflowId=${example.id}&includeData=true&limit=100`, undefined, { 'X-N8N-API-KEY': apiKey });
		return (list.body.data ?? []) as any[];
	}

	/** Waits for the next execution of the workflow; what reached each CRM stand-in in it. */
	async function nextExecution(timeoutMs = 90_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = (await executions()).filter((e) => e.finished || e.status === 'success' || e.status === 'error');
			if (all.length > executionsRead) {
				executionsRead++;
				const newest = all.sort((a, b) => Number(a.id) - Number(b.id))[executionsRead - 1];
				const runData = newest.data.resultData.runData;
				const got: Array<[string, string]> = [];
				for (const [event, node] of Object.entries(CRM)) {
					for (const item of runData[node]?.[0]?.data?.main?.[0] ?? []) {
						expect(item.json.event).toBe(event);
						got.push([item.json.id, event]);
					}
				}
				delivered.push(...got);
				return got.sort();
			}
			if (Date.now() > deadline) throw new Error(`no execution of the trigger's workflow within ${timeoutMs / 1000} s`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	async function waitForPoll(readsBefore: number) {
		const deadline = Date.now() + 90_000;
		while (reads() <= readsBefore) {
			if (Date.now() > deadline) throw new Error('the trigger did not poll within 90 s');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	const outcomeReads = () => sandbox.log().filter((r) => r.path.endsWith('/status') && r.query.view === 'contacts').length;
	const campaignId = DEMO_CAMPAIGN._id;

	test('activation polls at once and only takes note: nothing reaches the CRM (contacts, nor the 30 calls made before)', async () => {
		await waitForPoll(0);
		const deadline = Date.now() + 90_000;
		while (outcomeReads() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
		expect(outcomeReads()).toBeGreaterThan(0);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await executions()).toEqual([]);
		expect(await outcomes.executions()).toEqual([]);
	});

	let first: { _id: string } | undefined;
	test('created, updated and deleted in Kore.ai: the next scheduled poll delivers each once, to its branch', async () => {
		const made = sandbox.store.create(person(1));
		first = made;
		sandbox.store.update(demoContactId(3), { ...demoContact(3), lastName: 'fixed-by-agent' });
		sandbox.store.deactivate(demoContactId(5));
		// the dialer works through the campaign's list: 150 more people called
		sandbox.campaigns.dialNext(campaignId, 150, { dialerOutcome: 'no-answer' });
		expect(await nextExecution()).toEqual(
			[
				[made._id, 'created'],
				[demoContactId(3), 'updated'],
				[demoContactId(5), 'deleted'],
			].sort(),
		);
		expect((await outcomes.next()).map(([id, change]) => [id, change])).toEqual(expected(30, 180, 'firstDial').sort());
	});

	let longId: { _id: string } | undefined;
	test('a change while n8n is down: the poll at the restart delivers it, and nothing again', async () => {
		sandbox.store.update(demoContactId(7), { ...demoContact(7), lastName: 'changed-while-down' });
		// From here Kore's list leaves deleted contacts out (its documentation does not say which it
		// does): two deleted while n8n is down are named by id once a second read confirms them. In
		// the same poll a contact arrives whose id (a 36-character UUID) is longer than every id the
		// trigger's summary has packed (Kore's 24 hex digits): the summary is rebuilt for it, and the
		// two deletions must survive that.
		sandbox.configure({ listInactive: false, contactIds: 'uuid' });
		sandbox.store.deactivate(demoContactId(9));
		sandbox.store.deactivate(demoContactId(11));
		longId = sandbox.store.create(person(3));
		expect(longId._id).toHaveLength(36);
		// calls made while n8n is down: 100 people called a first time, 60 a second time (a new session)
		sandbox.campaigns.dialNext(campaignId, 100);
		const people = OutcomeDeliveries.people(60);
		sandbox.campaigns.dial(campaignId, people.map((p, n) => ({ phoneNumber: p.phoneNumber, numberOfAttemptsSoFar: 2, botSessionId: `second-${n}` })));
		const readsBefore = reads();
		await n8n.restart();
		await waitForPoll(readsBefore);
		expect(await nextExecution()).toEqual(
			[
				[demoContactId(7), 'updated'],
				[longId._id, 'created'],
			].sort(),
		);
		expect((await outcomes.next()).map(([id, change]) => [id, change])).toEqual([...expected(180, 280, 'firstDial'), ...expected(0, 60, 'newAttempt')].sort());
	});

	test('after the restart, the schedule goes on: the next change once, the deletions confirmed, nothing earlier again', async () => {
		sandbox.configure({ contactIds: 'kore' });
		const made = sandbox.store.create(person(2));
		// agents add dispositions to 40 calls after the fact
		sandbox.campaigns.dial(campaignId, OutcomeDeliveries.people(140).slice(100).map((p) => ({ phoneNumber: p.phoneNumber, agentDispositionCodes: ['Renewed'] })));
		expect(await nextExecution()).toEqual(
			[
				[made._id, 'created'],
				[demoContactId(9), 'deleted'],
				[demoContactId(11), 'deleted'],
			].sort(),
		);
		// Every change of this suite, each delivered exactly once, over all executions.
		expect(delivered.map(([id, event]) => `${id}:${event}`).sort()).toEqual(
			[
				`${made._id}:created`,
				`${first!._id}:created`,
				`${longId!._id}:created`,
				`${demoContactId(3)}:updated`,
				`${demoContactId(5)}:deleted`,
				`${demoContactId(7)}:updated`,
				`${demoContactId(9)}:deleted`,
				`${demoContactId(11)}:deleted`,
			].sort(),
		);
		expect((await outcomes.next()).map(([id, change]) => [id, change])).toEqual(expected(100, 140, 'newDisposition').sort());
		// every outcome change once: 250 first calls, 60 second attempts, 40 dispositions
		expect(outcomes.all).toHaveLength(350);
		expect(new Set(outcomes.all.map(([id, change]) => `${id}:${change}`)).size).toBe(350);
		const state = await outcomes.state();
		console.log(`[outcome trigger] n8n ${version}: stored state after 280 dialled and 350 changes: ${state.length} bytes`);
		expect(state.length).toBeGreaterThan(100);
		expect(state.length).toBeLessThanOrEqual(32 * 1024);
	});

	test('the campaign stopped and run again (Kore clears its outcomes): the new run\'s calls delivered as first calls, none of the old run again', async () => {
		const oldSessions = new Set(outcomes.all.map(([, , session]) => session));
		sandbox.campaigns.demoDialsAtOnce = false;
		sandbox.campaigns.trigger(campaignId, 'voice', 'stop');
		sandbox.campaigns.trigger(campaignId, 'voice', 'play');
		// the new run works through the list again: 120 called by the next poll, some already twice
		sandbox.campaigns.dialNext(campaignId, 120);
		sandbox.campaigns.dial(campaignId, OutcomeDeliveries.people(20).map((p) => ({ phoneNumber: p.phoneNumber, numberOfAttemptsSoFar: 2 })));
		const rerun = await outcomes.next();
		expect(rerun.map(([id, change]) => [id, change])).toEqual(expected(0, 120, 'firstDial').sort());
		expect(rerun.filter(([, , session]) => oldSessions.has(session))).toEqual([]);
	});

	test('no client secret or signed token in any execution or n8n log', async () => {
		const haystack = JSON.stringify(await executions()) + n8n.log;
		expect(haystack).not.toContain(sandbox.credentials().clientSecret);
		expect(haystack).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
	});
});

// n8n 2.41's opt-in durable poll cursors: n8n keeps no state from a poll that emits nothing, so the
// baseline the activation took is not kept. What that means for a user, measured.
describe(`n8n ${N8N_V2} with durable poll cursors on`, () => {
	let sandbox: KoreSandbox;
	let n8n: N8nInstance;
	let apiKey = '';

	beforeAll(async () => {
		sandbox = await startSandbox({ seedCount: 20, rateLimit: { requestsPerWindow: 0 } });
		const env = {
			N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
			N8N_SCHEDULER_ENABLED: 'true',
			N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
		};
		({ n8n, apiKey } = await N8nInstance.serve({ version: N8N_V2, env }, [credentialFor(sandbox.credentials())], [example]));
	}, 900_000);
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	const polls = () => sandbox.log().filter((r) => r.method === 'GET' && r.query.skip === '0').length;
	async function waitForPolls(count: number) {
		const deadline = Date.now() + 150_000;
		while (polls() < count) {
			if (Date.now() > deadline) throw new Error(`only ${polls()} polls within 150 s`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
	}
	async function delivered() {
		const list = await n8n.rest('GET', `/api/v1/executions?workflowId=${example.id}&includeData=true&limit=100`, undefined, { 'X-N8N-API-KEY': apiKey });
		return ((list.body.data ?? []) as any[]).flatMap((e) => Object.values(CRM).flatMap((node) => (e.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((i: any) => `${i.json.id}:${i.json.event}`)));
	}

	test('a change before the first scheduled poll is taken into that poll\'s baseline; later changes come once', async () => {
		// The first poll n8n runs takes a baseline; a change right after it is not emitted by the next
		// poll when n8n did not keep that baseline: the baseline is taken again.
		await waitForPolls(1);
		sandbox.store.update(demoContactId(2), { ...demoContact(2), lastName: 'before-first-scheduled-poll' });
		await waitForPolls(2);
		const afterSecond = await delivered();
		console.log(`durable poll cursors: after the second poll, delivered ${JSON.stringify(afterSecond)}`);
		sandbox.store.update(demoContactId(4), { ...demoContact(4), lastName: 'after' });
		await waitForPolls(polls() + 1);
		const all = await delivered();
		console.log(`durable poll cursors: in the end, delivered ${JSON.stringify(all)}`);
		expect(all).toContain(`${demoContactId(4)}:updated`);
		expect(new Set(all).size).toBe(all.length);
		expect(afterSecond).toEqual([]);
	});
});
