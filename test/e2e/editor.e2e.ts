// `n8n start` with this package: the REST API and the editor in a real browser (Debian's Chromium).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { N8nInstance, NODE_TYPE } from '../../scripts/lib/n8nInstance';
import { N8N_V2 } from '../../scripts/lib/n8nInstall';
import { summariseExecution } from '../../scripts/lib/report';
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { CREDENTIAL_ID, credentialFor, exampleWorkflow, KORE_NODE } from '../../scripts/lib/workflows';
import { openEditor } from '../support/browser';

const examples = join(__dirname, '..', '..', 'examples');
const triggerExample = JSON.parse(readFileSync(join(examples, 'kore-to-crm.json'), 'utf8'));
const agentExample = JSON.parse(readFileSync(join(examples, 'ai-agent-contacts.json'), 'utf8'));
const segmentExample = JSON.parse(readFileSync(join(examples, 'crm-segment-to-campaign.json'), 'utf8'));
const outcomesExample = JSON.parse(readFileSync(join(examples, 'campaign-outcomes-per-row.json'), 'utf8'));
const outcomeTriggerExample = JSON.parse(readFileSync(join(examples, 'campaign-outcomes-to-crm.json'), 'utf8'));
const preCallExample = JSON.parse(readFileSync(join(examples, 'pre-call-dnc-check.json'), 'utf8'));
const [, preCallCredential] = JSON.parse(readFileSync(join(examples, 'sandbox-credential.json'), 'utf8'));

const IMAGES = join(__dirname, '..', '..', 'docs', 'images');

let sandbox: KoreSandbox;
let n8n: N8nInstance;

beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 25, rateLimit: { requestsPerWindow: 0 }, demoCampaign: true });
	n8n = N8nInstance.prepare({ version: N8N_V2 });
	await n8n.importCredentials([credentialFor(sandbox.credentials()), preCallCredential]);
	await n8n.importWorkflows([exampleWorkflow, triggerExample, agentExample, segmentExample, outcomesExample, outcomeTriggerExample, preCallExample]);
	await n8n.start();
	await n8n.login();
}, 600_000);
afterAll(async () => {
	await n8n?.stop();
	await sandbox?.stop();
});

describe('REST', () => {
	test('the node and credential types are listed, with both output names', async () => {
		const nodes = await n8n.rest('GET', '/types/nodes.json');
		const ours = (nodes.body as any[]).find((t) => t.name === NODE_TYPE);
		expect(ours).toMatchObject({ displayName: 'Kore.ai', credentials: [{ name: 'koreAiApi', required: true }] });
		const preCall = (nodes.body as any[]).find((t) => t.name === 'n8n-nodes-kore-ai.koreAiPreCallTrigger');
		expect(preCall).toMatchObject({ displayName: 'Kore.ai Pre-Call Trigger', group: ['trigger'], credentials: [{ name: 'koreAiPreCallHeaderApi', required: true }] });
		expect(preCall.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', responseMode: 'lastNode' })]);
		// The outputs follow the operation: n8n evaluates this expression in the editor (outputs.e2e.ts).
		expect(ours.outputs).toMatch(/^=\{\{\(function configuredOutputs/);
		expect(ours.properties.find((p: { name: string }) => p.name === 'operation').options.map((o: { value: string }) => o.value)).toEqual([
			// alphabetical by name, as n8n lists operations
			'bulkDelete',
			'bulkUpdate',
			'create',
			'upsert',
			'delete',
			'getAll',
			'importCsv',
			'update',
			// n8n adds it for every node whose credential signs requests.
			'__CUSTOM_API_CALL__',
		]);
		expect(ours.properties.find((p: { name: string }) => p.name === 'resource').options.map((o: { value: string }) => o.value)).toEqual(expect.arrayContaining(['contact', 'contactList']));
		const listPicker = ours.properties.find((p: any) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('contactList'));
		expect(listPicker.options.map((o: { value: string }) => o.value).filter((v: string) => v !== '__CUSTOM_API_CALL__')).toEqual(['addContacts', 'create', 'delete', 'get', 'getContacts', 'getAll', 'update']);
		const credentials = await n8n.rest('GET', '/types/credentials.json');
		const credential = (credentials.body as any[]).find((t) => t.name === 'koreAiApi');
		expect(credential.displayName).toBe('Kore.ai API');
		// n8n appends fields of its own (allowed domains) after the credential's.
		expect(credential.properties.map((p: { name: string }) => p.name).slice(0, 6)).toEqual(['region', 'host', 'streamId', 'accountId', 'clientId', 'clientSecret']);
		expect(credential.properties[0].options.map((o: { value: string }) => o.value)).toEqual(['custom', 'de', 'jp', 'us']);
	});

	test("the credential's Test succeeds for the right secret and says what to fix for a wrong one", async () => {
		const data = sandbox.credentials();
		const ok = await n8n.rest('POST', '/rest/credentials/test', { credentials: { id: CREDENTIAL_ID, name: 'Kore.ai sandbox', type: 'koreAiApi', data } });
		expect(ok.body).toEqual({ data: { status: 'OK', message: 'Connection successful!' } });
		const wrong = await n8n.rest('POST', '/rest/credentials/test', {
			credentials: { id: CREDENTIAL_ID, name: 'Kore.ai sandbox', type: 'koreAiApi', data: { ...data, clientSecret: 'not-the-secret' } },
		});
		expect(wrong.body.data.status).toBe('Error');
		expect(wrong.body.data.message).toContain('Kore.ai refused these credentials');
		const listCalls = sandbox.log().filter((r) => r.method === 'GET' && r.query.limit === '1');
		expect(listCalls.map((r) => r.status)).toEqual(expect.arrayContaining([200, 401]));
		expect(listCalls[0].jwt?.payload).toMatchObject({ appId: data.clientId });
	});

	test('a run started over REST is read back through the public API with both outputs', async () => {
		sandbox.reset();
		const key = await n8n.rest('POST', '/rest/api-keys', { label: 'e2e', scopes: ['execution:read', 'execution:list'], expiresAt: null });
		expect(key.status).toBe(200);
		const started = await n8n.rest('POST', `/rest/workflows/${exampleWorkflow.id}/run`, {
			triggerToStartFrom: { name: exampleWorkflow.nodes[0].name },
		});
		expect(started.status).toBe(200);
		const executionId = started.body.data.executionId;
		let execution: any;
		for (let i = 0; i < 60; i++) {
			const read = await n8n.rest('GET', `/api/v1/executions/${executionId}?includeData=true`, undefined, { 'X-N8N-API-KEY': key.body.data.rawApiKey });
			if (read.status === 200 && read.body.finished !== undefined && read.body.status !== 'running' && read.body.status !== 'new') {
				execution = read.body;
				break;
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		expect(execution?.status).toBe('success');
		const summary = summariseExecution(execution, KORE_NODE);
		expect(summary.success.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(summary.failed.map((i) => i.pairedItem.item)).toEqual([3, 4]);
		expect(sandbox.log().filter((r) => r.path.endsWith('/bulk-update'))).toHaveLength(1);
	});
});

describe('editor in Chromium', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(IMAGES, { recursive: true });
		({ browser, page } = await openEditor(n8n));
	}, 120_000);
	afterAll(async () => browser?.close());

	test('the canvas shows the node with its icon and the outputs Success and Failed', async () => {
		await page.goto(`${n8n.url}/workflow/${exampleWorkflow.id}`);
		const node = page.locator(`[data-test-id=canvas-node][data-node-type="${NODE_TYPE}"]`);
		await node.waitFor();
		const icon = node.locator('img[src*="koreai.svg"]');
		await icon.waitFor();
		expect(await icon.evaluate((img) => (img as any).naturalWidth)).toBeGreaterThan(0);
		expect(await node.innerText()).not.toContain('?');
		const outputs = await node.locator('[data-test-id=canvas-node-output-handle]').allInnerTexts();
		expect(outputs.map((t) => t.trim())).toEqual(['Success', 'Failed']);
		await page.screenshot({ path: join(IMAGES, 'canvas.png') });
	});

	test('the node panel offers both mapping modes and lists the contact fields', async () => {
		await page.locator(`[data-test-id=canvas-node][data-node-type="${NODE_TYPE}"]`).dblclick();
		await page.locator('[data-test-id=ndv]').waitFor();
		await page.click('[data-test-id=mapping-mode-select]');
		const modes = page.getByRole('option');
		await modes.first().waitFor();
		expect(await modes.filter({ hasText: 'Map Automatically' }).count()).toBe(1);
		await modes.filter({ hasText: 'Map Each Column Manually' }).click();
		const mapper = page.locator('[data-test-id=resource-mapper-container]');
		await mapper.getByText('Extension (Dialing Prefix)').waitFor();
		const text = await mapper.innerText();
		for (const label of ['Contact ID', 'First Name', 'Last Name', 'Full Name (Optional)', 'Salutation', 'Phone Number (Digits Only)', 'Country Code', 'Extension (Dialing Prefix)']) {
			expect(text).toContain(label);
		}
		await page.screenshot({ path: join(IMAGES, 'node-panel.png') });
	});

	test('the credential dialog shows its fields', async () => {
		await page.click('[data-test-id=credential-edit-button]');
		const dialog = page.locator('[data-test-id=editCredential-modal]');
		await dialog.getByText('Client Secret').waitFor();
		const text = await dialog.innerText();
		for (const label of ['Kore.ai API', 'Region', 'Host', 'Bot ID / Stream ID', 'Account ID', 'Client ID', 'Client Secret']) expect(text).toContain(label);
		expect(text).not.toContain(sandbox.credentials().clientSecret);
		// The Region offers Kore.ai's environments; Custom URL keeps the Host (the sandbox's).
		await dialog.locator('[data-test-id="parameter-input-region"]').click();
		const regions = page.getByRole('option');
		await regions.first().waitFor();
		expect((await regions.allInnerTexts()).map((t) => t.trim().split('\n')[0])).toEqual(['Custom URL (On-Premises)', 'Germany (de-platform.kore.ai)', 'Japan (jp-platform.kore.ai)', 'United States (platform.kore.ai)']);
		await regions.filter({ hasText: 'Custom URL' }).click();
		await regions.first().waitFor({ state: 'hidden' });
		await dialog.getByText('Host').waitFor();
		// The picture with the dialog at rest: the Region list's closing animation over (bounded: a
		// tooltip n8n keeps open must not fail the test, only the picture would show it).
		const popups = page.locator('.el-select-dropdown:visible');
		for (const deadline = Date.now() + 5000; (await popups.count()) > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
		await page.screenshot({ path: join(IMAGES, 'credential-dialog.png'), animations: 'disabled' });
		await page.keyboard.press('Escape');
	});

	test('the trigger\'s panel: its events and what a poll costs', async () => {
		await page.goto(`${n8n.url}/workflow/${triggerExample.id}`);
		const trigger = page.locator('[data-test-id=canvas-node][data-node-type="n8n-nodes-kore-ai.koreAiContactsTrigger"]');
		await trigger.waitFor();
		expect(await trigger.locator('img[src*="koreai.svg"]').evaluate((img) => (img as any).naturalWidth)).toBeGreaterThan(0);
		await page.screenshot({ path: join(IMAGES, 'trigger-canvas.png') });
		await trigger.dblclick();
		const panel = page.locator('[data-test-id=ndv]');
		await panel.getByText('Events').first().waitFor();
		expect(await panel.innerText()).toContain('each poll reads the whole contact list');
		await page.screenshot({ path: join(IMAGES, 'trigger-panel.png') });
		await page.keyboard.press('Escape');
	});

	test('an AI Agent using the node as tools', async () => {
		await page.goto(`${n8n.url}/workflow/${agentExample.id}`);
		const tools = page.locator('[data-test-id=canvas-node][data-node-type="n8n-nodes-kore-ai.koreAiContactsTool"]');
		await tools.first().waitFor();
		expect(await tools.count()).toBe(3);
		await page.screenshot({ path: join(IMAGES, 'agent-canvas.png') });
	});

	test('Add Contacts: the list by name, the fields of a person to dial, what Wait Until Added costs', async () => {
		await page.goto(`${n8n.url}/workflow/${segmentExample.id}`);
		await page.locator('[data-test-id=canvas-node]').filter({ hasText: 'Add to the campaign list' }).dblclick();
		const panel = page.locator('[data-test-id=ndv]');
		const mapper = panel.locator('[data-test-id=resource-mapper-container]');
		await mapper.getByText('Contact Priority').waitFor();
		const text = await panel.innerText();
		for (const label of ['Contact List', 'Phone Number', 'Country Code', 'Time Zone', 'Unique ID', 'Contact Priority']) expect(text).toContain(label);
		await page.screenshot({ path: join(IMAGES, 'contact-list-panel.png') });
		await page.keyboard.press('Escape');
	});

	test('Get Outcomes: the campaign picked from the list, a Phone Number per CRM row', async () => {
		await page.goto(`${n8n.url}/workflow/${outcomesExample.id}`);
		await page.locator('[data-test-id=canvas-node]').filter({ hasText: 'Call outcome of each row' }).dblclick();
		const panel = page.locator('[data-test-id=ndv]');
		await panel.getByText('Phone Number').first().waitFor();
		const text = await panel.innerText();
		for (const label of ['Resource', 'Campaign', 'Operation', 'Phone Number']) expect(text).toContain(label);
		// Selects and the picker show their values in inputs, not in text.
		const values = await panel.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
		expect(values).toEqual(expect.arrayContaining(['Campaign', 'Get Outcomes', 'Renewals calls']));
		await page.screenshot({ path: join(IMAGES, 'campaign-panel.png') });
		await page.keyboard.press('Escape');
	});

	test("the trigger on a campaign's call outcomes: the campaign picked from the list, what a poll costs", async () => {
		await page.goto(`${n8n.url}/workflow/${outcomeTriggerExample.id}`);
		await page.locator('[data-test-id=canvas-node][data-node-type="n8n-nodes-kore-ai.koreAiContactsTrigger"]').dblclick();
		const panel = page.locator('[data-test-id=ndv]');
		await panel.getByText('Campaign Type').first().waitFor();
		expect(await panel.innerText()).toContain("each poll reads the campaign's outcomes");
		const values = await panel.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
		expect(values).toEqual(expect.arrayContaining(['Campaign Call Outcomes', 'Renewals calls']));
		await page.screenshot({ path: join(IMAGES, 'outcome-trigger-panel.png') });
		await page.keyboard.press('Escape');
	});

	test('the Pre-Call Trigger: its URL, the header secret, the Default Decision and what Kore.ai waits', async () => {
		await page.goto(`${n8n.url}/workflow/${preCallExample.id}`);
		const trigger = page.locator('[data-test-id=canvas-node][data-node-type="n8n-nodes-kore-ai.koreAiPreCallTrigger"]');
		await trigger.waitFor();
		expect(await trigger.locator('img[src*="koreai.svg"]').evaluate((img) => (img as any).naturalWidth)).toBeGreaterThan(0);
		await page.screenshot({ path: join(IMAGES, 'pre-call-canvas.png') });
		await trigger.dblclick();
		const panel = page.locator('[data-test-id=ndv]');
		await panel.getByText('Default Decision').first().waitFor();
		const text = await panel.innerText();
		expect(text).toContain('Pre-Call Contact Fetch');
		expect(text).toContain('is not documented');
		const values = await panel.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
		expect(values).toEqual(expect.arrayContaining(['kore-pre-call', 'Skip']));
		await page.screenshot({ path: join(IMAGES, 'pre-call-panel.png') });
		await page.keyboard.press('Escape');
	});
});
