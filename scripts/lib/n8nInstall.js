// Installs a version of n8n into the cache folder once, the way that works from the npm registry
// alone: without install scripts (one dependency downloads from elsewhere in its own), then only
// the native modules the default SQLite setup needs are rebuilt. Later runs reuse it in seconds.
//
// Plain CommonJS, like scripts/bootstrap.js: the bootstrap starts the install of n8n beside its own
// `npm ci` on a new machine, before anything is compiled; the TypeScript scripts use it through its .d.ts.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { cacheDir } = require('../bootstrap');

// The n8n versions the project is tested on, named here alone: the end-to-end and queue suites,
// npm start and the benchmark install these, and a unit test holds the README's "Tested on" line to
// them. The latest of each line that installs from the npm registry: 2.41.3 (n8n's latest today)
// depends on 21 n8n packages the registry does not serve (@n8n/agents@0.26.2, n8n-core@2.41.2,
// n8n-editor-ui@2.41.1, ...), so 2.x stays at 2.41.1 until they appear.
const N8N_V2 = '2.41.1';
const N8N_V1 = '1.123.81';

function log(message) {
	process.stderr.write(`[n8n] ${message}\n`);
}

// A line every few seconds while npm works silently: the step, what moved (megabytes received by
// this machine, which grows while npm downloads; packages unpacked into node_modules, which grows
// only once the downloads are done) and the time so far. A process of its own, so that the install
// itself can stay synchronous.
const PROGRESS = `
const { readFileSync, readdirSync } = require('node:fs');
const [what, folder] = process.argv.slice(1);
const started = Date.now();
const packages = () => {
  try {
    return readdirSync(folder).reduce((n, name) => n + (name.startsWith('@') ? readdirSync(folder + '/' + name).length : 1), 0);
  } catch { return 0; }
};
// Bytes received on every interface but loopback (Linux); undefined where it cannot be read.
const received = () => {
  try {
    return readFileSync('/proc/net/dev', 'utf8').split('\\n').slice(2).reduce((sum, line) => {
      const [name, data] = line.split(':');
      return !data || name.trim() === 'lo' ? sum : sum + Number(data.trim().split(/\\s+/)[0]);
    }, 0);
  } catch { return undefined; }
};
const before = received();
setInterval(() => {
  const seconds = Math.round((Date.now() - started) / 1000);
  const now = received();
  const downloaded = before === undefined || now === undefined ? '' : Math.round((now - before) / 1e6) + ' MB downloaded, ';
  process.stderr.write('[n8n] ' + what + ': ' + downloaded + packages() + ' packages in node_modules, ' + Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s so far\\n');
}, Number(process.env.KORE_PROGRESS_MS || 5000));
`;

function npm(args, cwd, what, env = process.env) {
	const started = Date.now();
	log(`${what}: npm ${args.join(' ')}  (in ${cwd})`);
	const progress = spawn(process.execPath, ['-e', PROGRESS, what, join(cwd, 'node_modules')], { stdio: ['ignore', 'ignore', 'inherit'] });
	try {
		const result = spawnSync('npm', args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env });
		if (result.status !== 0) throw new Error(`npm ${args[0]} failed with exit code ${result.status}`);
	} finally {
		progress.kill();
	}
	log(`  ${what}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Whether this version of n8n is in the cache folder already. */
function n8nInstalled(version) {
	const folder = join(cacheDir(), `n8n-${version}`);
	return existsSync(join(folder, '.installed')) && existsSync(join(folder, 'node_modules', 'n8n', 'bin', 'n8n'));
}

/** The path of the `n8n` command of this version, installing it first when needed. */
function ensureN8n(version) {
	const folder = join(cacheDir(), `n8n-${version}`);
	const bin = join(folder, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = join(folder, '.installed');
	if (existsSync(marker) && existsSync(bin)) return bin;
	const started = Date.now();
	log(`installing n8n ${version} into ${folder}: the first time takes several minutes (about 6 for 2.x, 4 for 1.x)`);
	mkdirSync(folder, { recursive: true });
	const manifest = { name: `n8n-${version}-cache`, private: true, dependencies: { n8n: version } };
	// 1.x depends on a tarball outside the registry (xlsx from cdn.sheetjs.com); 0.18.5 is the last on npm.
	if (version.startsWith('1.')) manifest.overrides = { xlsx: '0.18.5' };
	writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], folder, `downloading n8n ${version} and its packages`);
	// node-gyp compiles on one core unless told otherwise (JOBS): sqlite3 is built from source here.
	// npm 11 warns there that n8n's other install scripts are "not yet covered by allowScripts": only
	// these two are wanted (the rest download from outside the registry), so its warnings are off.
	npm(['rebuild', 'sqlite3', 'isolated-vm', '--loglevel=error'], folder, 'building the database and sandbox modules', { ...process.env, JOBS: 'max' });
	writeFileSync(marker, new Date().toISOString());
	log(`n8n ${version} installed in ${((Date.now() - started) / 60000).toFixed(1)} min`);
	return bin;
}

module.exports = { N8N_V1, N8N_V2, ensureN8n, n8nInstalled };

if (require.main === module) {
	const versions = process.argv.slice(2);
	for (const version of versions.length ? versions : [N8N_V2]) console.log(ensureN8n(version));
}
