// Debian's Redis and PostgreSQL for n8n's queue mode, each on 127.0.0.1 and a free port, with its
// data in a temporary folder, installed with apt-get when missing and stopped (folder removed) after.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './ports';

function log(message: string) {
	process.stderr.write(`[services] ${message}\n`);
}

function run(command: string, args: string[]) {
	// Execution data read back from PostgreSQL runs to megabytes: more than spawnSync's default buffer.
	const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 2 ** 20 });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}): ${result.error?.message ?? result.stderr}`);
	return result.stdout;
}

function sleep(ms: number) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Debian package that brings `binary`, installed when missing. */
function ensurePackage(found: () => boolean, debianPackage: string) {
	if (found()) return;
	log(`installing Debian's ${debianPackage} (apt-get)`);
	run('apt-get', ['update', '-qq']);
	const install = spawnSync('apt-get', ['install', '-y', '-qq', debianPackage], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (install.status !== 0 || !found()) throw new Error(`apt-get install ${debianPackage} failed`);
}

function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const version = readdirSync(root).sort().pop();
	return version && existsSync(join(root, version, 'bin', 'initdb')) ? join(root, version, 'bin') : undefined;
}

async function waitFor(what: string, ready: () => boolean, child: ChildProcess, output: () => string) {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${output()}`);
		if (ready()) return;
		await sleep(200);
	}
	throw new Error(`${what} did not start in 30 s: ${output()}`);
}

export interface Service {
	port: number;
	stop(): Promise<void>;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

export async function startRedis(): Promise<Service> {
	ensurePackage(() => spawnSync('redis-server', ['--version']).status === 0, 'redis-server');
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'kore-redis-'));
	let output = '';
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitFor('redis-server', () => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG', child, () => output);
	log(`Redis on 127.0.0.1:${port}`);
	return {
		port,
		stop: async () => {
			await stopChild(child, 'SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export interface Postgres extends Service {
	database: string;
	user: string;
	/** psql on the database, as its superuser; returns what it printed. */
	query(sql: string): string;
}

const isRoot = () => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, its folder and process belong to the postgres user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startPostgres(): Promise<Postgres> {
	// As root, PostgreSQL runs as the postgres user, which Debian's package creates: a machine with
	// the binaries but without that user gets the package too.
	const hasUser = () => spawnSync('id', ['-u', 'postgres']).status === 0;
	ensurePackage(() => postgresBin() !== undefined && (!isRoot() || hasUser()), 'postgresql');
	const bin = postgresBin() as string;
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'kore-postgres-'));
	const data = join(dir, 'data');
	if (isRoot()) {
		const uid = Number(run('id', ['-u', 'postgres']).trim());
		const gid = Number(run('id', ['-g', 'postgres']).trim());
		chownSync(dir, uid, gid);
	}
	const [initCommand, initArgs] = asPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	run(initCommand, initArgs);
	let output = '';
	const [command, args] = asPostgres(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitFor('postgres', () => spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0, child, () => output);
	const query = (sql: string) => run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'n8n', '-At', '-c', sql]);
	run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', 'CREATE DATABASE n8n']);
	log(`PostgreSQL on 127.0.0.1:${port}`);
	return {
		port,
		database: 'n8n',
		user: 'postgres',
		query,
		stop: async () => {
			// SIGINT: PostgreSQL's fast shutdown.
			await stopChild(child, 'SIGINT');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The environment of every n8n process of a queue-mode set-up: the queue on Redis, the database on PostgreSQL. */
export function queueModeEnv(redis: Service, postgres: Postgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
	};
}
