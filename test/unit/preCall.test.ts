// The Pre-Call Trigger's parts that are not n8n: Kore's request read into an item, the answer built
// from what n8n would send, the header secret, and the answer held on a real HTTP response.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { defaultAnswer, koreAnswer } from '../../nodes/KoreAiPreCallTrigger/answer';
import { carriesSecret, secretProblem } from '../../nodes/KoreAiPreCallTrigger/auth';
import { holdAnswer, type HttpResponse } from '../../nodes/KoreAiPreCallTrigger/hold';
import { preCallItem } from '../../nodes/KoreAiPreCallTrigger/request';

const KORE_SAMPLE = {
	CampaignName: 'Q3 Renewal Outreach',
	CampaignId: 'c-3f1a9b2e-7d44-4aaa-a2b3c4d5e6f',
	DialingId: 'D-000482913',
	contactData: { firstName: 'Asha', lastName: 'Rao', phoneNumber: '+91 98450 11111', accountId: 'ACC-88213', planType: 'Premium' },
};

describe("Kore's request as the workflow's item", () => {
	test("Kore's documented sample: its fields, the number as the Contacts operations match it, the campaign and the dialling id", () => {
		const read = preCallItem(KORE_SAMPLE);
		expect(read).toEqual({
			ok: true,
			json: {
				firstName: 'Asha',
				lastName: 'Rao',
				accountId: 'ACC-88213',
				planType: 'Premium',
				phoneNumber: '+919845011111',
				campaignName: 'Q3 Renewal Outreach',
				campaignId: 'c-3f1a9b2e-7d44-4aaa-a2b3c4d5e6f',
				dialingId: 'D-000482913',
				contactData: KORE_SAMPLE.contactData,
			},
		});
	});

	test('lower-camel names read too; a number with a separate country code joined to it', () => {
		const read = preCallItem({ campaignName: 'x', campaignId: 'cd-1', dialingId: 7, contactData: { phoneNumber: '98450 11111', countryCode: '+91' } });
		expect(read).toMatchObject({ ok: true, json: { phoneNumber: '+919845011111', campaignName: 'x', campaignId: 'cd-1', dialingId: '7' } });
	});

	test('a body that is not an object, or contactData that is not one, is refused with the reason', () => {
		expect(preCallItem('CALL')).toEqual({ ok: false, reason: expect.stringContaining('must be a JSON object') });
		expect(preCallItem([KORE_SAMPLE])).toMatchObject({ ok: false });
		expect(preCallItem({ ...KORE_SAMPLE, contactData: 'Asha' })).toEqual({ ok: false, reason: expect.stringContaining('contactData') });
	});
});

describe("Kore's answer from what n8n sends", () => {
	test('handle in any case, the reason, the other fields for the bot at both placements', () => {
		const answer = koreAnswer(200, { handle: 'call', reason: 'open invoice', plan: 'Gold', riskScore: 'Medium' }, 'skip', 'both');
		expect(answer).toEqual({
			source: 'workflow',
			body: { contactHandling: { handle: 'CALL', reason: 'open invoice' }, plan: 'Gold', riskScore: 'Medium', detailedContactData: { plan: 'Gold', riskScore: 'Medium' } },
		});
		expect(koreAnswer(200, { handle: ' Skip ', plan: 'Gold' }, 'call', 'topLevel').body).toEqual({ contactHandling: { handle: 'SKIP' }, plan: 'Gold' });
		expect(koreAnswer(200, { handle: 'SKIP', plan: 'Gold' }, 'call', 'nested').body).toEqual({ contactHandling: { handle: 'SKIP' }, detailedContactData: { plan: 'Gold' } });
	});

	test("an item already in Kore's shape goes out as built; a JSON string from n8n is read", () => {
		const built = { contactHandling: { handle: 'skip', reason: 'DNC' }, detailedContactData: { a: 1 } };
		expect(koreAnswer(200, JSON.stringify(built), 'call', 'both').body).toEqual({ contactHandling: { handle: 'SKIP', reason: 'DNC' }, detailedContactData: { a: 1 } });
	});

	test.each([
		['the workflow failed (n8n answers 500)', 500, { message: 'Error in workflow' }, 'the workflow failed (n8n: Error in workflow)'],
		['the last node gave nothing', 200, { message: 'Workflow executed successfully but the last node did not return any data' }, 'the workflow gave no decision (n8n: Workflow executed successfully but the last node did not return any data)'],
		['no handle', 200, { plan: 'Gold' }, "the last node's first item has no handle"],
		['a handle that is not CALL or SKIP', 200, { handle: 'maybe' }, "handle 'maybe' is neither CALL nor SKIP"],
		['no item at all', 200, [], "the workflow's last node gave no item"],
		['an answer that is not JSON', 200, 'ok', "the workflow's last node gave no item"],
	])('%s: the Default Decision, as a 200 in Kore shape with the reason', (_, status, sent, why) => {
		for (const decision of ['call', 'skip'] as const) {
			const answer = koreAnswer(status, sent, decision, 'both');
			expect(answer).toEqual({ source: 'default', why, body: { contactHandling: { handle: decision.toUpperCase(), reason: `n8n default decision: ${why}` } } });
		}
	});
});

describe('the header secret', () => {
	const secret = { headerName: 'X-Kore-Pre-Call-Secret', secret: 's3cret-0123456789abcdef' };
	test('matched in any header case; a wrong, missing or repeated value refused', () => {
		expect(carriesSecret({ 'x-kore-pre-call-secret': secret.secret }, secret)).toBe(true);
		expect(carriesSecret({ 'x-kore-pre-call-secret': `${secret.secret}x` }, secret)).toBe(false);
		expect(carriesSecret({ 'x-kore-pre-call-secret': secret.secret.slice(0, -1) }, secret)).toBe(false);
		expect(carriesSecret({}, secret)).toBe(false);
		expect(carriesSecret({ 'x-kore-pre-call-secret': ['wrong', secret.secret] }, secret)).toBe(false);
		expect(carriesSecret({ 'x-kore-pre-call-secret': '' }, { headerName: 'x-kore-pre-call-secret', secret: '' })).toBe(false);
	});

	test("the credential test names what is wrong before any call comes", () => {
		expect(secretProblem(secret)).toBeUndefined();
		expect(secretProblem({ headerName: '', secret: secret.secret })).toBe('The credential has no Header Name');
		expect(secretProblem({ headerName: 'X Kore', secret: secret.secret })).toContain('characters a header name cannot have');
		expect(secretProblem({ headerName: 'X-K', secret: 'short' })).toContain('at least 16');
		expect(secretProblem({ headerName: 'X-K', secret: `${secret.secret}\nX-Other: 1` })).toContain('line break');
	});
});

describe('the answer held on a real HTTP response', () => {
	let server: Server;
	let handle: (res: HttpResponse) => void;
	beforeAll(async () => {
		server = createServer((_req, res) => handle(res as unknown as HttpResponse));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	});
	afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
	const ask = async () => {
		const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'POST' });
		return { status: answer.status, type: answer.headers.get('content-type'), body: await answer.json() };
	};
	const decide = (status: number, body: unknown) => koreAnswer(status, body, 'call', 'topLevel');
	// n8n's ways of writing its answer: express's res.status().json(), res.send(text), Node's writeHead/end.
	const n8nWrites: Record<string, (res: any, status: number, body: unknown) => void> = {
		json: (res, status, body) => res.status(status).json(body),
		send: (res, status, body) => res.status(status).send(JSON.stringify(body)),
		end: (res, status, body) => (res.writeHead(status), res.end(JSON.stringify(body))),
	};

	test.each(Object.keys(n8nWrites))("what n8n writes with %s becomes Kore's answer, a 200 in JSON", async (how) => {
		handle = (res) => {
			holdAnswer(res, decide, 0, () => defaultAnswer('skip', 'never'));
			n8nWrites[how](res, 200, { handle: 'skip', reason: 'DNC', plan: 'Gold' });
		};
		expect(await ask()).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: { contactHandling: { handle: 'SKIP', reason: 'DNC' }, plan: 'Gold' } });
		handle = (res) => {
			holdAnswer(res, decide, 0, () => defaultAnswer('skip', 'never'));
			n8nWrites[how](res, 500, { message: 'Error in workflow' });
		};
		expect(await ask()).toMatchObject({ status: 200, body: { contactHandling: { handle: 'CALL', reason: 'n8n default decision: the workflow failed (n8n: Error in workflow)' } } });
	});

	test('the Time Limit answers first; what n8n writes later is dropped without an error', async () => {
		let late: Promise<void> = Promise.resolve();
		let sentBy: Promise<unknown> = Promise.resolve();
		handle = (res) => {
			const held = holdAnswer(res, decide, 50, () => defaultAnswer('call', 'the workflow gave no answer within the Time Limit of 0.05 s'));
			sentBy = held.sent;
			late = new Promise((resolve) => setTimeout(() => {
				res.setHeader('x-late', '1');
				res.status(200).json({ handle: 'SKIP' });
				resolve();
			}, 150));
		};
		expect(await ask()).toMatchObject({ status: 200, body: { contactHandling: { handle: 'CALL', reason: expect.stringContaining('Time Limit') } } });
		await expect(late).resolves.toBeUndefined();
		await expect(sentBy).resolves.toMatchObject({ source: 'default' });
	});
});
