// Workflows for the end-to-end runs: Manual Trigger -> a Code node making the input -> Kore.ai
// Contacts -> a node on each output, as a user would build them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SandboxCredentials } from '../../sandbox';

export const CREDENTIAL_ID = 'KoreSandboxCred1';
export const KORE_NODE = 'Kore.ai Contacts';
const examples = join(__dirname, '..', '..', 'examples');

export const exampleWorkflow = JSON.parse(readFileSync(join(examples, 'bulk-update-contacts.json'), 'utf8'));

export function credentialFor(sandbox: SandboxCredentials) {
	return { id: CREDENTIAL_ID, name: 'Kore.ai sandbox', type: 'koreAiApi', data: { ...sandbox } };
}

/** A workflow whose Code node runs `jsCode` and whose Kore.ai node gets these parameters. */
export function workflow(id: string, name: string, jsCode: string, koreParameters: Record<string, unknown> = {}) {
	const base = exampleWorkflow;
	return {
		...base,
		id,
		name,
		nodes: base.nodes.map((node: any) => {
			if (node.name === 'Example rows') return { ...node, parameters: { jsCode } };
			if (node.name === KORE_NODE) {
				return {
					...node,
					parameters: { ...node.parameters, ...koreParameters, options: { ...node.parameters.options, ...(koreParameters.options as object) } },
				};
			}
			return node;
		}),
	};
}

/** Code that makes `count` items updating demo contacts from..from+count-1, in the flat shape. */
export function demoItemsCode(count: number, from = 0, edit = '') {
	return `const items = [];
for (let n = ${from}; n < ${from + count}; n++) {
  const item = {
    id: '6964af60' + n.toString(16).padStart(16, '0'),
    firstName: 'e2e', lastName: 'run-' + n, salutation: 'mr',
    phoneNumber: '9' + String(n).padStart(9, '0'), countryCode: '+91', extension: '+',
  };
  ${edit}
  items.push({ json: item });
}
return items;`;
}

export const contactsExample = JSON.parse(readFileSync(join(examples, 'contacts-operations.json'), 'utf8'));
export const syncExample = JSON.parse(readFileSync(join(examples, 'sync-sheet-to-kore.json'), 'utf8'));
export const importExample = JSON.parse(readFileSync(join(examples, 'import-csv-file.json'), 'utf8'));

/**
 * Manual Trigger -> Code (`jsCode` makes the input) -> [Convert to File, for a CSV] -> Kore.ai Contacts
 * with `operation` -> a No Op on each output: one workflow per operation, as a user builds it.
 */
export function operationWorkflow(id: string, operation: string, jsCode: string, parameters: Record<string, unknown> = {}, asCsvFile = false) {
	const at = (x: number, y = 0) => [x, y];
	const nodes: any[] = [
		{ id: `${id}-trigger`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: at(0), parameters: {} },
		{ id: `${id}-input`, name: 'Input', type: 'n8n-nodes-base.code', typeVersion: 2, position: at(220), parameters: { jsCode } },
		{
			id: `${id}-kore`,
			name: KORE_NODE,
			type: 'n8n-nodes-kore-ai.koreAiContacts',
			typeVersion: 1,
			position: at(660),
			parameters: { operation, rateLimitWindowSeconds: 1, ...parameters },
			credentials: { koreAiApi: { id: CREDENTIAL_ID, name: 'Kore.ai sandbox' } },
		},
		{ id: `${id}-ok`, name: 'Success', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: at(880), parameters: {} },
	];
	const chain = ['Start', 'Input', ...(asCsvFile ? ['To CSV file'] : []), KORE_NODE];
	if (asCsvFile) {
		nodes.push({ id: `${id}-file`, name: 'To CSV file', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, position: at(440), parameters: { operation: 'csv', options: {} } });
	}
	const connections: Record<string, any> = {};
	chain.slice(0, -1).forEach((from, i) => (connections[from] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }));
	connections[KORE_NODE] = { main: [[{ node: 'Success', type: 'main', index: 0 }]] };
	if (operation !== 'getAll') {
		nodes.push({ id: `${id}-failed`, name: 'Failed', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: at(880, 200), parameters: {} });
		connections[KORE_NODE].main.push([{ node: 'Failed', type: 'main', index: 0 }]);
	}
	return { id, name: `E2E ${operation}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}

/** Code that makes rows of new people (phones 7000000000 + n), flat, as a sheet has them. */
export function newRowsCode(count: number, edit = '') {
	return `const items = [];
for (let n = 0; n < ${count}; n++) {
  const item = { firstName: 'new' + n, lastName: 'e2e', salutation: 'mr', phoneNumber: '7' + String(n).padStart(9, '0'), countryCode: '+91', extension: '+' };
  ${edit}
  items.push({ json: item });
}
return items;`;
}

/** Code that makes one item per demo contact id given. */
export function idsCode(ids: string[]) {
	return `return ${JSON.stringify(ids.map((id) => ({ json: { id } })))};`;
}
