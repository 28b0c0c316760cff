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
