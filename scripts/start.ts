// `npm start`: the product working, in one command. Builds the package, starts the sandbox with demo
// contacts, installs n8n 2.41.1 on first use, starts it (once) with this package installed as users
// get it, an owner account, a credential and the example workflows; runs each once on it, shows the
// trigger examples delivering a change and a call's outcome, a pre-call answer, and reports.
// `npm start -- --once` stops there (non-zero exit when the run failed); otherwise the editor keeps
// running until Ctrl-C. KORE_HOST, KORE_STREAM_ID, KORE_ACCOUNT_ID, KORE_CLIENT_ID and
// KORE_CLIENT_SECRET point the credential at a real Kore.ai account instead (then the example is
// only run with --run-example, since it would update real contacts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { DEMO_CAMPAIGN, startSandbox, type KoreSandbox } from '../sandbox';
import { N8nInstance, OWNER } from './lib/n8nInstance';
import { N8N_V2 } from './lib/n8nInstall';
import { cacheDir, repoRoot } from './lib/paths';
import { preferredPort } from './lib/ports';
import { formatWorkflowReport } from './lib/report';
import { preCallExample, showPreCallExample } from './lib/preCallDemo';
import { outcomesExample, publicApi, runOnServer, showOutcomeTrigger, showTriggerExample, triggerExample } from './lib/triggerDemo';

// The campaign examples run last and in this order: the segment reaches the list and starts the demo
// campaign, whose calls the outcomes example then reads back.
const WORKFLOW_FILES = ['bulk-update-contacts.json', 'contacts-operations.json', 'sync-sheet-to-kore.json', 'import-csv-file.json', 'crm-segment-to-campaign.json', 'campaign-outcomes-per-row.json'].map((name) => join(repoRoot, 'examples', name));
const CREDENTIAL_FILE = join(repoRoot, 'examples', 'sandbox-credential.json');

function step(message: string) {
	console.log(`\n== ${message}`);
}

function realAccount() {
	const names = ['KORE_HOST', 'KORE_STREAM_ID', 'KORE_ACCOUNT_ID', 'KORE_CLIENT_ID', 'KORE_CLIENT_SECRET'] as const;
	const given = names.filter((name) => process.env[name]);
	if (given.length === 0) return undefined;
	if (given.length < names.length) {
		throw new Error(`Set all of ${names.join(', ')} to use a real Kore.ai account (missing: ${names.filter((n) => !process.env[n]).join(', ')})`);
	}
	return {
		host: process.env.KORE_HOST!,
		streamId: process.env.KORE_STREAM_ID!,
		accountId: process.env.KORE_ACCOUNT_ID!,
		clientId: process.env.KORE_CLIENT_ID!,
		clientSecret: process.env.KORE_CLIENT_SECRET!,
	};
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			once: { type: 'boolean', default: false },
			'run-example': { type: 'boolean', default: false },
			port: { type: 'string', default: process.env.N8N_PORT ?? '5678' },
			'sandbox-port': { type: 'string', default: process.env.SANDBOX_PORT ?? '4010' },
		},
	});
	const started = Date.now();
	const account = realAccount();

	step('Building the package');
	const build = spawnSync('npm', ['run', 'build:raw', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
	if (build.status !== 0) return 1;

	let sandbox: KoreSandbox | undefined;
	if (!account) {
		step('Starting the Kore.ai sandbox');
		sandbox = await startSandbox({ port: await preferredPort(Number(values['sandbox-port'])), seedCount: 25, demoCampaign: true });
		console.log(`Sandbox on ${sandbox.url} with ${sandbox.store.size} demo contacts and the campaign "${DEMO_CAMPAIGN.name}"`);
	}

	step(`Preparing n8n ${N8N_V2} (installed once into ${cacheDir()})`);
	const n8n = N8nInstance.prepare({ version: N8N_V2, userFolder: join(cacheDir(), 'demo-n8n') });
	// The Kore.ai credential, and the pre-call example's header secret.
	const [credential, preCallCredential] = JSON.parse(readFileSync(CREDENTIAL_FILE, 'utf8'));
	credential.name = account ? 'Kore.ai account' : 'Kore.ai sandbox';
	credential.data = account ?? sandbox!.credentials();
	// Imported when they changed (n8n's import is a start of n8n of its own: seconds).
	const credentialMarker = join(n8n.userFolder, '.example-credential');
	const credentialText = JSON.stringify([credential, preCallCredential]);
	if (!existsSync(credentialMarker) || readFileSync(credentialMarker, 'utf8') !== credentialText) {
		await n8n.importCredentials([credential, preCallCredential]);
		writeFileSync(credentialMarker, credentialText);
	}
	const workflows = WORKFLOW_FILES.map((file) => JSON.parse(readFileSync(file, 'utf8')));
	for (const workflow of workflows) {
		// Imported once: later runs keep the changes people make to the examples in the editor.
		const imported = join(n8n.userFolder, `.example-imported-${workflow.id}`);
		if (existsSync(imported)) continue;
		await n8n.importWorkflows([workflow]);
		writeFileSync(imported, new Date().toISOString());
		console.log(`Example workflow "${workflow.name}" imported`);
	}

	step(values.once ? `Starting n8n ${N8N_V2}` : `Starting the n8n editor (${N8N_V2})`);
	await n8n.start(await preferredPort(Number(values.port)));
	await n8n.login();
	const api = await publicApi(n8n);

	let failedRun = false;
	if (!account || values['run-example']) {
		for (const workflow of workflows) {
			step(`Running "${workflow.name}" once`);
			const execution = await runOnServer(n8n, api, workflow).catch((error: Error) => (console.log(error.message), undefined));
			const report = execution ? formatWorkflowReport(execution, workflow) : { ok: false, text: '' };
			console.log(report.text);
			failedRun ||= !report.ok;
		}
	} else {
		console.log('\nA real Kore.ai account is configured: the example was not run (use --run-example to run it).');
	}
	const live: Array<{ id?: string; name: string; what: string }> = [];
	if (sandbox) {
		const demos = [
			{ name: triggerExample.name, what: 'it polls the sandbox every minute', intro: 'activated, its first poll only takes note of the list', show: () => showTriggerExample(n8n, sandbox!, api) },
			{ name: outcomesExample.name, what: "it polls the demo campaign's outcomes every minute", intro: "activated on the demo campaign's calls, its first poll only takes note", show: () => showOutcomeTrigger(n8n, sandbox!, api) },
			{ name: preCallExample.name, what: 'its Production URL answers pre-call requests', intro: 'activated, asked as a campaign asks before each dial', show: () => showPreCallExample(n8n, api) },
		];
		for (const demo of demos) {
			step(`"${demo.name}": ${demo.intro}`);
			const shown = await demo.show().catch((error: Error) => ({ ok: false, text: error.message, id: undefined }));
			console.log(shown.text);
			live.push({ id: shown.id, name: demo.name, what: demo.what });
			failedRun ||= !shown.ok;
		}
	}
	console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

	if (values.once) {
		await n8n.stop();
		await sandbox?.stop();
		return failedRun ? 1 : 0;
	}

	for (const workflow of workflows) console.log(`Open ${n8n.url}/workflow/${workflow.id} ("${workflow.name}")`);
	for (const { id, name, what } of live) if (id) console.log(`Open ${n8n.url}/workflow/${id} ("${name}", active: ${what})`);
	console.log(`and sign in as ${OWNER.email} / ${OWNER.password}`);
	console.log('Run the workflow there, look at both outputs of Kore.ai Contacts, change it. Ctrl-C stops n8n and the sandbox.');
	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	console.log('\nStopping n8n and the sandbox...');
	await n8n.stop();
	await sandbox?.stop();
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	},
);
