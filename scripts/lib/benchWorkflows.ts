// The three ways an n8n user can update Kore.ai contacts, as workflows for the benchmark:
// this node; the HTTP Request node, one PUT per contact; a Code node packing contacts into
// bulk-update arrays for the HTTP Request node. Each paced the way its user would pace it.
import { CREDENTIAL_ID, demoItemsCode, exampleWorkflow } from './workflows';

const trigger = exampleWorkflow.nodes[0];
const credentials = { koreAiApi: { id: CREDENTIAL_ID, name: 'Kore.ai sandbox' } };

function node(name: string, type: string, typeVersion: number, position: [number, number], parameters: object, withCredentials = false) {
	return { id: `bench-${name.replace(/\W/g, '-')}`, name, type, typeVersion, position, parameters, ...(withCredentials && { credentials }) };
}

function chain(id: string, name: string, nodes: any[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}

const itemsNode = (count: number) => node('Contacts', 'n8n-nodes-base.code', 2, [220, 0], { jsCode: demoItemsCode(count) });

export const BENCH_NODE = 'Update';

export function nodeWorkflow(id: string, count: number, windowSeconds: number, options: object = {}) {
	return chain(id, 'Bench: Kore.ai Contacts node', [
		trigger,
		itemsNode(count),
		node(BENCH_NODE, 'n8n-nodes-kore-ai.koreAiContacts', 1, [440, 0], {
			operation: 'bulkUpdate',
			columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: ['id'], schema: [] },
			options,
			rateLimitWindowSeconds: windowSeconds,
		}, true),
	]);
}

function httpRequest(url: string, jsonBody: string, intervalMs: number) {
	return node(BENCH_NODE, 'n8n-nodes-base.httpRequest', 4.2, [660, 0], {
		method: 'PUT',
		url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'koreAiApi',
		sendBody: true,
		specifyBody: 'json',
		jsonBody,
		options: {
			// what its user sets to stay under 60 requests a minute: one request, then a pause
			batching: { batch: { batchSize: 1, batchInterval: intervalMs } },
			response: { response: { neverError: true, fullResponse: true } },
		},
	}, true);
}

const contactBody = '{ firstName: c.firstName, lastName: c.lastName, salutation: c.salutation, cellPhone: { phoneNumber: c.phoneNumber, countryCode: c.countryCode, extension: c.extension } }';

export function perItemWorkflow(id: string, count: number, contactsUrl: string, intervalMs: number) {
	return chain(id, 'Bench: HTTP Request per contact', [
		trigger,
		itemsNode(count),
		httpRequest(`={{ '${contactsUrl}/' + $json.id }}`, `={{ JSON.stringify(((c) => (${contactBody}))($json)) }}`, intervalMs),
	]);
}

export function packedWorkflow(id: string, count: number, contactsUrl: string, intervalMs: number, batchSize = 100) {
	const pack = node('Pack', 'n8n-nodes-base.code', 2, [440, 0], {
		jsCode: `const all = $input.all().map((i) => i.json);
const out = [];
for (let i = 0; i < all.length; i += ${batchSize}) {
  out.push({ json: { contacts: all.slice(i, i + ${batchSize}).map((c) => ({ id: c.id, ...${contactBody} })) } });
}
return out;`,
	});
	return chain(id, 'Bench: Code packs, HTTP Request sends', [
		trigger,
		itemsNode(count),
		pack,
		httpRequest(`${contactsUrl}/bulk-update`, '={{ JSON.stringify($json.contacts) }}', intervalMs),
	]);
}
