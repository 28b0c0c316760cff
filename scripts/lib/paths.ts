// Where the project keeps what it installs outside the repository (the same folder the bootstrap uses).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function cacheDir(): string {
	if (process.env.KORE_NODES_CACHE) return resolve(process.env.KORE_NODES_CACHE);
	return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-kore-ai');
}

export const repoRoot = resolve(__dirname, '..', '..');
