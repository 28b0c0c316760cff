// Runs the Kore.ai Contacts node inside n8n's real engine (n8n-core's WorkflowExecute), in process:
// real execution context, real parameter resolution, real httpRequestWithAuthentication going
// through the credential's own `authenticate` to a server on 127.0.0.1. Modelled on the shape of
// n8n's own test harness (packages/core/nodes-testing), written for this project.
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	LoggerProxy,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { KoreAiApi } from '../../credentials/KoreAiApi.credentials';
import { KoreAiContacts } from '../../nodes/KoreAiContacts/KoreAiContacts.node';

export const NODE_NAME = 'Kore.ai Contacts';
const NODE_TYPE = 'n8n-nodes-kore-ai.koreAiContacts';

/** Every log line n8n and the node wrote during runs, for the secret scan. */
export const capturedLogs: string[] = [];

/** Every token the credential signed during runs, for the secret scan. */
export const signedTokens: string[] = [];

function capture(level: string) {
	return (message: string, meta?: object) => {
		capturedLogs.push(`${level} ${message} ${meta ? safeStringify(meta) : ''}`);
	};
}

function safeStringify(value: unknown) {
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
}

const capturingLogger = {
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => capturingLogger,
};
LoggerProxy.init(capturingLogger as unknown as Parameters<typeof LoggerProxy.init>[0]);
// Nodes log through `this.logger`, which n8n-core takes from its container: capture that too.
Container.set(Logger, capturingLogger as unknown as Logger);

class NodeTypes implements INodeTypes {
	constructor(private readonly node: INodeType = new KoreAiContacts()) {}

	getByName(): INodeType {
		return this.node;
	}

	getByNameAndVersion(): INodeType {
		return this.node;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export class CredentialsHelper extends ICredentialsHelper {
	private readonly type = new KoreAiApi();

	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, requestOptions: IHttpRequestOptions) {
		const authenticated = await this.type.authenticate(credentials, requestOptions);
		const token = (authenticated.headers as Record<string, string> | undefined)?.auth;
		if (token) signedTokens.push(token);
		return authenticated;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.type.properties;
	}
}

export interface RunOptions {
	items: IDataObject[];
	/** Whole input items (binary data included); `items` is ignored when given. */
	inputItems?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	/** Node parameters; `columns` defaults to Map Automatically. */
	parameters?: INodeParameters;
	continueOnFail?: boolean;
	/** Cancels the execution this many ms after it starts. */
	cancelAfterMs?: number;
	/** Another build of the node (the benchmark's baseline); this source's node by default. */
	nodeType?: INodeType;
	/** Run as n8n runs the node's AI-tool variant (type `...koreAiContactsTool`). */
	asTool?: boolean;
	/** The workflow's time zone (n8n's default when not given). */
	timezone?: string;
	/** The node's version: 1 (saved workflows) when not given. */
	typeVersion?: number;
}

export interface RunResult {
	success: INodeExecutionData[];
	failed: INodeExecutionData[];
	/** The node's error, when it stopped the execution. */
	error?: { message: string; description?: string | null; httpCode?: string | null; name?: string };
	run: IRun;
	/** What the node put above its output in n8n (execution hints). */
	hints: Array<{ message: string; type?: string }>;
	durationMs: number;
}

export const AUTO_MAP = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['id'], schema: [] };

/** Runs the node once; the operation is Bulk Update unless `parameters.operation` says otherwise. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'b1b2c3d4-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: options.asTool ? `${NODE_TYPE}Tool` : NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: { operation: 'bulkUpdate', columns: AUTO_MAP, ...options.parameters },
		credentials: { koreAiApi: { id: '1', name: 'Kore.ai sandbox' } },
		...(options.continueOnFail && { onError: 'continueRegularOutput' as const }),
	};
	const workflow = new Workflow({
		id: 'kore-engine-test',
		name: 'Kore engine test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes(options.nodeType),
		...(options.timezone && { settings: { timezone: options.timezone } }),
	});

	let finished: IRun | undefined;
	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test', {
		id: 'kore-engine-test',
		name: 'Kore engine test',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run) => {
		finished = run;
	});
	const additionalData = {
		hooks,
		credentialsHelper: new CredentialsHelper(options.credentials),
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node,
					data: { main: [options.inputItems ?? options.items.map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const started = Date.now();
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	let cancelTimer: NodeJS.Timeout | undefined;
	if (options.cancelAfterMs !== undefined) cancelTimer = setTimeout(() => execution.cancel(), options.cancelAfterMs);
	let run: IRun;
	try {
		run = await execution;
	} catch (error) {
		if (!finished) throw error;
		run = finished;
	} finally {
		if (cancelTimer) clearTimeout(cancelTimer);
	}
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const error = run.data.resultData.error as RunResult['error'] | undefined;
	return {
		success: taskData?.data?.main[0] ?? [],
		failed: taskData?.data?.main[1] ?? [],
		error: error && { message: error.message, description: error.description, httpCode: error.httpCode, name: error.name },
		run,
		hints: (taskData?.hints ?? []) as RunResult['hints'],
		durationMs: Date.now() - started,
	};
}
