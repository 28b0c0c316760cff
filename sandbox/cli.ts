// `npm run sandbox`: a local Kore.ai Contacts API in the foreground, seeded with demo contacts.
import { parseArgs } from 'node:util';

import { startSandbox } from './server';

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: process.env.SANDBOX_PORT ?? '4010' },
			seed: { type: 'string', default: '25' },
			'requests-per-minute': { type: 'string', default: '60' },
			'window-seconds': { type: 'string', default: '60' },
			'no-retry-after': { type: 'boolean', default: false },
			/** A refused request counts in the window too (Kore does not say whether it does). */
			'count-refused': { type: 'boolean', default: false },
			'max-records': { type: 'string', default: '1000' },
			'no-log-bodies': { type: 'boolean', default: false },
			store: { type: 'string' },
		},
	});
	const sandbox = await startSandbox({
		port: Number(values.port),
		seedCount: Number(values.seed),
		maxRecordsPerRequest: Number(values['max-records']),
		storeFile: values.store,
		rateLimit: {
			requestsPerWindow: Number(values['requests-per-minute']),
			windowMs: Number(values['window-seconds']) * 1000,
			sendRetryAfter: !values['no-retry-after'],
			countRefused: values['count-refused'],
		},
	});
	// Benchmarks turn body logging off: keeping every request body costs memory and time.
	sandbox.logBodies = !values['no-log-bodies'];
	const credentials = sandbox.credentials();
	console.log(`Kore.ai Contacts sandbox listening on ${sandbox.url}`);
	console.log(`Bulk update:  PUT ${sandbox.contactsUrl}/bulk-update`);
	console.log(`Contacts:     ${sandbox.store.size} seeded (GET ${sandbox.url}/__admin/store)`);
	console.log('Credential values for "Kore.ai API" in n8n:');
	for (const [name, value] of Object.entries(credentials)) console.log(`  ${name.padEnd(13)} ${value}`);
	console.log('Ctrl-C stops it.');
	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
