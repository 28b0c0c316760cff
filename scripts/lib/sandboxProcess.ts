// The sandbox in a process of its own, for measurements: it then competes with neither the client
// nor n8n for the same event loop. Controlled through its /__admin routes.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { request } from 'undici';

import { repoRoot } from './paths';

export interface SandboxProcessOptions {
	seed: number;
	requestsPerMinute: number;
	windowSeconds: number;
	maxRecords?: number;
}

export class SandboxProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {}

	static async start(options: SandboxProcessOptions): Promise<SandboxProcess> {
		const args = [
			'--import',
			'tsx',
			join(repoRoot, 'sandbox', 'cli.ts'),
			'--port=0',
			`--seed=${options.seed}`,
			`--requests-per-minute=${options.requestsPerMinute}`,
			`--window-seconds=${options.windowSeconds}`,
			`--max-records=${options.maxRecords ?? 1000}`,
			'--no-log-bodies',
		];
		const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
		const url = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout?.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				const match = /listening on (http:\/\/\S+)/.exec(out);
				if (match) resolve(match[1]);
			});
			child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
		});
		return new SandboxProcess(child, url);
	}

	async admin(method: string, path: string, body?: unknown): Promise<any> {
		const response = await request(`${this.url}/__admin/${path}`, {
			method: method as 'GET',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return await response.body.json();
	}

	credentials(): Promise<{ host: string; streamId: string; accountId: string; clientId: string; clientSecret: string }> {
		return this.admin('GET', 'credentials');
	}

	async stop() {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		await exited;
	}
}
