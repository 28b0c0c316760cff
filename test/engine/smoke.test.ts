import { startSandbox, demoContactId, type KoreSandbox } from '../../sandbox';
import { runBulkUpdate } from '../support/engine';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 5 });
});
afterAll(async () => sandbox.stop());

test('smoke', async () => {
	const result = await runBulkUpdate({
		credentials: { ...sandbox.credentials() },
		items: [
			{ id: demoContactId(0), firstName: 'john', lastName: 'doee', salutation: 'mr', cellPhone: { phoneNumber: '24456', countryCode: '+91', extension: '+' } },
			{ id: 'nope', firstName: 'x', lastName: 'y', salutation: 'mr', phoneNumber: '123 45', countryCode: '91', extension: '+' },
		],
	});
	console.log(JSON.stringify({ s: result.success, f: result.failed, e: result.error }, null, 1));
	console.log(JSON.stringify(sandbox.log().map((l) => [l.status, l.jwt])));
});
