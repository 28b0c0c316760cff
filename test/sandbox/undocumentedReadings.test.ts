// The sandbox speaks every reading of what Kore leaves undocumented, so the node is tested against
// each: how a create treats a bad record, the order of created contacts, the status of an all-failed
// bulk answer, and how an over-large batch is refused.
import { demoContact, startSandbox, type KoreSandbox } from '../../sandbox';
import { callKore, contactBody } from '../support/koreClient';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 5, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ createStyle: 'wholeRequest', reverseCreated: false, allFailedStatus: 200, oversizeStatus: 413, maxRecordsPerRequest: 1000 });
});
afterAll(async () => sandbox.stop());

const fresh = (n: number) => {
	const { id: _id, ...contact } = contactBody('x', { firstName: `n${n}`, cellPhone: { phoneNumber: `555000${n}`, countryCode: '+1', extension: '+' } });
	return contact;
};
/** A new contact with demo contact 1's number. */
const taken = () => ({ ...fresh(9), cellPhone: { ...demoContact(1).cellPhone } });

test('whole request: one taken number refuses all, nothing created', async () => {
	const response = await callKore(sandbox, 'POST', '', [fresh(1), taken()]);
	expect(response.status).toBe(409);
	expect(sandbox.store.size).toBe(5);
});

test('partial array: the rest created, the refused one left out of the answer', async () => {
	sandbox.configure({ createStyle: 'partialArray' });
	const response = await callKore(sandbox, 'POST', '', [fresh(1), taken(), fresh(2)]);
	expect(response.status).toBe(200);
	expect(response.body.map((c: { firstName: string }) => c.firstName)).toEqual(['n1', 'n2']);
	expect(sandbox.store.size).toBe(7);
});

test('partial bulk: created under successfulRecords, the refused one under failedRecords with its record', async () => {
	sandbox.configure({ createStyle: 'partialBulk' });
	const response = await callKore(sandbox, 'POST', '', [fresh(1), taken()]);
	expect(response.body).toMatchObject({ totalRequested: 2, successful: 1, failed: 1 });
	expect(response.body.failedRecords[0]).toMatchObject({ code: 'DUPLICATE_PHONE_NUMBER', record: { firstName: 'n9' } });
});

test('created contacts may come back in another order', async () => {
	sandbox.configure({ reverseCreated: true });
	const response = await callKore(sandbox, 'POST', '', [fresh(1), fresh(2), fresh(3)]);
	expect(response.body.map((c: { firstName: string }) => c.firstName)).toEqual(['n3', 'n2', 'n1']);
});

test('an all-failed bulk update answered with another status, the list still in the body', async () => {
	sandbox.configure({ allFailedStatus: 400 });
	const response = await callKore(sandbox, 'PUT', '/bulk-update', [contactBody('6964af60ffffffffffffffff')]);
	expect(response.status).toBe(400);
	expect(response.body).toMatchObject({ successful: 0, failed: 1, failedRecords: [{ id: '6964af60ffffffffffffffff' }] });
});

test('an over-large batch refused with a plain 400 instead of 413', async () => {
	sandbox.configure({ maxRecordsPerRequest: 2, oversizeStatus: 400 });
	const response = await callKore(sandbox, 'POST', '', [fresh(1), fresh(2), fresh(3)]);
	expect(response.status).toBe(400);
	expect(response.body).toEqual({ errors: [{ msg: 'Validation errors/ Invalid arguments', code: 400 }] });
	expect(sandbox.store.size).toBe(5);
});
