// An earlier commit of this package, built from git in a temporary worktree (sharing this
// checkout's node_modules), so the benchmark measures it beside this checkout in one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repoRoot } from './paths';

export interface BuiltCheckout {
	/** The worktree: package.json and dist, as npm would pack them. */
	root: string;
	remove(): void;
}

export function buildCommit(commit: string, log: (m: string) => void): BuiltCheckout {
	const root = mkdtempSync(join(tmpdir(), 'kore-baseline-'));
	const run = (command: string, args: string[], cwd: string) => {
		const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
	};
	run('git', ['worktree', 'add', '--detach', root, commit], repoRoot);
	const remove = () => {
		spawnSync('git', ['worktree', 'remove', '--force', root], { cwd: repoRoot });
		rmSync(root, { recursive: true, force: true });
	};
	try {
		symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
		log(`building the node of ${commit.slice(0, 7)} in ${root}`);
		run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], root);
		run(process.execPath, [join(repoRoot, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build:icons'], root);
		return { root, remove };
	} catch (error) {
		remove();
		throw error;
	}
}
