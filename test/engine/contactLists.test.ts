// Contact List operations in n8n's engine against the sandbox's campaign APIs, on each documented
// reading of Kore's pages: v2 or v1 paths only, GET or POST for the list of lists, either `source`.
// Add Contacts tells every number's fate although Kore answers only "in progress".
import { startSandbox, type CampaignReadings, type KoreSandbox } from '../../sandbox';
import { expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ campaignReadings: { paths: 'both', listAllMethod: 'GET', listSource: 'passiveApi' }, campaignScope: true });
	sandbox.campaigns.addDelayMs = 150;
});
afterAll(async () => sandbox.stop());

const list = (extra: Record<string, unknown> = {}) => ({ resource: 'contactList', rateLimitWindowSeconds: 1, ...extra });
const byName = (name: string) => ({ __rl: true, mode: 'name', value: name });
const AUTO = { mappingMode: 'autoMapInputData', value: null };
const campaignCalls = () => sandbox.log().filter((r) => !r.path.includes('/contacts') || r.path.includes('getAllContacts'));

const readings: Array<[string, Partial<CampaignReadings>]> = [
	['v2 paths, GET for the list of lists', { paths: 'v2', listAllMethod: 'GET' }],
	['v1 paths only, POST for the list of lists', { paths: 'v1', listAllMethod: 'POST', listSource: 'passiveApiIntegration' }],
	['both families, POST', { paths: 'both', listAllMethod: 'POST' }],
];

describe.each(readings)('on the reading: %s', (_, reading) => {
	beforeEach(() => sandbox.configure({ campaignReadings: reading }));

	test('Create, Get Many, Get, Update, Delete; a name created twice with Use Existing gives one list', async () => {
		const created = await run(sandbox, { items: [{}], parameters: list({ operation: 'create', name: 'Renewals July', description: '', options: { allowDuplicates: false } }), typeVersion: 1.1 });
		expect(created.error).toBeUndefined();
		const id = created.success[0].json.id as string;
		expect(id).toMatch(/^cl-/);
		expect(created.success[0].json).toMatchObject({ created: true, name: 'Renewals July' });
		expect(String(created.success[0].json.description)).toMatch(/^Created from n8n on \d{4}-\d{2}-\d{2}$/);
		const again = await run(sandbox, { items: [{}], parameters: list({ operation: 'create', name: 'renewals july', options: { useExisting: true } }), typeVersion: 1.1 });
		expect(again.success[0].json).toMatchObject({ id, created: false });
		const refused = await run(sandbox, { items: [{}], parameters: list({ operation: 'create', name: 'Renewals July' }), typeVersion: 1.1 });
		expect(refused.failed[0].json).toMatchObject({ code: 'LIST_EXISTS' });
		expect(sandbox.campaigns.lists.size).toBe(1);

		const many = await run(sandbox, { items: [{}], parameters: list({ operation: 'getAll', returnAll: true }), typeVersion: 1.1 });
		expect(many.success.map((i) => i.json.id)).toEqual([id]);
		const one = await run(sandbox, { items: [{}], parameters: list({ operation: 'get', contactList: { __rl: true, mode: 'id', value: id } }), typeVersion: 1.1 });
		expect(one.success[0].json).toMatchObject({ id, name: 'Renewals July' });
		const updated = await run(sandbox, { items: [{}], parameters: list({ operation: 'update', contactList: byName('Renewals July'), updateFields: { name: 'Renewals August' } }), typeVersion: 1.1 });
		expect(updated.success[0].json).toMatchObject({ id, name: 'Renewals August' });
		const tooLong = await run(sandbox, { items: [{}], parameters: list({ operation: 'update', contactList: byName('Renewals August'), updateFields: { name: 'x'.repeat(49) } }), typeVersion: 1.1 });
		expect(tooLong.failed[0].json).toMatchObject({ stage: 'validation', reason: 'Name (name) must be 1 to 48 characters; got 49' });

		sandbox.campaigns.addCampaign({ name: 'August calls', type: 'voice', contactLists: ['Renewals August'] });
		const inUse = await run(sandbox, { items: [{}], parameters: list({ operation: 'delete', contactList: { __rl: true, mode: 'id', value: id } }), typeVersion: 1.1 });
		expect(inUse.failed[0].json).toMatchObject({ code: 'LIST_IN_USE' });
		expect(String(inUse.failed[0].json.reason)).toContain('"August calls"');
		sandbox.campaigns.campaigns.clear();
		const deleted = await run(sandbox, { items: [{}], parameters: list({ operation: 'delete', contactList: { __rl: true, mode: 'id', value: id } }), typeVersion: 1.1 });
		expect(deleted.success[0].json).toMatchObject({ id, deleted: true });
	});

	test('Add Contacts: 100 rows (5 invalid, 4 repeated, 3 dropped by Kore): every row on Success or Failed with its own reason', async () => {
		sandbox.campaigns.createList({ name: 'Segment', description: 'from the CRM' }, 'passiveApi');
		const rows = Array.from({ length: 100 }, (_, i) => ({ phoneNumber: `+91 98450 ${String(10000 + i)}`, firstName: `P${i}`, timeZone: 'Asia/Kolkata' }));
		for (const i of [3, 17, 40, 41, 99]) rows[i] = { ...rows[i], phoneNumber: i === 3 ? 'call me' : i === 17 ? '98450 10017' : rows[i].phoneNumber, timeZone: i >= 40 ? 'Mars/Olympus' : 'Asia/Kolkata' };
		for (const [later, earlier] of [[50, 10], [51, 11], [52, 12], [53, 13]]) rows[later] = { ...rows[earlier], firstName: `again ${later}` };
		sandbox.campaigns.silentlyDropped = new Set(['919845010060', '919845010061', '919845010062']);
		const result = await run(sandbox, {
			items: rows,
			parameters: list({ operation: 'addContacts', contactList: byName('segment'), columns: AUTO, options: { batchSize: 40, waitTimeout: 3 } }),
			typeVersion: 1.1,
		});
		expect(result.error).toBeUndefined();
		const failedBy = (code: string) => result.failed.filter((i) => i.json.code === code).map((i) => (i.pairedItem as { item: number }).item);
		expect(failedBy('INVALID_RECORD')).toEqual([3, 17, 40, 41, 99]);
		expect(failedBy('DUPLICATE')).toEqual([50, 51, 52, 53]);
		expect(failedBy('NOT_CONFIRMED')).toEqual([60, 61, 62]);
		expect(result.success).toHaveLength(88);
		expect(result.success.every((i) => i.json.status === 'added')).toBe(true);
		const onList = new Set(sandbox.campaigns.members.get(sandbox.campaigns.listByName('Segment')!._id)!.map((m) => m.phoneNumber));
		for (const item of result.success) expect(onList.has(String(item.json.phoneNumber))).toBe(true);
		expect(onList.size).toBe(88);
		expect(pairedIndexes([...result.success, ...result.failed]).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
		const adds = sandbox.log().filter((r) => r.path.endsWith('/addContacts'));
		expect(adds).toHaveLength(Math.ceil(88 / 40));
		expect(adds.every((r) => r.query.accountId === sandbox.credentials().accountId && r.headers.accountid === sandbox.credentials().accountId)).toBe(true);
		expect(result.failed.find((i) => i.json.code === 'INVALID_RECORD' && (i.pairedItem as { item: number }).item === 40)?.json.reason).toContain('Time Zone (timeZone) must be a time zone name');

		// Run again: every number already on the list is on Success, saying so, and nothing is sent.
		sandbox.clearLog();
		const rerun = await run(sandbox, { items: rows.slice(0, 10).filter((_, i) => i !== 3), parameters: list({ operation: 'addContacts', contactList: byName('Segment'), columns: AUTO }), typeVersion: 1.1 });
		expect(rerun.success.map((i) => i.json.status)).toEqual(Array(9).fill('alreadyInList'));
		expect(sandbox.log().filter((r) => r.path.endsWith('/addContacts'))).toHaveLength(0);
	});
});

test('Add Contacts with Wait Until Added off: the numbers sent on Success as queued, no read back; Dry Run sends nothing', async () => {
	sandbox.campaigns.createList({ name: 'Quick', description: 'd', allowDuplicates: true }, 'passiveApi');
	const rows = [{ phoneNumber: '+14155550100' }, { phoneNumber: '0044 20 7946 0018' }];
	const dry = await run(sandbox, { items: rows, parameters: list({ operation: 'addContacts', contactList: byName('Quick'), columns: AUTO, options: { dryRun: true, waitUntilAdded: false } }), typeVersion: 1.1 });
	expect(dry.success.map((i) => i.json.status)).toEqual(['dryRun', 'dryRun']);
	expect(sandbox.log().filter((r) => r.path.endsWith('/addContacts'))).toHaveLength(0);
	const queued = await run(sandbox, { items: rows, parameters: list({ operation: 'addContacts', contactList: byName('Quick'), columns: AUTO, options: { waitUntilAdded: false } }), typeVersion: 1.1 });
	expect(queued.success.map((i) => [i.json.status, i.json.phoneNumber])).toEqual([
		['queued', '14155550100'],
		['queued', '442079460018'],
	]);
	expect(sandbox.log().filter((r) => r.path.includes('getAllContacts'))).toHaveLength(0);
});

test('Add Contacts at its default Batch Size: 2,500 numbers in 3 requests of at most 1,000', async () => {
	sandbox.campaigns.createList({ name: 'Default batches', description: 'd', allowDuplicates: true }, 'passiveApi');
	const rows = Array.from({ length: 2500 }, (_, i) => ({ phoneNumber: `+9198451${String(i).padStart(5, '0')}` }));
	const queued = await run(sandbox, { items: rows, parameters: list({ operation: 'addContacts', contactList: byName('Default batches'), columns: AUTO, options: { waitUntilAdded: false } }), typeVersion: 1.1 });
	expect(queued.success).toHaveLength(2500);
	const adds = sandbox.log().filter((r) => r.path.endsWith('/addContacts'));
	expect(adds.map((r) => (r.body as { data: unknown[] }).data.length)).toEqual([1000, 1000, 500]);
});

test('Get Contacts: a list of 2,500 read in pages of 1,000, Limit honoured', async () => {
	const made = sandbox.campaigns.createList({ name: 'Big', description: 'd', allowDuplicates: true }, 'passiveApi');
	sandbox.campaigns.addDelayMs = 0;
	sandbox.campaigns.queueAdd('Big', Array.from({ length: 2500 }, (_, i) => ({ phoneNumber: `9198450${String(i).padStart(5, '0')}` })));
	const all = await run(sandbox, { items: [{}], parameters: list({ operation: 'getContacts', contactList: { __rl: true, mode: 'id', value: made._id }, returnAll: true }), typeVersion: 1.1 });
	expect(all.success).toHaveLength(2500);
	expect(sandbox.log().filter((r) => r.path.includes('getAllContacts')).map((r) => r.query.skip)).toEqual(['0', '1000', '2000']);
	const some = await run(sandbox, { items: [{}], parameters: list({ operation: 'getContacts', contactList: { __rl: true, mode: 'id', value: made._id }, limit: 5 }), typeVersion: 1.1 });
	expect(some.success).toHaveLength(5);
});

test('an app without the Campaign Management scope: the node stops naming that scope, and the fix', async () => {
	sandbox.configure({ campaignScope: false });
	const result = await run(sandbox, { items: [{}], parameters: list({ operation: 'getAll', returnAll: true }), typeVersion: 1.1 });
	expect(result.error?.message).toBe('The Kore.ai app is missing the "Campaign Management" scope: Kore.ai said "Permission denied. Scope is incorrect!"');
	expect(result.error?.description).toContain('give the JWT app the Contact Center scope "Campaign Management"');
	expect(campaignCalls().length).toBe(1);
	expectNoSecretsLeaked(sandbox);
});
