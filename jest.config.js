/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// Engine tests start real servers and run n8n's engine: give them room, but no test should need it.
	testTimeout: 60_000,
	setupFiles: ['<rootDir>/test/support/env.ts'],
};
