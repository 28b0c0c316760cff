// The Kore.ai Pre-Call Trigger in a running n8n, asked by the sandbox's pre-call caller as a campaign
// asks before each dial: the do-not-call example and a workflow that fails, gives no handle or is
// slow. Shared by the end-to-end suite (both lines) and the queue-mode suite, each on its own n8n.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { askBeforeDialling, waitForWebhook, type PreCallContact, type PreCallRecord } from '../../sandbox';

export const preCallExample = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'pre-call-dnc-check.json'), 'utf8'));
export const [, preCallCredential] = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'sandbox-credential.json'), 'utf8'));
export const PRE_CALL_HEADERS = { [preCallCredential.data.headerName]: preCallCredential.data.secret };

/** A pre-call workflow with its trigger's Time Limit set (seconds). */
export function withTimeLimit(workflow: typeof preCallExample, seconds: number) {
	const nodes = workflow.nodes.map((node: any) => (node.type.endsWith('.koreAiPreCallTrigger') ? { ...node, parameters: { ...node.parameters, options: { ...node.parameters.options, timeLimit: seconds } } } : node));
	return { ...workflow, nodes };
}

/** The example's CRM stand-in: who opted out (and when), everyone else's plan. */
const OPTED_OUT: Record<string, string> = { '+919845011112': '2026-11-02', '+919845011115': '2026-10-15', '+919845011118': '2026-12-01' };
const PLANS: Record<string, string> = {
	'+919845011111': 'Premium', '+919845011113': 'Premium', '+919845011114': 'Basic', '+919845011116': 'Basic',
	'+919845011117': 'Premium', '+919845011119': 'Basic', '+919845011120': 'Standard',
};

/** The contacts the campaign asks about: 10 in the CRM (3 opted out) and 2 it does not know, in turn. */
export function dnContacts(count: number): PreCallContact[] {
	return Array.from({ length: count }, (_, i) => {
		const n = 11 + (i % 12);
		return { dialingId: `D-${String(i).padStart(6, '0')}`, contactData: { firstName: `Person ${i}`, phoneNumber: i % 2 ? `+91 98450 111${n}` : `+9198450111${n}`, accountId: `ACC-${i}` } };
	});
}

/** What the example must answer for a number, by its CRM stand-in. */
export function expectedDecision(contact: PreCallContact) {
	const phone = `+${String(contact.contactData.phoneNumber).replace(/\D/g, '')}`;
	if (OPTED_OUT[phone]) return { handle: 'SKIP', reason: `Opted out in the CRM on ${OPTED_OUT[phone]}` };
	return PLANS[phone] ? { handle: 'CALL', reason: 'In the CRM, not opted out', plan: PLANS[phone] } : { handle: 'CALL', reason: 'Not in the CRM', plan: 'unknown' };
}

/**
 * Trigger (no header needed, Default Decision Call, Time Limit 1 s) -> a CRM lookup that fails, gives
 * no handle, or answers after 3 s (a Wait: slow as a CRM is slow, without blocking n8n), by the
 * contact's accountId.
 */
const hook = { 'Kore.ai Pre-Call Trigger': { main: [[{ node: 'Slow?', type: 'main', index: 0 }]] } };
export const preCallFaults = {
	id: 'KorePreCallFault',
	name: 'Pre-call: a CRM that fails',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'pcf-trigger', name: 'Kore.ai Pre-Call Trigger', type: 'n8n-nodes-kore-ai.koreAiPreCallTrigger', typeVersion: 1, position: [0, 0], webhookId: 'KorePreCallFault-hook',
			parameters: { path: 'kore-pre-call-faults', authentication: 'none', defaultDecision: 'call', options: { timeLimit: 1 } },
		},
		{
			id: 'pcf-slow', name: 'Slow?', type: 'n8n-nodes-base.if', typeVersion: 2, position: [220, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
					conditions: [{ id: 's1', leftValue: '={{ $json.accountId }}', rightValue: 'slow', operator: { type: 'string', operation: 'equals' } }],
					combinator: 'and',
				},
				options: {},
			},
		},
		{ id: 'pcf-wait', name: 'CRM takes 3 s', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [440, -100], webhookId: 'KorePreCallFault-wait', parameters: { resume: 'timeInterval', amount: 3, unit: 'seconds' } },
		{
			id: 'pcf-crm', name: 'CRM', type: 'n8n-nodes-base.code', typeVersion: 2, position: [660, 0],
			parameters: {
				jsCode: [
					"const how = $input.first().json.accountId;",
					"if (how === 'fail') throw new Error('CRM unreachable');",
					"if (how === 'noHandle') return [{ json: { plan: 'Gold' } }];",
					"return [{ json: { handle: 'skip', reason: 'CRM says no' } }];",
				].join('\n'),
			},
		},
	],
	connections: {
		...hook,
		'Slow?': { main: [[{ node: 'CRM takes 3 s', type: 'main', index: 0 }], [{ node: 'CRM', type: 'main', index: 0 }]] },
		'CRM takes 3 s': { main: [[{ node: 'CRM', type: 'main', index: 0 }]] },
	},
	pinData: {},
};

export function percentile(values: number[], p: number) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Asks the n8n at `url` about `contacts` as Kore would, retrying only while n8n does not know the path yet. */
export async function askN8n(url: string, path: string, contacts: PreCallContact[], headers: Record<string, string> = PRE_CALL_HEADERS, concurrency = 4): Promise<PreCallRecord[]> {
	// Right after a start, a production webhook may not be registered yet. The probe is refused by the
	// node (401 without the header, 400 for a body that is not Kore's) and runs nothing.
	await waitForWebhook(`${url}/webhook/${path}`, { body: '[]' });
	return askBeforeDialling({ url: `${url}/webhook/${path}`, headers, campaign: { name: 'Renewals calls', id: 'c-renewals' }, contacts, concurrency, timeoutMs: 15_000 });
}

/** The body of a decision as the caller recorded it, for comparing with expectedDecision. */
export function decisionOf(record: PreCallRecord) {
	const body = record.body as any;
	return { handle: record.handle, reason: record.reason, ...(body?.plan !== undefined ? { plan: body.plan } : {}) };
}

export interface PreCallTarget {
	url: string;
	/** How many executions n8n has recorded for a workflow (public API). */
	executions(workflowId: string): Promise<number>;
	/** Printed beside the timing, e.g. "n8n 2.41.1, regular mode". */
	label: string;
}

/** The cases both suites run: defined inside a describe whose beforeAll sets the target up. */
export function preCallTests(target: () => PreCallTarget, count = 200) {
	test(`${count} contacts asked as a campaign asks: each answered 200 with its decision (opted out SKIP with the reason, the others CALL with the plan); one execution each`, async () => {
		const { url, executions, label } = target();
		const before = await executions(preCallExample.id);
		const contacts = dnContacts(count);
		const records = await askN8n(url, 'kore-pre-call', contacts);
		const wrong = records.flatMap((r, i) => (JSON.stringify(decisionOf(r)) === JSON.stringify(expectedDecision(contacts[i])) ? [] : [`#${i} after ${r.ms.toFixed(0)} ms: ${r.counted} ${r.handle} ${r.reason}`]));
		const slow = records.flatMap((r, i) => (r.ms > 1000 ? [`#${i} ${r.ms.toFixed(0)} ms`] : []));
		if (slow.length) console.log(`[pre-call] ${label}: slower than 1 s: ${slow.join(', ')}`);
		if (wrong.length) console.log(`[pre-call] ${label}: ${wrong.length} answers not the workflow's:\n${wrong.join('\n')}`);
		expect(records.map((r) => r.counted)).toEqual(Array(count).fill('answer'));
		expect(records.map(decisionOf)).toEqual(contacts.map(expectedDecision));
		expect(records.filter((r) => r.handle === 'SKIP').length).toBe(contacts.filter((c) => expectedDecision(c).handle === 'SKIP').length);
		// the bot gets the plan at both of Kore's placements
		expect(records.find((r) => r.handle === 'CALL')?.body).toMatchObject({ plan: expect.any(String), detailedContactData: { plan: expect.any(String) } });
		const ms = records.map((r) => r.ms);
		console.log(`[pre-call] ${label}: ${count} answers, 4 in flight: p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms (timing shown, not tested)`);
		await waitFor(async () => (await executions(preCallExample.id)) - before === count, `${count} executions recorded`);
	});

	test('without the header, or with a wrong secret: 401 and nothing runs', async () => {
		const { url, executions } = target();
		const before = await executions(preCallExample.id);
		const [missing] = await askN8n(url, 'kore-pre-call', dnContacts(1), {});
		const [wrong] = await askN8n(url, 'kore-pre-call', dnContacts(1), { [preCallCredential.data.headerName]: 'not-the-secret-0123456789' });
		for (const record of [missing, wrong]) expect(record).toMatchObject({ status: 401, counted: 'non-200', handle: 'SKIP' });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executions(preCallExample.id)).toBe(before);
	});

	test('a workflow that fails, gives no handle or passes the Time Limit: the Default Decision (Call), a 200 in Kore shape with the reason', async () => {
		const { url } = target();
		const contacts = ['fail', 'noHandle', 'slow', 'fine'].map((accountId, i) => ({ dialingId: `D-F${i}`, contactData: { phoneNumber: '+919845011111', accountId } }));
		const records = await askN8n(url, 'kore-pre-call-faults', contacts, {}, 1);
		expect(records.map((r) => [r.counted, r.handle, r.reason])).toEqual([
			['answer', 'CALL', expect.stringMatching(/^n8n default decision: the workflow failed/)],
			['answer', 'CALL', "n8n default decision: the last node's first item has no handle"],
			['answer', 'CALL', 'n8n default decision: the workflow gave no answer within the Time Limit of 1 s'],
			['answer', 'SKIP', 'CRM says no'],
		]);
		// the Time Limit answered before the 3 s lookup ended
		expect(records[2].ms).toBeLessThan(2900);
	});
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
