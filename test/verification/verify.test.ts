// `npm run lint` must fail when n8n's verification would: each check is broken on a copy of the
// project and must say so (the real project passing is `npm run lint` itself).
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
let copy: string;

beforeAll(() => {
	copy = mkdtempSync(join(tmpdir(), 'kore-verify-'));
	const files = spawnSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).stdout.split('\n');
	for (const file of files.filter((f) => f && !f.startsWith('docs/') && !f.startsWith('test/'))) {
		mkdirSync(dirname(join(copy, file)), { recursive: true });
		cpSync(join(root, file), join(copy, file));
	}
	symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function verify(only: string) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'verify.ts'), '--root', copy, '--only', only], { cwd: root, encoding: 'utf8' });
	return { code: result.status, output: result.stdout + result.stderr };
}

test('the untouched copy passes every check', () => {
	for (const only of ['workflows', 'cli', 'scanner']) {
		const result = verify(only);
		if (result.code !== 0) console.log(result.output);
		expect(result.code).toBe(0);
	}
}, 120_000);

test('a broken workflow file fails the workflow check', () => {
	appendFileSync(join(copy, '.github', 'workflows', 'ci.yml'), '  bogus:\n    runs-on: 3\n    steps: none\n');
	const result = verify('workflows');
	expect(result.code).toBe(1);
	expect(result.output).toContain('[verify] FAILED: GitHub workflow files (action-validator)');
	expect(result.output).toContain('ci.yml');
}, 60_000);

test('a timer in node code fails n8n-node lint', () => {
	appendFileSync(join(copy, 'nodes', 'KoreAiContacts', 'transport', 'waiting.ts'), '\nexport const tick = () => setTimeout(() => undefined, 1);\n');
	const result = verify('cli');
	expect(result.code).toBe(1);
	expect(result.output).toContain('[verify] FAILED: n8n-node lint (strict)');
	expect(result.output).toContain('no-restricted-globals');
}, 60_000);

test("console output in node code fails n8n's scanner", () => {
	appendFileSync(join(copy, 'nodes', 'KoreAiContacts', 'helpers', 'phone.ts'), "\nexport const shout = () => console.log('hi');\n");
	const result = verify('scanner');
	expect(result.code).toBe(1);
	expect(result.output).toContain("[verify] FAILED: n8n's scanner on the source and the tarball");
	expect(result.output).toContain('no-console');
}, 120_000);
