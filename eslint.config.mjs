// Two lint regimes, as n8n's verification scanner applies them:
// - package.json, credentials/ and nodes/ under n8n's community-node rules (Cloud-eligible config)
//   and eslint-plugin-n8n-nodes-base's community / credentials / nodes rules;
// - tests, sandbox and scripts under an ordinary TypeScript + Node config (they may use node:http,
//   process and timers, which community nodes may not).
import eslint from '@eslint/js';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeCode = ['credentials/**/*.ts', 'nodes/**/*.ts'];
// The recommended config ignores eslint.config.*; here it is scoped by `files` instead.
const communityRecommended = Object.fromEntries(
	Object.entries(communityNodes.configs.recommended).filter(([key]) => key !== 'ignores'),
);

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n/**', 'docs/**'] },
	{
		files: ['**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		extends: [eslint.configs.recommended],
		languageOptions: { globals: { ...globals.node } },
	},
	{
		files: ['test/**/*.ts'],
		languageOptions: { globals: { ...globals.jest } },
	},
	{
		// Tests and scripts read n8n's and the sandbox's JSON freely; its shape is what they assert.
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		files: [...nodeCode, 'package.json'],
		...communityRecommended,
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Asks for n8n's own docs slugs; a community credential links to its README (as n8n's node-cli config does).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Written for n8n's own single-output nodes; this node has two named outputs by design.
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
		},
	},
	{
		// The scanner ignores inline disables, so the project does too.
		linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
	},
);
