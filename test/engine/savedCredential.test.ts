// A Kore.ai API credential saved before it had a Region (host only), as n8n keeps it: encrypted with
// n8n-core's Cipher and the instance's key (the format n8n stored credentials in), decrypted and given
// its defaults the way n8n's credentials helper does (NodeHelpers.getNodeParameters over the
// credential's properties), then used by the node for real.
import { Container } from '@n8n/di';
import { Cipher } from 'n8n-core';
import { NodeHelpers, type ICredentialDataDecryptedObject, type INodeParameters } from 'n8n-workflow';

import { KoreAiApi } from '../../credentials/KoreAiApi.credentials';
import { credentialHost } from '../../nodes/KoreAiContacts/transport/host';
import { demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { contactItem, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 10, rateLimit: { requestsPerWindow: 0 } });
});
afterAll(async () => sandbox.stop());

/** Saved (encrypted) as n8n saves it, then read back as n8n reads it for a node. */
async function savedAndRead(data: ICredentialDataDecryptedObject) {
	const cipher = Container.get(Cipher);
	const stored = cipher.encryptWithInstanceKey(JSON.stringify(data));
	expect(stored).not.toContain(String(data.clientSecret));
	const decrypted = JSON.parse(cipher.decryptWithInstanceKey(stored)) as INodeParameters;
	return NodeHelpers.getNodeParameters(new KoreAiApi().properties, decrypted, true, false, null, null) as ICredentialDataDecryptedObject;
}

test('saved with only a host (before Region existed): the node reaches that host, unchanged', async () => {
	const { host, streamId, accountId, clientId, clientSecret } = sandbox.credentials();
	const applied = await savedAndRead({ host, streamId, accountId, clientId, clientSecret });
	expect(applied.region).toBe('');
	expect(credentialHost(applied)).toBe(host);
	const result = await run(sandbox, { items: [contactItem(1)], credentials: applied });
	expect(pairedIndexes(result.success)).toEqual([0]);
	expect(sandbox.store.get(demoContactId(1))?.lastName).toBe('updated-1');
});

test.each([
	['https://de-platform.kore.ai', 'https://de-platform.kore.ai'],
	['https://kore.example.com/onprem', 'https://kore.example.com/onprem'],
])('saved with only the host %s: the same host', async (host, expected) => {
	const applied = await savedAndRead({ host, streamId: 'st-1', accountId: 'a', clientId: 'c', clientSecret: 'a-secret-of-the-test-0123' });
	expect(credentialHost(applied)).toBe(expected);
});

test.each([
	['us', 'https://platform.kore.ai'],
	['de', 'https://de-platform.kore.ai'],
	['jp', 'https://jp-platform.kore.ai'],
])('a Region (%s) picks its host, whatever Host was typed before', async (region, expected) => {
	const applied = await savedAndRead({ region, host: 'https://old.example.com', streamId: 'st-1', accountId: 'a', clientId: 'c', clientSecret: 'a-secret-of-the-test-0123' });
	expect(credentialHost(applied)).toBe(expected);
});

test('Custom URL: the Host typed', async () => {
	const applied = await savedAndRead({ region: 'custom', host: 'https://kore.example.com', streamId: 'st-1', accountId: 'a', clientId: 'c', clientSecret: 'a-secret-of-the-test-0123' });
	expect(credentialHost(applied)).toBe('https://kore.example.com');
});
