// Where the project keeps what it installs outside the repository: the bootstrap's folder.
import { resolve } from 'node:path';

export { cacheDir } from '../bootstrap';

export const repoRoot = resolve(__dirname, '..', '..');
