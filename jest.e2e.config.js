/** End-to-end tests: real n8n processes and a real browser. Run with `npm run test:e2e`. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	testTimeout: 300_000,
	maxWorkers: 1,
};
