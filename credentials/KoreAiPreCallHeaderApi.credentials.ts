import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The header secret Kore.ai sends with each Pre-Call Contact Fetch request: a header name and a
 * secret value, set the same in the campaign's Headers. What n8n's own Header Auth credential holds;
 * this package ships its own because n8n's verification lets a community node use only its own
 * credentials. Nothing to sign in to, so the node's credential test checks the two fields.
 */
export class KoreAiPreCallHeaderApi implements ICredentialType {
	name = 'koreAiPreCallHeaderApi';

	displayName = 'Kore.ai Pre-Call Header API';

	icon: Icon = { light: 'file:koreai.svg', dark: 'file:koreai.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-kore-ai/n8n-nodes-kore-ai#koreai-pre-call-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Kore-Pre-Call-Secret',
			required: true,
			placeholder: 'X-Kore-Pre-Call-Secret',
			description: "The header's name, typed the same in the campaign's Pre-Call Contact Fetch Headers",
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A long random secret, typed the same in the campaign. Anyone who has it can ask this workflow to decide on a call.',
		},
	];
}
