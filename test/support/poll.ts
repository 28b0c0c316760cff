// Runs the Kore.ai Contacts Trigger's poll() in n8n's real poll context (n8n-core's PollContext), as
// n8n's own polling-trigger tests do: real parameter resolution, real httpRequestWithAuthentication
// through the credential to the sandbox, the node's static data kept between polls as n8n keeps it.
import { PollContext } from 'n8n-core';
import { Workflow, type ICredentialDataDecryptedObject, type IDataObject, type INode, type INodeExecutionData, type INodeParameters, type INodeType, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { KoreAiContactsTrigger } from '../../nodes/KoreAiContacts/KoreAiContactsTrigger.node';
import { CredentialsHelper } from './engine';

export const TRIGGER_NAME = 'Kore.ai Contacts Trigger';

export interface PollerOptions {
	credentials: ICredentialDataDecryptedObject;
	parameters?: INodeParameters;
	/** The workflow's static data as n8n stored it (after a restart: read back from the database). */
	staticData?: IDataObject;
}

/** One trigger node in one workflow; each `poll` runs it once, as n8n's poll timer would. */
export class TriggerPoller {
	readonly staticData: IDataObject;
	private readonly workflow: Workflow;
	private readonly node: INode;
	private readonly additionalData: IWorkflowExecuteAdditionalData;

	constructor(options: PollerOptions) {
		const nodeType: INodeType = new KoreAiContactsTrigger();
		this.node = {
			id: 'c1b2c3d4-0000-4000-8000-000000000002',
			name: TRIGGER_NAME,
			type: 'n8n-nodes-kore-ai.koreAiContactsTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { rateLimitWindowSeconds: 1, ...options.parameters },
			credentials: { koreAiApi: { id: '1', name: 'Kore.ai sandbox' } },
		};
		this.staticData = options.staticData ?? {};
		this.workflow = new Workflow({
			id: 'kore-trigger-test',
			name: 'Kore trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			staticData: this.staticData,
			nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
		});
		this.additionalData = { credentialsHelper: new CredentialsHelper(options.credentials), restApiUrl: 'http://127.0.0.1/rest' } as unknown as IWorkflowExecuteAdditionalData;
	}

	/** Items emitted (null when nothing), or the poll's error. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<{ items: INodeExecutionData[] | null; error?: Error }> {
		const context = new PollContext(this.workflow, this.node, this.additionalData, mode, 'activate');
		try {
			const result = await new KoreAiContactsTrigger().poll.call(context);
			return { items: result ? result[0] : null };
		} catch (error) {
			return { items: null, error: error as Error };
		}
	}

	/** What n8n would store: the static data as JSON. */
	stored(): IDataObject {
		return JSON.parse(JSON.stringify(this.staticData));
	}
}
