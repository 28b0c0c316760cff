// The checks n8n's verification runs, on this repository (part of `npm run lint`):
// - n8n's scanner (@n8n/scan-community-package), its exported `analyzePackage`, on the source with its
//   SOURCE_FILE_PATTERNS and on the tarball `npm pack` makes (compiled .js and package.json), exactly
//   as `analyzePackageByName` does after downloading both;
// - `n8n-node lint` from @n8n/node-cli, in strict mode: on package.json, nodes/ and credentials/ with
//   n8n's default ESLint config, unchanged (this repository's own config also lints tests and scripts
//   under other rules, which strict mode would refuse);
// - the GitHub workflow files, through @action-validator/cli.
// `--only scanner|cli|workflows` runs one of them; `--root DIR` checks another copy of the project.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { repoRoot } from './lib/paths';

const scannerFolder = join(repoRoot, 'scripts', 'scanner');

function run(command: string, args: string[], cwd: string) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
	return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** The scanner is installed apart (see scripts/scanner/package.json), on first use and after its lock changes. */
function ensureScanner() {
	const installed = join(scannerFolder, 'node_modules', '.package-lock.json');
	if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(scannerFolder, 'package-lock.json')).mtimeMs) return;
	console.log('[verify] installing n8n\'s scanner into scripts/scanner (once)');
	const install = run('npm', ['ci', '--no-audit', '--no-fund'], scannerFolder);
	if (!install.ok) throw new Error(`npm ci in scripts/scanner failed:\n${install.output}`);
}

async function scanner(root: string): Promise<string | undefined> {
	ensureScanner();
	const module = join(scannerFolder, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(module).href);
	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	const build = run('npm', ['run', 'build:raw', '--silent'], root);
	if (!build.ok) return `the build failed:\n${build.output}`;
	const packed = mkdtempSync(join(tmpdir(), 'kore-pack-'));
	try {
		const pack = run('npm', ['pack', '--silent', '--pack-destination', packed], root);
		if (!pack.ok) return `npm pack failed:\n${pack.output}`;
		const tarball = readdirSync(packed).find((name) => name.endsWith('.tgz'));
		run('tar', ['-xzf', join(packed, tarball as string), '-C', packed], packed);
		const tarballResult = await analyzePackage(join(packed, 'package'), ['**/*.js', 'package.json']);
		const failed = [source, tarballResult].filter((r) => !r.passed);
		return failed.length ? failed.map((r) => `${r.message}\n${r.details ?? ''}`).join('\n') : undefined;
	} finally {
		rmSync(packed, { recursive: true, force: true });
	}
}

function cli(root: string): string | undefined {
	const stage = join(root, '.verification', 'n8n-node');
	rmSync(stage, { recursive: true, force: true });
	mkdirSync(stage, { recursive: true });
	for (const part of ['package.json', 'tsconfig.json', 'nodes', 'credentials']) cpSync(join(root, part), join(stage, part), { recursive: true });
	const cliFolder = join(repoRoot, 'node_modules', '@n8n', 'node-cli');
	cpSync(join(cliFolder, 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs'), join(stage, 'eslint.config.mjs'));
	symlinkSync(join(repoRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');
	const lint = run(process.execPath, [join(cliFolder, 'bin', 'n8n-node.mjs'), 'lint'], stage);
	return lint.ok ? undefined : lint.output;
}

function workflows(root: string): string | undefined {
	const folder = join(root, '.github', 'workflows');
	const files = existsSync(folder) ? readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)) : [];
	if (files.length === 0) return 'no workflow files in .github/workflows';
	const validator = join(repoRoot, 'node_modules', '.bin', 'action-validator');
	const problems = files.flatMap((file) => {
		const check = run(validator, [join(folder, file)], root);
		return check.ok ? [] : [`${file}:\n${check.output}`];
	});
	return problems.length ? problems.join('\n') : undefined;
}

async function main() {
	// eslint-plugin-n8n-nodes-base treats every file as a test fixture under NODE_ENV=test (as jest sets it).
	delete process.env.NODE_ENV;
	const { values } = parseArgs({ options: { only: { type: 'string' }, root: { type: 'string' } } });
	const root = resolve(values.root ?? repoRoot);
	const checks: Array<[string, () => Promise<string | undefined> | string | undefined]> = [
		['workflows', () => workflows(root)],
		['cli', () => cli(root)],
		['scanner', () => scanner(root)],
	];
	let failed = false;
	for (const [name, check] of checks) {
		if (values.only && values.only !== name) continue;
		const started = Date.now();
		const problem = await check();
		const label = { workflows: 'GitHub workflow files (action-validator)', cli: 'n8n-node lint (strict)', scanner: "n8n's scanner on the source and the tarball" }[name];
		console.log(`[verify] ${problem ? 'FAILED' : 'passed'}: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		if (problem) {
			console.log(problem.trim());
			failed = true;
		}
	}
	process.exit(failed ? 1 : 0);
}

void main();
