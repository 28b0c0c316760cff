import { demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { callKore, contactBody } from '../support/koreClient';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 4, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

const [A, B, C] = [demoContactId(0), demoContactId(1), demoContactId(2)];

test("the reference sample gets the reference response's shape", async () => {
	const response = await callKore(sandbox, 'PUT', '/bulk-update', [
		contactBody(A),
		contactBody(B, { firstName: 'jane', lastName: 'do', fullName: 'jane do', cellPhone: { extension: '+', phoneNumber: '24456700001', countryCode: '+91' } }),
	]);
	expect(response.status).toBe(200);
	expect(response.body).toMatchObject({ totalRequested: 2, successful: 2, failed: 0, failedRecords: [] });
	const [first] = response.body.successfulRecords;
	expect(first.id).toBe(A);
	expect(first.contact).toMatchObject({
		_id: A,
		firstName: 'john',
		fullName: 'john doee',
		cellPhone: { extension: '+', phoneNumber: '+912445600001', countryCode: '+91' },
		status: 'ACTIVE',
		instanceBotId: sandbox.credentials().streamId,
		accountId: sandbox.credentials().accountId,
		address: [],
		twitterDetails: [],
	});
	for (const key of ['orgId', 'createdBy', 'createdByAId', 'createdAt', 'updatedAt', 'updatedBy', 'updatedByAId']) {
		expect(first.contact).toHaveProperty(key);
	}
	expect(sandbox.store.get(A)?.firstName).toBe('john');
});

test('unknown id, invalid fields and a taken phone number fail per record', async () => {
	const taken = sandbox.store.get(C)!.cellPhone;
	const response = await callKore(sandbox, 'PUT', '/bulk-update', [
		contactBody('6964af60ffffffffffffffff'),
		contactBody(A, { cellPhone: { phoneNumber: '98-76', countryCode: '+91', extension: '+' } }),
		contactBody(B, { firstName: '' }),
		contactBody(demoContactId(3), { cellPhone: { phoneNumber: taken.phoneNumber.replace('+91', ''), countryCode: '+91', extension: '+' } }),
		{ firstName: 'no id' },
	]);
	expect(response.status).toBe(200);
	expect(response.body).toMatchObject({ totalRequested: 5, successful: 0, failed: 5 });
	expect(response.body.failedRecords).toEqual([
		{ id: '6964af60ffffffffffffffff', error: 'Contact not found', code: 'CONTACT_NOT_FOUND' },
		{ id: A, error: 'Invalid field: cellPhone.phoneNumber must contain numeric digits only', code: 'INVALID_PHONE_NUMBER' },
		{ id: B, error: 'Invalid field: firstName is required and must be a string', code: 'INVALID_FIELD' },
		{ id: demoContactId(3), error: 'Phone number already exists for another contact', code: 'DUPLICATE_PHONE_NUMBER' },
		{ id: null, error: 'Invalid field: id is required and must be a string', code: 'INVALID_FIELD' },
	]);
	expect(sandbox.log()[0].applied).toBe(false);
});

test.each([
	['underscoreId', { _id: A, message: 'Contact not found', errorCode: 'CONTACT_NOT_FOUND' }],
	['nested', { record: { id: A }, error: { msg: 'Contact not found', code: 'CONTACT_NOT_FOUND' } }],
] as const)('failedRecords can be shaped %s', async (style, entry) => {
	sandbox.configure({ failedRecordStyle: style });
	sandbox.store.deactivate(A);
	try {
		const response = await callKore(sandbox, 'PUT', '/bulk-update', [contactBody(A)]);
		expect(response.body.failedRecords).toEqual([entry]);
	} finally {
		sandbox.configure({ failedRecordStyle: 'flat' });
	}
});

test('a body that is not an array is refused with 412', async () => {
	const response = await callKore(sandbox, 'PUT', '/bulk-update', { id: A });
	expect(response.status).toBe(412);
	expect(response.body.errors[0].msg).toContain('Validation errors/ Invalid arguments');
});

test('invalid JSON is refused with 400', async () => {
	const response = await callKore(sandbox, 'PUT', '/bulk-update', undefined, { rawBody: '[{"id": ' });
	expect(response.status).toBe(400);
});

test('more records than allowed per request is refused with 413', async () => {
	sandbox.configure({ maxRecordsPerRequest: 2 });
	try {
		const response = await callKore(sandbox, 'PUT', '/bulk-update', [contactBody(A), contactBody(B), contactBody(C)]);
		expect(response.status).toBe(413);
		expect(sandbox.store.get(A)?.lastName).not.toBe('doee');
	} finally {
		sandbox.configure({ maxRecordsPerRequest: 1000 });
	}
});

test('with rejectInvalidBatches one invalid record refuses the whole request with 412', async () => {
	sandbox.configure({ rejectInvalidBatches: true });
	try {
		const response = await callKore(sandbox, 'PUT', '/bulk-update', [contactBody(A), contactBody(B, { salutation: 5 })]);
		expect(response.status).toBe(412);
		expect(response.body.errors[0].msg).toContain('salutation');
		expect(sandbox.store.get(A)?.lastName).not.toBe('doee');
	} finally {
		sandbox.configure({ rejectInvalidBatches: false });
	}
});
