// A real n8n, installed from the npm registry, with this package installed the way users get it
// (copied into <user folder>/.n8n/nodes/node_modules/n8n-nodes-kore-ai). Used by `npm start`, the
// end-to-end tests and the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { request } from 'undici';

import { ensureN8n } from './n8nInstall';
import { repoRoot } from './paths';
import { freePort } from './ports';

export const PACKAGE_NAME = 'n8n-nodes-kore-ai';
export const NODE_TYPE = `${PACKAGE_NAME}.koreAiContacts`;

export const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'KoreDemo-2026',
};

export interface N8nWorker {
	name: string;
	child: ChildProcess;
	log: string;
	stop(): Promise<void>;
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface InstanceOptions {
	version: string;
	/** Kept between runs when given; a fresh temporary folder otherwise. */
	userFolder?: string;
	port?: number;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
	/** Where this package's build is taken from (package.json + dist); this checkout when not given. */
	packageRoot?: string;
}

function sleep(ms: number) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The execution JSON `n8n execute --rawOutput` prints after its log lines. */
export function parseExecuteOutput(stdout: string): any {
	const start = stdout.search(/^\{/m);
	if (start < 0) return undefined;
	try {
		return JSON.parse(stdout.slice(start));
	} catch {
		return undefined;
	}
}

export class N8nInstance {
	readonly bin: string;
	readonly userFolder: string;
	private server?: ChildProcess;
	private serverLog = '';
	port = 0;
	cookie = '';

	private constructor(
		readonly options: InstanceOptions,
		private readonly temporary: boolean,
	) {
		this.bin = ensureN8n(options.version);
		this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), `kore-n8n-${options.version}-`));
	}

	/** Installs n8n when needed and this package's build (package.json + dist) into the user folder. */
	static prepare(options: InstanceOptions): N8nInstance {
		const instance = new N8nInstance(options, options.userFolder === undefined);
		instance.installPackage();
		return instance;
	}

	/**
	 * A running n8n with these credentials and workflows imported and `active` ones made live, the
	 * owner logged in, and an API key for the public API: the set-up of every end-to-end suite.
	 */
	static async serve(options: InstanceOptions, credentials: unknown[], workflows: Array<{ id: string }>, active: string[] = workflows.map((w) => w.id)) {
		const n8n = N8nInstance.prepare(options);
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows(workflows);
		for (const id of active) await n8n.activate(id);
		await n8n.start();
		await n8n.login();
		return { n8n, apiKey: await n8n.createApiKey() };
	}

	installPackage() {
		const target = join(this.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		const root = this.options.packageRoot ?? repoRoot;
		cpSync(join(root, 'package.json'), join(target, 'package.json'));
		cpSync(join(root, 'dist'), join(target, 'dist'), { recursive: true });
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'kore-nodes-demo-encryption-key-0001',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			// Calls n8n makes to its own cloud: nothing answers here, so they are not made at all.
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			// 2.x only: 1.x refuses to start when it does not know a module named here.
			...(this.options.version.startsWith('1.') ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
			N8N_LOG_LEVEL: 'info',
			// Jest sets NODE_ENV=test, under which n8n's logger (and so --rawOutput) prints nothing.
			NODE_ENV: 'production',
			N8N_SECURE_COOKIE: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			DB_SQLITE_POOL_SIZE: '1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...this.options.env,
			...extra,
		};
	}

	/**
	 * Runs an n8n command (import, execute...) to its end. Its output goes to a file, not a pipe: n8n
	 * exits as soon as it is done, and a pipe loses whatever was not yet read (large executions).
	 */
	async cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv });
		const outFile = join(this.userFolder, `cli-${process.pid}-${Date.now()}.out`);
		const errFile = `${outFile}.err`;
		const out = openSync(outFile, 'w');
		const err = openSync(errFile, 'w');
		try {
			const code = await new Promise<number>((resolve, reject) => {
				const child = spawn(process.execPath, [this.bin, ...args], { env, stdio: ['ignore', out, err] });
				child.on('error', reject);
				child.on('close', (status) => resolve(status ?? 1));
			});
			return { code, stdout: readFileSync(outFile, 'utf8'), stderr: readFileSync(errFile, 'utf8') };
		} finally {
			closeSync(out);
			closeSync(err);
			rmSync(outFile, { force: true });
			rmSync(errFile, { force: true });
		}
	}

	private async importFile(kind: 'credentials' | 'workflow', data: unknown) {
		const file = join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(data));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		rmSync(file, { force: true });
		if (result.code !== 0) throw new Error(`n8n import:${kind} failed: ${result.stderr || result.stdout}`);
	}

	importCredentials(credentials: unknown[]) {
		return this.importFile('credentials', credentials);
	}

	importWorkflows(workflows: unknown[]) {
		return this.importFile('workflow', workflows);
	}

	/** `n8n execute --id`: the execution as n8n printed it, and the exit code. */
	async execute(workflowId: string): Promise<{ code: number; execution: any; output: string }> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { code: result.code, execution: parseExecuteOutput(result.stdout), output: result.stdout + result.stderr };
	}

	/** Makes an imported workflow live (its triggers listen once n8n starts): 2.x publishes, 1.x activates. */
	async activate(workflowId: string) {
		const args = this.options.version.startsWith('1.') ? ['update:workflow', `--id=${workflowId}`, '--active=true'] : ['publish:workflow', `--id=${workflowId}`];
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`activating ${workflowId} failed: ${result.stderr || result.stdout}`);
	}

	/** An API key for n8n's public API (after login), to read executions back as plain JSON. */
	async createApiKey(label = 'e2e') {
		const key = await this.rest('POST', '/rest/api-keys', { label, scopes: ['execution:read', 'execution:list'], expiresAt: null });
		const raw = key.body?.data?.rawApiKey ?? key.body?.data?.apiKey;
		if (typeof raw !== 'string') throw new Error(`n8n did not create an API key: ${key.status} ${JSON.stringify(key.body)}`);
		return raw;
	}

	async start(port?: number): Promise<void> {
		this.port = port ?? this.options.port ?? (await freePort());
		const env = this.env({ N8N_PORT: String(this.port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		// Its own process group: a Ctrl-C meant for us must not stop n8n before we stop it in order.
		const server = spawn(process.execPath, [this.bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		this.server = server;
		const collect = (chunk: Buffer) => {
			this.serverLog = (this.serverLog + chunk.toString()).slice(-200_000);
		};
		server.stdout?.on('data', collect);
		server.stderr?.on('data', collect);
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (server.exitCode !== null) throw new Error(`n8n start exited with ${server.exitCode}:\n${this.serverLog.slice(-3000)}`);
			try {
				// 1.x answers readiness before its REST routes are mounted: wait for those too.
				const ready = await request(`${this.url}/healthz/readiness`);
				await ready.body.text();
				const settings = ready.statusCode === 200 ? await request(`${this.url}/rest/settings`) : undefined;
				await settings?.body.text();
				if (settings?.statusCode === 200) return;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		throw new Error(`n8n did not become ready in 120 s:\n${this.serverLog.slice(-3000)}`);
	}

	get log() {
		return this.serverLog;
	}

	/**
	 * `n8n worker` on the same database, queue and user folder (queue mode: options.env carries them).
	 * Its output is collected; `stop` ends it gracefully, `kill` at once (as a crash would).
	 */
	async startWorker(name: string, concurrency = 5): Promise<N8nWorker> {
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_PORT: String(await freePort()) });
		const child = spawn(process.execPath, [this.bin, 'worker', `--concurrency=${concurrency}`], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		const worker: N8nWorker = {
			name,
			child,
			log: '',
			stop: async () => {
				if (child.exitCode !== null || child.signalCode !== null) return;
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			},
		};
		const collect = (chunk: Buffer) => {
			worker.log = (worker.log + chunk.toString()).slice(-500_000);
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		const deadline = Date.now() + 120_000;
		while (!/n8n worker is now ready|Worker started|ready/i.test(worker.log)) {
			if (child.exitCode !== null) throw new Error(`n8n worker ${name} exited with ${child.exitCode}:\n${worker.log.slice(-3000)}`);
			if (Date.now() > deadline) throw new Error(`n8n worker ${name} did not become ready in 120 s:\n${worker.log.slice(-3000)}`);
			await sleep(300);
		}
		return worker;
	}

	/** Stops the server and starts it again on the same port and user folder (an n8n restart). */
	async restart(): Promise<void> {
		await this.stopServer();
		await this.start(this.port);
		if (this.cookie) await this.login();
	}

	async stop(): Promise<void> {
		await this.stopServer();
		if (this.temporary) rmSync(this.userFolder, { recursive: true, force: true });
	}

	private async stopServer(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server && server.exitCode === null) {
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill('SIGTERM');
			const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	}

	/** A REST call to the running n8n, with the login cookie once logged in. */
	async rest(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
		const response = await request(`${this.url}${path}`, {
			method: method as 'GET',
			headers: {
				'content-type': 'application/json',
				...(this.cookie && { cookie: this.cookie }),
				// n8n 2.x refuses browser-less REST calls without it
				'browser-id': 'kore-e2e',
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		let json: any = text;
		try {
			json = JSON.parse(text);
		} catch {
			// keep the text
		}
		const setCookie = response.headers['set-cookie'];
		const auth = (Array.isArray(setCookie) ? setCookie : [setCookie]).find((c) => c?.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		return { status: response.statusCode, body: json };
	}

	/** Owner account (once per user folder), then a login that keeps the cookie. */
	async login() {
		const setup = await this.rest('POST', '/rest/owner/setup', OWNER);
		if (setup.status !== 200) {
			const login = await this.rest('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password });
			if (login.status !== 200) throw new Error(`n8n login failed: ${login.status} ${JSON.stringify(login.body)}`);
		}
		return this.cookie;
	}
}
