// The operations as a non-developer uses them, in real n8n on both lines (2.x and the latest 1.x),
// installed as users install it, one n8n start per line: Update and Delete in batches, Update of only
// what an item gives, Get Many for every row (node version 1.1) and as saved workflows have it (1),
// a run whose credential Kore stops accepting part of the way through, and the Contact List and
// Campaign resources on two readings of Kore's campaign pages (Add Contacts confirmed, Start, Stop, Get
// Outcomes), and the Pre-Call Trigger answering the sandbox's pre-call caller.
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';
import { webhookWorkflow } from '../../scripts/lib/queueWorkflows';
import { CREDENTIAL_ID, credentialFor } from '../../scripts/lib/workflows';
import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { preCallCredential, preCallExample, preCallFaults, preCallTests } from '../support/preCallCases';
import { webhookRunner, type WebhookRun } from '../support/webhookRuns';

const SEED = 2000;
const AUTO = { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] };
const V11 = { responseMode: 'lastNode', typeVersion: 1.1 } as const;
const ONE_AT_A_TIME = { batchSize: 2, parallelRequests: 1 };

const flows = {
	update: webhookWorkflow('KoreE2eOps000001', 'kore-ops-update', { operation: 'update', contactId: '={{ $json.id }}', columns: AUTO, options: { batchSize: 100 } }, V11),
	delete: webhookWorkflow('KoreE2eOps000002', 'kore-ops-delete', { operation: 'delete', contactId: '={{ $json.id }}', options: { batchSize: 100 } }, V11),
	surname: webhookWorkflow(
		'KoreE2eOps000003',
		'kore-ops-surname',
		{ operation: 'update', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, columns: { mappingMode: 'defineBelow', value: { lastName: '={{ $json.lastName }}' }, matchingColumns: [], schema: [] } },
		V11,
	),
	getMany: webhookWorkflow('KoreE2eOps000004', 'kore-ops-get-many', { operation: 'getAll', filters: { phoneNumber: '={{ $json.phone }}' }, options: { pageSize: 1000 } }, V11),
	getManyV1: webhookWorkflow('KoreE2eOps000005', 'kore-ops-get-many-v1', { operation: 'getAll', filters: { phoneNumber: '={{ $json.phone }}' }, options: { pageSize: 1000 } }, { responseMode: 'lastNode' }),
	bulkUpdate: webhookWorkflow('KoreE2eOps000006', 'kore-ops-bulk-update', { operation: 'bulkUpdate', columns: { ...AUTO, matchingColumns: ['id'] }, options: ONE_AT_A_TIME }, V11),
	create: webhookWorkflow('KoreE2eOps000007', 'kore-ops-create', { operation: 'create', columns: AUTO, options: ONE_AT_A_TIME }, V11),
	mirror: webhookWorkflow('KoreE2eOps000008', 'kore-ops-mirror', { operation: 'upsert', columns: { ...AUTO, matchingColumns: ['phoneNumber'] }, options: { deleteMissing: true, pageSize: 1000 } }, V11),
	listCreate: webhookWorkflow('KoreE2eOps000010', 'kore-ops-list-create', { resource: 'contactList', operation: 'create', name: '={{ $json.name }}', description: '', options: { useExisting: true } }, V11),
	listAdd: webhookWorkflow(
		'KoreE2eOps000011',
		'kore-ops-list-add',
		{ resource: 'contactList', operation: 'addContacts', contactList: { __rl: true, mode: 'name', value: '={{ $json.list }}' }, columns: AUTO, options: { batchSize: 250, waitTimeout: 8 } },
		V11,
	),
	listDelete: webhookWorkflow('KoreE2eOps000012', 'kore-ops-list-delete', { resource: 'contactList', operation: 'delete', contactList: { __rl: true, mode: 'name', value: '={{ $json.list }}' } }, V11),
	listGetMany: webhookWorkflow('KoreE2eOps000013', 'kore-ops-list-get-many', { resource: 'contactList', operation: 'getAll', returnAll: true }, V11),
	campaignStart: webhookWorkflow('KoreE2eOps000014', 'kore-ops-campaign-start', { resource: 'campaign', operation: 'start', campaignType: 'voice', campaign: { __rl: true, mode: 'id', value: '={{ $json.campaignId }}' } }, V11),
	campaignStop: webhookWorkflow('KoreE2eOps000015', 'kore-ops-campaign-stop', { resource: 'campaign', operation: 'stop', campaignType: 'voice', campaign: { __rl: true, mode: 'id', value: '={{ $json.campaignId }}' } }, V11),
	outcomes: webhookWorkflow('KoreE2eOps000016', 'kore-ops-outcomes', { resource: 'campaign', operation: 'getOutcomes', campaign: { __rl: true, mode: 'id', value: '={{ $json.campaignId }}' }, returnAll: true }, V11),
	outcomesPerRow: webhookWorkflow(
		'KoreE2eOps000017',
		'kore-ops-outcomes-per-row',
		{ resource: 'campaign', operation: 'getOutcomes', campaign: { __rl: true, mode: 'id', value: '={{ $json.campaignId }}' }, phoneNumber: '={{ $json.phone }}', returnAll: true },
		V11,
	),
	conversation: webhookWorkflow('KoreE2eOps000018', 'kore-ops-conversation', { resource: 'conversation', operation: 'get', sessionId: '={{ $json.botSessionId }}' }, V11),
	mirrorDryRun: webhookWorkflow('KoreE2eOps000009', 'kore-ops-mirror-dry', { operation: 'upsert', columns: { ...AUTO, matchingColumns: ['phoneNumber'] }, options: { deleteMissing: true, dryRun: true, pageSize: 1000 } }, V11),
};

const existing = (n: number, lastName = `ops-${n}`) => ({
	id: demoContactId(n),
	firstName: demoContact(n).firstName,
	lastName,
	salutation: demoContact(n).salutation,
	phoneNumber: demoContact(n).cellPhone.phoneNumber,
	countryCode: '+91',
	extension: '+',
});
/** A CRM row of demo contact n, as the CRM has it (no Kore.ai id). */
const crmRow = (n: number) => {
	const { id: _id, ...row } = existing(n, demoContact(n).lastName);
	return row;
};
const newPerson = (n: number) => ({ firstName: `new${n}`, lastName: 'ops', salutation: 'ms', phoneNumber: `81000000${String(n).padStart(2, '0')}`, countryCode: '+91', extension: '+' });
const paired = (items: any[]) => items.map((item) => item.pairedItem?.item);
const range = (count: number) => Array.from({ length: count }, (_, i) => i);

describe.each([N8N_V2, N8N_V1])('n8n %s: the operations as a non-developer uses them', (version) => {
	let sandbox: KoreSandbox;
	let n8n: N8nInstance;
	let run: (flow: keyof typeof flows, rows: unknown[]) => Promise<WebhookRun>;
	let apiKey = '';

	beforeAll(async () => {
		sandbox = await startSandbox({ seedCount: SEED, rateLimit: { requestsPerWindow: 0 } });
		const served = await N8nInstance.serve({ version }, [credentialFor(sandbox.credentials()), preCallCredential], [...Object.values(flows), preCallExample, preCallFaults]);
		n8n = served.n8n;
		apiKey = served.apiKey;
		const runOnce = webhookRunner(n8n, served.apiKey);
		run = (flow, rows) => runOnce(flows[flow].id, flows[flow].nodes[0].parameters.path, rows);
	}, 900_000);
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	const requests = (method: string, pathEnd: string) => sandbox.log().filter((r) => r.method === method && r.path.endsWith(pathEnd));

	test('600 items through Update: 6 requests at Batch Size 100, every item on Success, paired', async () => {
		const result = await run('update', range(600).map((n) => existing(n)));
		expect(result.status).toBe('success');
		expect(paired(result.success)).toEqual(range(600));
		expect(result.failed).toEqual([]);
		expect(sandbox.log()).toHaveLength(6);
		expect(requests('PUT', '/bulk-update').map((r) => r.recordCount)).toEqual(Array(6).fill(100));
		expect(range(600).every((n) => sandbox.store.get(demoContactId(n))?.lastName === `ops-${n}`)).toBe(true);
	});

	test('600 items through Delete (version 1.1): 6 requests, every contact deleted', async () => {
		const result = await run('delete', range(600).map((n) => ({ id: demoContactId(n) })));
		expect(result.status).toBe('success');
		expect(paired(result.success)).toEqual(range(600));
		expect(sandbox.log()).toHaveLength(6);
		expect(requests('DELETE', '/bulk-delete')).toHaveLength(6);
		expect(range(600).every((n) => sandbox.store.get(demoContactId(n))?.status === 'INACTIVE')).toBe(true);
	});

	test('Update with only Contact and Last Name mapped: the surname changes, every other field is kept', async () => {
		const before = [7, 1500].map((n) => sandbox.store.get(demoContactId(n))!);
		const result = await run('surname', [{ id: demoContactId(7), lastName: 'Surname-7' }, { id: demoContactId(1500), lastName: 'Surname-1500' }]);
		expect(result.status).toBe('success');
		expect(paired(result.success)).toEqual([0, 1]);
		[7, 1500].forEach((n, i) => {
			const after = sandbox.store.get(demoContactId(n))!;
			expect(after).toMatchObject({ lastName: `Surname-${n}`, firstName: before[i].firstName, salutation: before[i].salutation, cellPhone: before[i].cellPhone });
		});
		// one read of the list (two pages of 1,000: contact 1500 is on the second), one write
		expect(requests('GET', '/contacts')).toHaveLength(2);
		expect(requests('PUT', '/bulk-update')).toHaveLength(1);
	});

	test('50 CRM rows through Get Many (version 1.1) by phone: each its own contact, from one read of the list', async () => {
		const numbers = range(50).map((i) => 1990 - i * 39);
		const rows = numbers.map((n, i) => ({ phone: i % 2 ? `+91 ${demoContact(n).cellPhone.phoneNumber}` : `91${demoContact(n).cellPhone.phoneNumber}` }));
		const result = await run('getMany', [...rows, { phone: '+91 7000000001' }]);
		expect(result.status).toBe('success');
		expect(paired(result.success)).toEqual(range(51));
		expect(result.success.slice(0, 50).map((item) => item.json.id)).toEqual(numbers.map(demoContactId));
		expect(result.success[50].json).toMatchObject({ found: false });
		expect(requests('GET', '/contacts').map((r) => r.query.skip)).toEqual(['0', '1000']);
	});

	test('Get Many as saved workflows have it (version 1): once, with the first row\'s filters', async () => {
		const result = await run('getManyV1', [3, 4, 5].map((n) => ({ phone: `+91${demoContact(n).cellPhone.phoneNumber}` })));
		expect(result.status).toBe('success');
		expect(paired(result.success)).toEqual([0]);
		expect(result.success[0].json.id).toBe(demoContactId(3));
	});

	test('Contact "From List": the editor\'s search finds contacts by name or phone number, page by page', async () => {
		const search = async (filter: string, paginationToken?: string) => {
			const answer = await n8n.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
				path: 'contactId',
				nodeTypeAndVersion: { name: 'n8n-nodes-kore-ai.koreAiContacts', version: 1.1 },
				currentNodeParameters: { resource: 'contact', operation: 'update', contactId: { __rl: true, mode: 'list', value: '' } },
				methodName: 'searchContacts',
				credentials: { koreAiApi: { id: CREDENTIAL_ID, name: 'Kore.ai sandbox' } },
				filter,
				...(paginationToken && { paginationToken }),
			});
			expect(answer.status).toBe(200);
			return answer.body.data as { results: Array<{ name: string; value: string }>; paginationToken?: string };
		};
		const byPhone = await search(`+91 ${demoContact(1234).cellPhone.phoneNumber}`);
		expect(byPhone.results).toEqual([{ name: `${demoContact(1234).fullName} (+91${demoContact(1234).cellPhone.phoneNumber})`, value: demoContactId(1234) }]);
		const first = await search(demoContact(3).firstName);
		expect(first.results).toHaveLength(20);
		expect(first.results.every((r) => r.name.toLowerCase().includes(demoContact(3).firstName.toLowerCase()))).toBe(true);
		const next = await search(demoContact(3).firstName, first.paginationToken);
		expect(next.results.map((r) => r.value).some((id) => first.results.some((r) => r.value === id))).toBe(false);
	});

	describe('Create or Update with Delete Contacts Not in Input', () => {
		// An account of 1,080 active contacts (the rest of the sandbox's deleted first).
		const ACCOUNT = 1080;
		const shrink = () => range(SEED - ACCOUNT).forEach((i) => sandbox.store.deactivate(demoContactId(ACCOUNT + i)));
		const activeCount = () => sandbox.store.active().length;
		const left = range(80).map((i) => i * 13 + 5);
		const source = () => range(ACCOUNT).filter((n) => !left.includes(n)).map(crmRow);

		test('a 1,000-row source: the 80 contacts it no longer has deleted in one request, the rest unchanged', async () => {
			shrink();
			const rows = source();
			expect(rows).toHaveLength(1000);
			const result = await run('mirror', rows);
			expect(result.status).toBe('success');
			expect(result.failed).toEqual([]);
			const deleted = result.success.filter((item) => item.json.action === 'deleted');
			expect(deleted.map((item) => item.json.id)).toEqual(left.map(demoContactId));
			expect(result.success.filter((item) => item.json.action === 'unchanged')).toHaveLength(1000);
			expect(requests('DELETE', '/bulk-delete').map((r) => (r.body as { ids: string[] }).ids.length)).toEqual([80]);
			expect(activeCount()).toBe(1000);
		});

		test('Dry Run lists the 80 as to be deleted and writes nothing', async () => {
			shrink();
			const result = await run('mirrorDryRun', source());
			expect(result.success.filter((item) => item.json.action === 'deleted' && item.json.dryRun === true)).toHaveLength(80);
			expect(sandbox.log().filter((r) => r.method !== 'GET')).toEqual([]);
			expect(activeCount()).toBe(ACCOUNT);
		});

		test('an empty input deletes nothing', async () => {
			shrink();
			const result = await run('mirror', []);
			expect(result.status).toBe('success');
			expect(sandbox.log()).toEqual([]);
			expect(activeCount()).toBe(ACCOUNT);
		});

		test('a source missing 40% of the account: nothing deleted, the change and the new person written, the reason above the output', async () => {
			shrink();
			const rows = range(ACCOUNT).filter((n) => n % 5 >= 2).map(crmRow);
			rows[0] = { ...rows[0], lastName: 'changed-in-crm' };
			rows.push(newPerson(1));
			const result = await run('mirror', rows);
			expect(result.status).toBe('success');
			expect(result.success.map((item) => item.json.action).filter((action) => action !== 'unchanged')).toEqual(['updated', 'created']);
			expect(requests('DELETE', '')).toEqual([]);
			expect(activeCount()).toBe(ACCOUNT + 1);
			expect(result.hints.map((h) => h.message)).toContainEqual(expect.stringMatching(/^Delete Contacts Not in Input deleted nothing: it would delete 432 of the 1080 active contacts \(40%\)/));
		});
	});

	describe.each([
		['v2 paths, GET for the list of lists', { paths: 'v2', listAllMethod: 'GET', listSource: 'passiveApi' }],
		['v1 paths only, POST for the list of lists, source passiveApiIntegration', { paths: 'v1', listAllMethod: 'POST', listSource: 'passiveApiIntegration' }],
	] as const)('campaign contact lists and campaigns, on the reading: %s', (_, readings) => {
		beforeEach(() => sandbox.configure({ campaignReadings: readings, campaignScope: true }));

		test('1,000 CRM rows into a new list with Wait Until Added: 900 on Success and on the list, 50 invalid, 20 repeated and 30 dropped by Kore.ai on Failed, each with its reason', async () => {
			const created = await run('listCreate', [{ name: 'Renewals e2e' }, { name: 'renewals E2E' }]);
			expect(created.success.map((i) => i.json.created)).toEqual([true, false]);
			expect(new Set(created.success.map((i) => i.json.id)).size).toBe(1);
			expect(sandbox.campaigns.lists.size).toBe(1);

			const number = (n: number) => `+91 97000 ${String(10000 + n)}`;
			const rows: Array<Record<string, unknown>> = range(1000).map((n) => ({ list: 'Renewals e2e', phoneNumber: number(n), firstName: `p${n}`, timeZone: 'Asia/Kolkata' }));
			const invalid = range(50).map((i) => i * 20 + 3);
			for (const i of invalid) rows[i] = { ...rows[i], phoneNumber: i % 2 ? `97000-${i}x` : '', timeZone: 'Asia/Kolkata' };
			const repeats = range(20).map((i) => i * 20 + 7);
			for (const i of repeats) rows[i] = { ...rows[i - 1], firstName: `repeat of ${i - 1}` };
			const dropped = range(30).map((i) => i * 30 + 9).filter((i) => !invalid.includes(i) && !repeats.includes(i)).slice(0, 30);
			expect(dropped).toHaveLength(30);
			sandbox.campaigns.silentlyDropped = new Set(dropped.map((i) => String(rows[i].phoneNumber).replace(/\D/g, '')));

			const result = await run('listAdd', rows);
			expect(result.status).toBe('success');
			const failedBy = (code: string) => result.failed.filter((i) => i.json.code === code).map((i) => i.pairedItem.item).sort((a: number, b: number) => a - b);
			expect(failedBy('INVALID_RECORD')).toEqual(invalid);
			expect(failedBy('DUPLICATE')).toEqual(repeats);
			expect(failedBy('NOT_CONFIRMED')).toEqual(dropped);
			expect(result.success).toHaveLength(900);
			expect(result.failed).toHaveLength(100);
			expect([...paired(result.success), ...paired(result.failed)].sort((a, b) => a - b)).toEqual(range(1000));
			const list = sandbox.campaigns.listByName('Renewals e2e')!;
			const onList = sandbox.campaigns.members.get(list._id)!.map((m) => m.phoneNumber);
			expect(onList).toHaveLength(900);
			expect(new Set(onList)).toEqual(new Set(result.success.map((i) => i.json.phoneNumber)));
			expect(result.success.every((i) => i.json.status === 'added')).toBe(true);
			// 930 numbers sent at Batch Size 250: at most ceil(950 / 250) add requests.
			const adds = requests('POST', '/addContacts');
			expect(adds.length).toBeLessThanOrEqual(Math.ceil(950 / 250));
			const reads = requests('GET', '/getAllContacts').length;
			console.log(`Add Contacts, ${version}, ${readings.paths}: ${adds.length} add requests, ${reads} reads of the list (one before sending, the rest confirming), ${sandbox.log().length} requests in all`);
		});

		test('a list a campaign uses is not deleted, and the reason names the campaign; unused, it is', async () => {
			sandbox.campaigns.createList({ name: 'In use', description: 'd' }, 'passiveApi');
			const campaign = sandbox.campaigns.addCampaign({ name: 'July renewals calls', type: 'voice', contactLists: ['In use'] });
			const refused = await run('listDelete', [{ list: 'In use' }]);
			expect(refused.failed[0].json).toMatchObject({ code: 'LIST_IN_USE', campaigns: [{ id: campaign._id, name: 'July renewals calls' }] });
			expect(String(refused.failed[0].json.reason)).toContain('"July renewals calls"');
			sandbox.campaigns.campaigns.clear();
			const deleted = await run('listDelete', [{ list: 'In use' }]);
			expect(deleted.success[0].json).toMatchObject({ deleted: true });
		});

		test('Start and Stop a campaign (again in the same state: Success saying so); Get Outcomes: 250 in 3 requests, 40 CRM rows each their own from one read', async () => {
			const campaign = sandbox.campaigns.addCampaign({ name: 'Renewals calls', type: 'voice', contactLists: [] });
			const started = await run('campaignStart', [{ campaignId: campaign._id }]);
			expect(started.success[0].json).toMatchObject({ campaignId: campaign._id, status: 'Active', changed: true });
			const again = await run('campaignStart', [{ campaignId: campaign._id }]);
			expect(again.failed).toEqual([]);
			expect(again.success[0].json).toMatchObject({ changed: false, message: expect.stringContaining('already running') });

			const dialled = (n: number) => `9198450${String(20000 + n)}`;
			sandbox.campaigns.dial(campaign._id, range(250).map((n) => ({ phoneNumber: dialled(n), numberOfAttemptsSoFar: 1 + (n % 3), dialerOutcome: n % 2 ? 'completed' : 'no-answer' })));
			sandbox.clearLog();
			const all = await run('outcomes', [{ campaignId: campaign._id }]);
			expect(all.success).toHaveLength(250);
			expect(all.success[1].json).toMatchObject({ phoneNumber: dialled(1), dialerOutcome: 'completed', numberOfAttemptsSoFar: 2, campaignId: campaign._id });
			const outcomeReads = () => sandbox.log().filter((r) => r.path.endsWith('/status') && r.query.view === 'contacts' && r.status === 200);
			expect(outcomeReads()).toHaveLength(3);

			sandbox.clearLog();
			const rows = [...range(39).map((i) => ({ campaignId: campaign._id, phone: i % 2 ? `+91 98450 ${20000 + i * 6}` : `98450${20000 + i * 6}` })), { campaignId: campaign._id, phone: '+91 90000 00000' }];
			const perRow = await run('outcomesPerRow', rows);
			expect(paired(perRow.success)).toEqual(range(40));
			expect(perRow.success.slice(0, 39).map((i) => i.json.phoneNumber)).toEqual(range(39).map((i) => dialled(i * 6)));
			expect(perRow.success[39].json).toMatchObject({ found: false });
			expect(outcomeReads()).toHaveLength(3);

			const stopped = await run('campaignStop', [{ campaignId: campaign._id }]);
			expect(stopped.success[0].json).toMatchObject({ status: 'Stopped', changed: true });
			expect(sandbox.campaigns.campaign(campaign._id).status).toBe('Stopped');
			const stoppedAgain = await run('campaignStop', [{ campaignId: campaign._id }]);
			expect(stoppedAgain.success[0].json).toMatchObject({ changed: false, message: expect.stringContaining('not running') });
		});
	});

	test('Conversation > Get for 20 session ids from a campaign\'s outcomes: each its conversation, paired; an unknown session on Failed', async () => {
		const campaign = sandbox.campaigns.addCampaign({ name: 'Renewals calls', type: 'voice', contactLists: [], status: 'Active' });
		sandbox.campaigns.dial(campaign._id, range(20).map((n) => ({ phoneNumber: `91984503${1000 + n}`, agentDispositionCodes: n % 2 ? ['Renewed'] : [] })));
		const sessions = sandbox.campaigns.outcomes.get(campaign._id)!.map((o) => o.botSessionId);
		const result = await run('conversation', [...sessions.map((botSessionId) => ({ botSessionId })), { botSessionId: '685d3c819e81807087b6ffff' }]);
		expect(result.status).toBe('success');
		expect(paired(result.success)).toEqual(range(20));
		expect(result.success.map((i) => i.json.sessionId)).toEqual(sessions);
		expect(result.success[1].json).toMatchObject({ status: 'CLOSED', dispositions: { dispositionSets: [{ name: 'Renewed' }] }, userInfo: { phoneNumber: '919845031001' } });
		expect(result.failed.map((i) => [i.pairedItem.item, i.json.stage])).toEqual([[20, 'api']]);
		expect(requests('GET', '')).toHaveLength(21);
	});

	test('an app without the Campaign Management scope: the execution stops with the scope named', async () => {
		sandbox.configure({ campaignScope: false });
		const result = await run('listGetMany', [{}]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('The Kore.ai app is missing the "Campaign Management" scope: Kore.ai said "Permission denied. Scope is incorrect!"');
		expect(result.error.description).toContain('give the JWT app the Contact Center scope "Campaign Management"');
	});

	test('the secret rotated in Kore.ai after 2 of 5 batches of a Bulk Update: the applied on Success, the rest on Failed, the execution succeeds with a hint', async () => {
		sandbox.setFaults({ schedule: [null, null, { kind: 'rotateSecret' }] });
		const result = await run('bulkUpdate', range(10).map((n) => existing(n, `rotated-${n}`)));
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(paired(result.success)).toEqual([0, 1, 2, 3]);
		expect(paired(result.failed)).toEqual([4, 5, 6, 7, 8, 9]);
		for (const item of result.failed) expect(item.json).toMatchObject({ stage: 'request', httpStatus: 401, reason: expect.stringContaining('Invalid SDK credentials') });
		expect(range(10).map((n) => sandbox.store.get(demoContactId(n))?.lastName === `rotated-${n}`)).toEqual([true, true, true, true, false, false, false, false, false, false]);
		expect(result.hints.map((h) => h.message)).toContainEqual(expect.stringContaining('after it had applied part of this run'));
	});

	test('the secret rotated after 2 of 5 batches of a Create: the 4 created on Success with their new ids, the rest on Failed', async () => {
		sandbox.setFaults({ schedule: [null, null, { kind: 'rotateSecret' }] });
		const rows = range(10).map(newPerson);
		const result = await run('create', rows);
		expect(result.status).toBe('success');
		expect(paired(result.success)).toEqual([0, 1, 2, 3]);
		const holders = rows.map((row) => sandbox.store.active().filter((c) => c.cellPhone.phoneNumber === `+91${row.phoneNumber}`));
		expect(holders.map((h) => h.length)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
		expect(result.success.map((item) => item.json.id)).toEqual(holders.slice(0, 4).map((h) => h[0]._id));
		expect(result.failed.map((item) => item.json.httpStatus)).toEqual(Array(6).fill(401));
		expect(result.hints.map((h) => h.message)).toContainEqual(expect.stringContaining('after it had applied part of this run'));
	});

	describe('the Kore.ai Pre-Call Trigger, asked by the sandbox as a campaign asks before each dial', () => {
		preCallTests(() => ({
			url: n8n.url,
			label: `n8n ${version}, regular mode`,
			executions: async (workflowId) => {
				const list = await n8n.rest('GET', `/api/v1/executions?workflowId=${workflowId}&limit=250`, undefined, { 'X-N8N-API-KEY': apiKey });
				return (list.body.data ?? []).length;
			},
		}));
	});
});
