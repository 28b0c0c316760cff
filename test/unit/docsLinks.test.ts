// Every link of the pages people read (README, CONTRIBUTING, CHANGELOG, docs/) resolves: a relative
// link to a file that exists, an anchor to a heading of that page (GitHub's way of naming them).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';

const root = join(__dirname, '..', '..');
const pages = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
export function slug(heading: string) {
	return heading
		.trim()
		.toLowerCase()
		.replace(/`/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function anchorsOf(file: string) {
	const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const [, heading] of text.matchAll(/^#{1,6} (.+)$/gm)) {
		const base = slug(heading);
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		anchors.add(n === 0 ? base : `${base}-${n}`);
	}
	return anchors;
}

function linksOf(file: string) {
	const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target).filter((target) => !/^(https?:|mailto:)/.test(target));
}

test('the pages exist, and README is the installer\'s page: at most about 250 lines', () => {
	for (const page of ['README.md', 'CONTRIBUTING.md', 'docs/operations.md', 'docs/reliability.md', 'docs/performance.md', 'docs/scale.md', 'docs/sandbox.md', 'docs/BENCHMARKS.md']) {
		expect(existsSync(join(root, page))).toBe(true);
	}
	expect(readFileSync(join(root, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(260);
});

test.each(pages)('every link of %s resolves, anchors included', (page) => {
	const file = join(root, page);
	const broken: string[] = [];
	for (const link of linksOf(file)) {
		const [path, anchor] = link.split('#');
		const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
		if (!existsSync(target)) {
			broken.push(`${link}: no file ${relative(root, target)}`);
			continue;
		}
		if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor)) broken.push(`${link}: no heading #${anchor} in ${relative(root, target)}`);
	}
	expect(broken).toEqual([]);
});

test('the slugs are GitHub\'s', () => {
	expect(slug("Kore's rate limit, and how the node behaves under it")).toBe('kores-rate-limit-and-how-the-node-behaves-under-it');
	expect(slug('7. Requests per operation, against the version before')).toBe('7-requests-per-operation-against-the-version-before');
	expect(slug('Create or Update (matched by phone number)')).toBe('create-or-update-matched-by-phone-number');
});

test("the README's tested versions are the ones the end-to-end suites and npm start install (scripts/lib/n8nInstall.js)", () => {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	expect(readme).toMatch(new RegExp(`Tested on \\*\\*n8n ${N8N_V2.replace(/\./g, '\\.')}\\*\\* and \\*\\*n8n ${N8N_V1.replace(/\./g, '\\.')}\\*\\*`));
});
