/** n8n in queue mode: Redis, PostgreSQL, a main instance and workers. Run with `npm run test:queue`. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	testTimeout: 300_000,
	maxWorkers: 1,
	// Every process the tests start is stopped in afterAll; Node's fetch keeps idle keep-alive sockets
	// to the stopped n8n for a few seconds, which jest would otherwise wait on.
	forceExit: true,
};
