// n8n-core writes an encryption key into $N8N_USER_FOLDER/.n8n/config on first use: keep it in a
// throw-away folder, never the home directory. Runs before each test file imports anything.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER?.startsWith(tmpdir())) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'kore-n8n-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
