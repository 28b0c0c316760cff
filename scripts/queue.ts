// `npm run test:queue`: n8n in queue mode (main instance, 2 workers, Redis, PostgreSQL) with this
// package, against the sandbox. Debian's redis-server and postgresql are installed when missing (by
// the tests), n8n 2.x into the cache.
import { spawnSync } from 'node:child_process';

import { ensureN8n, N8N_V2 } from './lib/n8nInstall';
import { repoRoot } from './lib/paths';

const build = spawnSync('npm', ['run', 'build:raw', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
ensureN8n(N8N_V2);
const jest = spawnSync('npx', ['jest', '-c', 'jest.queue.config.js', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
process.exit(jest.status ?? 1);
