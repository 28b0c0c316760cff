import {
	NodeConnectionTypes,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { defaultAnswer, koreAnswer, type BotDataPlacement, type Decision } from './answer';
import { carriesSecret, secretProblem, type HeaderSecret } from './auth';
import { DEFAULT_TIME_LIMIT_SECONDS, preCallProperties } from './description';
import { holdAnswer, type HttpResponse } from './hold';
import { preCallItem } from './request';

export class KoreAiPreCallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai Pre-Call Trigger',
		name: 'koreAiPreCallTrigger',
		icon: { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "default: " + ($parameter["defaultDecision"] || "not chosen") }}',
		description: "Answers Kore.ai's Pre-Call Contact Fetch: before each dial, the workflow decides whether to call the contact and what the bot gets",
		defaults: { name: 'Kore.ai Pre-Call Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		triggerPanel: {
			header: 'Kore.ai asks this URL before each dial',
			executionsHelp: {
				inactive:
					"To try it, click <b>Execute step</b> and POST Kore.ai's body to the Test URL (with the header secret); the answer Kore.ai would get comes back. Once the workflow is active, the campaign's Pre-Call Contact Fetch calls the Production URL and each request starts an execution.",
				active: "The workflow is active: the campaign's Pre-Call Contact Fetch calls the Production URL and each request starts an execution, listed under Executions.",
			},
			activationHint: "Activate the workflow, then paste the Production URL into the campaign's Pre-Call Contact Fetch.",
		},
		credentials: [
			{ name: 'koreAiPreCallHeaderApi', required: true, testedBy: 'preCallSecretTest', displayOptions: { show: { authentication: ['headerAuth'] } } },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// n8n answers from the last node; the node turns that answer into Kore.ai's (preCall/hold.ts).
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				path: '={{$parameter["path"]}}',
				isFullPath: true,
			},
		],
		properties: preCallProperties,
	};

	// Kore.ai takes this URL only in its campaign screen (no API field), so there is nothing to
	// register: the URL answers as soon as n8n activates the workflow.
	methods = {
		credentialTest: {
			// Nothing to sign in to: the secret is only compared with what Kore.ai sends.
			async preCallSecretTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const problem = secretProblem(credential.data as Partial<HeaderSecret> | undefined);
				return problem ? { status: 'Error', message: problem } : { status: 'OK', message: 'Header name and secret are usable: set the same in the campaign' };
			},
		},
	};

	webhookMethods = {
		default: {
			checkExists: async (): Promise<boolean> => true,
			create: async (): Promise<boolean> => true,
			delete: async (): Promise<boolean> => true,
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = Date.now();
		const res = this.getResponseObject() as unknown as HttpResponse;
		const refuse = (status: number, message: string): IWebhookResponseData => {
			res.status(status).json({ message });
			return { noWebhookResponse: true };
		};

		if (this.getNodeParameter('authentication', 'headerAuth') === 'headerAuth') {
			let secret: HeaderSecret | undefined;
			try {
				secret = await this.getCredentials<HeaderSecret>('koreAiPreCallHeaderApi');
			} catch {
				secret = undefined;
			}
			const problem = secretProblem(secret);
			if (problem || !secret) return refuse(500, `${problem ?? 'No credential'}: set it on the node, and the same in the campaign's Headers`);
			if (!carriesSecret(this.getHeaderData() as Record<string, string | string[] | undefined>, secret)) {
				return refuse(401, `This URL needs the header ${secret.headerName} with the secret set on the node's credential`);
			}
		}

		const defaultDecision = this.getNodeParameter('defaultDecision', '') as Decision | '';
		if (defaultDecision !== 'call' && defaultDecision !== 'skip') return refuse(500, "Choose the node's Default Decision (Call or Skip) before Kore.ai's calls can be answered");
		const request = preCallItem(this.getBodyData());
		if (!request.ok) return refuse(400, request.reason);

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const timeLimit = typeof options.timeLimit === 'number' ? options.timeLimit : DEFAULT_TIME_LIMIT_SECONDS;
		const placement = (options.botDataPlacement as BotDataPlacement | undefined) ?? 'both';
		const held = holdAnswer(
			res,
			(status, body) => koreAnswer(status, body, defaultDecision, placement),
			timeLimit * 1000,
			() => defaultAnswer(defaultDecision, `the workflow gave no answer within the Time Limit of ${timeLimit} s`),
		);
		void held.sent.then((answer) =>
			this.logger.debug(
				`Kore.ai pre-call answer ${answer.body.contactHandling.handle} (${answer.source === 'workflow' ? 'from the workflow' : `default decision: ${answer.why}`}) ${Date.now() - receivedAt} ms after the request`,
				{ dialingId: request.json.dialingId },
			),
		);
		return { workflowData: [[{ json: request.json }]] };
	}
}
