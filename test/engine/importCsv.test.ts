// Import from CSV in n8n's real engine against the sandbox: files as other systems export them, rows
// checked before sending, created contacts paired to the file's item, never a contact twice.
import type { INodeExecutionData } from 'n8n-workflow';

import { demoContact, startSandbox, type KoreSandbox } from '../../sandbox';
import { expectNoSecretsLeaked, holders, pairedIndexes, requestsTo, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 10, rateLimit: { requestsPerWindow: 0 } });
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ createStyle: 'wholeRequest' });
});
afterAll(async () => sandbox.stop());

const HEADER = 'firstName,lastName,salutation,cellPhoneNumber,cellPhoneCountryCode,cellPhoneExtension';
const params = (extra: Record<string, unknown> = {}) => ({ operation: 'importCsv', rateLimitWindowSeconds: 1, ...extra });

function fileItem(bytes: Buffer, property = 'data'): INodeExecutionData {
	return { json: { fileName: 'contacts.csv' }, binary: { [property]: { data: bytes.toString('base64'), mimeType: 'text/csv', fileName: 'contacts.csv' } } };
}

const rows = (count: number, from = 0) =>
	Array.from({ length: count }, (_, i) => `row${from + i},person,mr,70000${String(from + i).padStart(5, '0')},+91,+`);

test('a file from a spreadsheet: BOM, CRLF, quoted commas, Windows-1252 accents, a bad row', async () => {
	const text = [HEADER, '"Doe, Jr.",Smith,mr,7000000001,+91,+', 'José,Núñez,mr,7000000002,91,+', 'bad,row,mr,70000x3,+91,+', '', 'Ana,"Lee ""AL""",ms,7000-000-004,+91,+'].join('\r\n');
	const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
	const latin = Buffer.from(text.replace('"Doe, Jr."', 'Zoë'), 'latin1');
	const result = await run(sandbox, { items: [], inputItems: [fileItem(utf8), fileItem(latin)], parameters: params() });
	// Rows with the same number in both files: the second file's are repeats.
	expect(pairedIndexes(result.success)).toEqual([0, 0, 0]);
	expect(result.success.map((i) => i.json.firstName)).toEqual(['Doe, Jr.', 'José', 'Ana']);
	expect(result.success[2].json).toMatchObject({ lastName: 'Lee "AL"', cellPhone: { phoneNumber: '+917000000004' } });
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 1, 1, 1]);
	expect(result.failed[0].json).toMatchObject({ row: 3, stage: 'validation', record: { cellPhoneNumber: '70000x3' } });
	expect(result.failed[0].json.reason).toBe("Row 3: Phone Number (phoneNumber) must be digits only; got '70000x3'");
	expect(result.failed[1].json).toMatchObject({ row: 1, code: 'REPEATED_PHONE_NUMBER', record: { firstName: 'Zoë' } });
	expect(result.failed[1].json.reason).toContain('also on row 1 of item 0');
	const [request] = requestsTo(sandbox, 'POST', '/import-contacts');
	expect(requestsTo(sandbox, 'POST', '/import-contacts')).toHaveLength(1);
	expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	expect(holders(sandbox, '7000000002')[0]).toMatchObject({ firstName: 'José', lastName: 'Núñez' });
});

test('UTF-16 with BOM and a semicolon-separated export', async () => {
	const text = [HEADER.replace(/,/g, ';'), ...rows(2).map((r) => r.replace(/,/g, ';'))].join('\n');
	const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
	const result = await run(sandbox, { items: [], inputItems: [fileItem(utf16)], parameters: params() });
	expect(result.failed).toEqual([]);
	expect(result.success.map((i) => i.json.firstName)).toEqual(['row0', 'row1']);
});

test('a file without Kore\'s columns, an item without a file: each one Failed item, nothing sent', async () => {
	const wrong = Buffer.from('name,phone\nann,123456\n');
	const result = await run(sandbox, { items: [], inputItems: [fileItem(wrong), { json: { nothing: true } }, fileItem(wrong, 'other')], parameters: params() });
	expect(pairedIndexes(result.failed)).toEqual([0, 1, 2]);
	expect(result.failed[0].json).toMatchObject({ code: 'INVALID_FILE', stage: 'validation' });
	expect(result.failed[0].json.reason).toContain('lacks the column(s) firstName, lastName, salutation, cellPhoneNumber, cellPhoneCountryCode, cellPhoneExtension');
	expect(result.failed[1].json).toMatchObject({ code: 'NO_FILE' });
	expect(result.failed[1].json.reason).toContain('no file in the binary property "data"');
	expect(sandbox.log()).toHaveLength(0);
});

test('a valid file, then an item without one: each outcome on the item it belongs to', async () => {
	const good = Buffer.from([HEADER, ...rows(2, 20)].join('\n'));
	const result = await run(sandbox, { items: [], inputItems: [fileItem(good), { json: {} }, fileItem(good)], parameters: params() });
	expect(pairedIndexes(result.success)).toEqual([0, 0]);
	expect(pairedIndexes(result.failed)).toEqual([1, 2, 2]);
	expect(result.failed.map((f) => f.json.code)).toEqual(['NO_FILE', 'REPEATED_PHONE_NUMBER', 'REPEATED_PHONE_NUMBER']);
});

test('rows in batches of Batch Size; a number another contact holds costs only its row', async () => {
	const taken = demoContact(2).cellPhone.phoneNumber;
	const text = [HEADER, ...rows(5), `taken,person,mr,${taken},+91,+`].join('\n');
	const result = await run(sandbox, { items: [], inputItems: [fileItem(Buffer.from(text))], parameters: params({ options: { batchSize: 3 } }) });
	expect(result.success).toHaveLength(5);
	expect(result.failed).toHaveLength(1);
	expect(result.failed[0].json).toMatchObject({ row: 6, stage: 'api', httpStatus: 409 });
	expect(result.failed[0].json.reason).toContain('already has this phone number');
	expect(sandbox.store.active()).toHaveLength(15);
});

test('never twice: the answer lost after Kore imported the rows -> read back, reported created', async () => {
	sandbox.setFaults({ schedule: [{ kind: 'reset', apply: true }] });
	const text = [HEADER, ...rows(4)].join('\n');
	const result = await run(sandbox, { items: [], inputItems: [fileItem(Buffer.from(text))], parameters: params() });
	expect(result.failed).toEqual([]);
	expect(result.success).toHaveLength(4);
	expect(requestsTo(sandbox, 'POST', '/import-contacts')).toHaveLength(1);
	for (let i = 0; i < 4; i++) expect(holders(sandbox, `70000${String(i).padStart(5, '0')}`)).toHaveLength(1);
	expect(result.success[3].json.id).toBe(holders(sandbox, '7000000003')[0]._id);
});

test('no secret in any output, error or log line', () => expectNoSecretsLeaked(sandbox));
