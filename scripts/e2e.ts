// `npm run test:e2e`: everything the end-to-end tests need, then the tests. Debian's Chromium is
// installed when missing (never a browser a tool downloads itself), n8n 2.x and 1.x into the cache.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { ensureN8n, N8N_V1, N8N_V2 } from './lib/n8nInstall';
import { repoRoot } from './lib/paths';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]) {
	const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	console.log(`[e2e] ${CHROMIUM} is missing: installing Debian's chromium package (about a minute)`);
	run('apt-get', ['update', '-qq']);
	run('apt-get', ['install', '-y', '-qq', 'chromium']);
}

function main() {
	const started = Date.now();
	run('npm', ['run', 'build:raw', '--silent']);
	ensureChromium();
	for (const version of [N8N_V2, N8N_V1]) ensureN8n(version);
	console.log(`[e2e] ready in ${((Date.now() - started) / 1000).toFixed(0)} s; running the tests`);
	const jest = spawnSync('npx', ['jest', '-c', 'jest.e2e.config.js', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
	process.exit(jest.status ?? 1);
}

main();
