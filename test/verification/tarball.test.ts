// What `npm publish` would ship: the built node, trigger and credential with their icons and codex, the README,
// LICENSE and package.json; nothing of the tests, sandbox, scripts or examples, no source maps
// pointing at sources that are not shipped, no secret of the sandbox. (npm test builds dist first.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { KoreAiContacts } from '../../nodes/KoreAiContacts/KoreAiContacts.node';
import { SANDBOX_DEFAULTS } from '../../sandbox';

const root = join(__dirname, '..', '..');
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as Array<{
	size: number;
	unpackedSize: number;
	files: Array<{ path: string }>;
}>;
const files = packed.files.map((f) => f.path);

test('the node, the credential, their icons and codex, README, LICENSE and package.json are in it', () => {
	console.log(`npm pack: ${files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`);
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(files).toContain(entry);
	expect(files).toEqual(
		expect.arrayContaining([
			'README.md',
			'LICENSE',
			'package.json',
			'dist/nodes/KoreAiContacts/KoreAiContacts.node.json',
			'dist/nodes/KoreAiContacts/KoreAiContactsTrigger.node.json',
			'dist/nodes/KoreAiContacts/koreai.svg',
			'dist/nodes/KoreAiContacts/koreai.dark.svg',
			'dist/credentials/koreai.svg',
			'dist/credentials/koreai.dark.svg',
		]),
	);
	// Every Contact operation is shipped as its own module (Delete's file is delete.operation.js), and
	// the Contact List resource's folder with its operation table.
	const pickers = new KoreAiContacts().description.properties.filter((p) => p.name === 'operation');
	const operations = pickers.find((p) => p.displayOptions?.show?.resource?.includes('contact'))?.options as Array<{ value: string }>;
	const shipped = files.filter((f) => /^dist\/nodes\/KoreAiContacts\/actions\/contact\/[^/]+\.operation\.js$/.test(f));
	expect(shipped.map((f) => f.split('/').pop()).sort()).toEqual(operations.map((o) => `${o.value}.operation.js`).sort());
	expect(files).toEqual(expect.arrayContaining(['dist/nodes/KoreAiContacts/actions/contactList/index.js', 'dist/nodes/KoreAiContacts/actions/contactList/addContacts.operation.js']));
});

test('nothing else: no tests, sandbox, scripts, examples, sources or source maps', () => {
	const allowed = /^(README\.md|LICENSE|package\.json|dist\/(nodes|credentials)\/.+\.(js|d\.ts|json|svg))$/;
	expect(files.filter((f) => !allowed.test(f))).toEqual([]);
	expect(files.filter((f) => /\.map$|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
});

test('no secret of the sandbox or a signed token in any shipped file', () => {
	for (const file of files) {
		const text = readFileSync(join(root, file), 'utf8');
		expect(text).not.toContain(SANDBOX_DEFAULTS.clientSecret);
		expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./);
	}
});
