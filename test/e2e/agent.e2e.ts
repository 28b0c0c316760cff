// The node as a tool of n8n's AI Agent (2.41.1 at the agent's default version 3.1, 1.123.81 at its
// default 3) and behind the MCP Server Trigger (2.41.1), in real n8n, with nothing leaving the
// machine: the chat model is a scripted stand-in on 127.0.0.1 (test/support/standInModel.ts), set as
// the OpenAI credential's Base URL. The workflows are the project's examples, imported as they ship.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';
import { credentialFor } from '../../scripts/lib/workflows';
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { StandInModel } from '../support/standInModel';

const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8'));
const agentExample = example('ai-agent-contacts.json');
const mcpExample = example('mcp-server-contacts.json');
const CHAT_WEBHOOK = agentExample.nodes.find((n: any) => n.type.endsWith('.chatTrigger')).webhookId;

const asha = { firstName: 'Asha', lastName: 'Rao', salutation: 'ms', phoneNumber: '9845011111', countryCode: '+91' };

describe.each([
	[N8N_V2, 3.1],
	[N8N_V1, 3],
])('n8n %s, AI Agent %s: the model finds, creates and updates contacts and learns every outcome', (version, agentVersion) => {
	let sandbox: KoreSandbox;
	let model: StandInModel;
	let n8n: N8nInstance;
	let conversation = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({ seedCount: 30, rateLimit: { requestsPerWindow: 0 } });
		model = await new StandInModel().start();
		n8n = N8nInstance.prepare({ version });
		const openAi = { id: 'KoreChatModel001', name: 'OpenAI', type: 'openAiApi', data: { apiKey: 'sk-stand-in-not-a-key', url: model.baseUrl } };
		await n8n.importCredentials([credentialFor(sandbox.credentials()), openAi]);
		const agent = { ...agentExample, nodes: agentExample.nodes.map((n: any) => (n.type.endsWith('.agent') ? { ...n, typeVersion: agentVersion } : n)) };
		await n8n.importWorkflows(version === N8N_V2 ? [agent, mcpExample] : [agent]);
		await n8n.activate(agent.id);
		if (version === N8N_V2) await n8n.activate(mcpExample.id);
		await n8n.start();
		await n8n.login();
	}, 900_000);
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await n8n?.stop();
		await model?.stop();
		await sandbox?.stop();
	});

	/** One message to the public chat, as the chat window sends it; the agent's answer. */
	async function chat(prompt: string) {
		const send = () =>
			fetch(`${n8n.url}/webhook/${CHAT_WEBHOOK}/chat`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ action: 'sendMessage', sessionId: `session-${++conversation}`, chatInput: prompt }),
			});
		let response = await send();
		// n8n registers the active workflows' webhooks in the background after it answers readiness.
		for (const until = Date.now() + 30_000; response.status === 404 && Date.now() < until; response = await send()) {
			await response.text();
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const text = await response.text();
		if (response.status !== 200) throw new Error(`the chat answered ${response.status}: ${text.slice(0, 500)}`);
		return text;
	}

	test('each tool is described to the model by its operation', async () => {
		const prompt = 'Which tools do you have?';
		model.plan(prompt, []);
		await chat(prompt);
		const offered = Object.fromEntries(model.offeredTools().map((t) => [t.name, t.description]));
		expect(Object.keys(offered).sort()).toEqual(['Create_contact', 'Find_contact_by_phone', 'Update_contact']);
		expect(offered.Find_contact_by_phone).toBe('Get many contacts in Kore.ai');
		expect(offered.Create_contact).toBe('Create contacts in Kore.ai');
		expect(offered.Update_contact).toBe('Update a contact in Kore.ai');
	});

	test('"who has +91 90000 00007?": found by phone, written as a person writes it', async () => {
		const prompt = 'Which contact has +91 90000 00007?';
		model.plan(prompt, [{ tool: 'Find_contact_by_phone', args: { phoneNumber: '+91 90000 00007' } }]);
		const answer = await chat(prompt);
		const [found] = model.toolAnswers(prompt);
		expect(JSON.parse(found)).toEqual([expect.objectContaining({ id: demoContactId(7), firstName: demoContact(7).firstName })]);
		expect(answer).toContain(demoContactId(7));
		// Kore keeps a number on one contact: the list was read up to it, not further.
		expect(sandbox.log().filter((r) => r.method === 'GET')).toHaveLength(1);
	});

	test('"add Asha Rao, +91 98450 11111": created, and the model gets her new id', async () => {
		const prompt = 'Add Asha Rao, +91 98450 11111';
		model.plan(prompt, [{ tool: 'Create_contact', args: asha }]);
		await chat(prompt);
		const created = sandbox.store.active().filter((c) => c.cellPhone.phoneNumber === '+919845011111');
		expect(created).toHaveLength(1);
		expect(JSON.parse(model.toolAnswers(prompt)[0])).toEqual([expect.objectContaining({ id: created[0]._id, firstName: 'Asha' })]);
	});

	test('"fix the surname of +91 90000 00008": found, then updated with only the id and the surname', async () => {
		const prompt = 'The contact with +91 90000 00008 is now called Rao-Kumar';
		const before = sandbox.store.get(demoContactId(8))!;
		model.plan(prompt, [
			{ tool: 'Find_contact_by_phone', args: { phoneNumber: '+91 9000000008' } },
			{ tool: 'Update_contact', args: { contactId: demoContactId(8), lastName: 'Rao-Kumar' } },
		]);
		await chat(prompt);
		expect(sandbox.store.get(demoContactId(8))).toMatchObject({ lastName: 'Rao-Kumar', firstName: before.firstName, salutation: before.salutation, cellPhone: before.cellPhone });
		expect(JSON.parse(model.toolAnswers(prompt)[1])).toEqual([expect.objectContaining({ id: demoContactId(8), lastName: 'Rao-Kumar' })]);
	});

	test('a refused record: the model receives that it failed and why', async () => {
		const prompt = 'Add Ben Okafor, his number is 98450-CALL-ME';
		model.plan(prompt, [{ tool: 'Create_contact', args: { ...asha, firstName: 'Ben', lastName: 'Okafor', phoneNumber: '98450-CALL-ME' } }]);
		const answer = await chat(prompt);
		const [refused] = JSON.parse(model.toolAnswers(prompt)[0]);
		expect(refused).toMatchObject({ outcome: 'failed', stage: 'validation', code: 'INVALID_RECORD' });
		expect(refused.reason).toContain('Phone Number (phoneNumber) must be digits only');
		expect(answer).toContain('digits only');
		expect(sandbox.log()).toEqual([]);
	});

	test('an id Kore.ai does not have: the model receives Kore\'s refusal', async () => {
		const prompt = 'Rename contact 6964af60ffffffffffffffff to Chen Li';
		model.plan(prompt, [{ tool: 'Update_contact', args: { ...asha, contactId: '6964af60ffffffffffffffff', firstName: 'Chen', lastName: 'Li' } }]);
		await chat(prompt);
		const [refused] = JSON.parse(model.toolAnswers(prompt)[0]);
		expect(refused).toMatchObject({ outcome: 'failed', stage: 'api', id: '6964af60ffffffffffffffff' });
		expect(refused.reason).toContain('Kore.ai has no active contact with this id');
	});

	test('a wrong secret: the model receives the credential problem in words, and no secret', async () => {
		const prompt = 'Who has +91 90000 00009?';
		model.plan(prompt, [{ tool: 'Find_contact_by_phone', args: { phoneNumber: '+91 90000 00009' } }]);
		const secret = sandbox.options.clientSecret;
		sandbox.options.clientSecret = 'rotated-in-kore';
		try {
			await chat(prompt);
		} finally {
			sandbox.options.clientSecret = secret;
		}
		const [answer] = JSON.parse(model.toolAnswers(prompt)[0]);
		expect(answer).toMatchObject({ outcome: 'failed', code: 'CONFIGURATION' });
		expect(answer.reason).toMatch(/^Kore\.ai refused the credentials: Kore\.ai said "Invalid SDK credentials"\. Check the Client ID and Client Secret/);
		expect(answer.reason).not.toMatch(/scope/i);
		const everything = JSON.stringify(model.requests) + n8n.log;
		expect(everything).not.toContain(secret);
		expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
	});

	if (version === N8N_V2) {
		describe('behind the MCP Server Trigger (Streamable HTTP)', () => {
			let session = '';
			let id = 0;

			/** One JSON-RPC message to the MCP server; the answer, read from JSON or from an event stream. */
			async function mcp(method: string, params: unknown = {}, notification = false) {
				const response = await fetch(`${n8n.url}/mcp/kore-contacts`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(session && { 'mcp-session-id': session }) },
					body: JSON.stringify({ jsonrpc: '2.0', method, params, ...(!notification && { id: ++id }) }),
				});
				session = response.headers.get('mcp-session-id') ?? session;
				const text = await response.text();
				if (notification) return undefined;
				const data = text.startsWith('{') ? text : text.split('\n').find((line) => line.startsWith('data: '))?.slice(6);
				if (!data) throw new Error(`MCP ${method}: ${response.status} ${text.slice(0, 300)}`);
				return JSON.parse(data);
			}

			test('initialize, tools/list: the three tools, each described by its operation', async () => {
				const init = await mcp('initialize', { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'kore-e2e', version: '1' } });
				expect(init.result.serverInfo).toBeDefined();
				expect(session).not.toBe('');
				await mcp('notifications/initialized', {}, true);
				const list = await mcp('tools/list');
				const tools = Object.fromEntries(list.result.tools.map((t: any) => [t.name, t.description]));
				expect(tools).toMatchObject({
					Find_contact_by_phone: 'Get many contacts in Kore.ai',
					Create_contact: 'Create contacts in Kore.ai',
					Update_contact: 'Update a contact in Kore.ai',
				});
			});

			test('tools/call: a contact found by phone, and a refused record whose reason comes back', async () => {
				const found = await mcp('tools/call', { name: 'Find_contact_by_phone', arguments: { phoneNumber: '0091 9000000011' } });
				expect(found.result.content[0].text).toContain(demoContactId(11));
				const refused = await mcp('tools/call', { name: 'Create_contact', arguments: { ...asha, phoneNumber: 'ninety-eight' } });
				const text = refused.result.content.map((c: any) => c.text).join('');
				expect(text).toContain('"outcome":"failed"');
				expect(text).toContain('Phone Number (phoneNumber) must be digits only');
				expect(sandbox.store.active().some((c) => c.firstName === 'Asha')).toBe(false);
			});
		});
	}
});
