// Pure pieces of the Contacts operations: CSV, phone keys, pairing created contacts, output shapes.
import { configuredOutputs } from '../../nodes/KoreAiContacts/actions/contact';
import { flatContact, withId } from '../../nodes/KoreAiContacts/helpers/contactShape';
import { decodeCsv, parseCsvRows, readContactCsv, writeContactCsv } from '../../nodes/KoreAiContacts/helpers/csv';
import { contactPhoneKey, phoneKey } from '../../nodes/KoreAiContacts/helpers/phone';
import { failureReason } from '../../nodes/KoreAiContacts/helpers/reconcile';
import { reconcileCreated } from '../../nodes/KoreAiContacts/helpers/reconcileCreated';
import type { NewContact, PendingRecord } from '../../nodes/KoreAiContacts/helpers/types';
import { validateContactId, validateNewContact } from '../../nodes/KoreAiContacts/helpers/validation';

const contact = (n: number): NewContact => ({
	firstName: `f${n}`,
	lastName: 'l',
	fullName: `f${n} l`,
	salutation: 'mr',
	cellPhone: { phoneNumber: `98765000${n}0`, countryCode: '+91', extension: '+' },
});
const batch: Array<PendingRecord<NewContact>> = [0, 1, 2].map((n) => ({ slot: n, itemIndex: n + 5, record: contact(n) }));
const stored = (n: number, extra: Record<string, unknown> = {}) => ({ _id: `id${n}`, ...contact(n), cellPhone: { ...contact(n).cellPhone, phoneNumber: `+9198765000${n}0` }, ...extra });

describe('phone keys', () => {
	test('the parts as sent and the number as Kore stores it give one key', () => {
		expect(phoneKey({ phoneNumber: '9876543210', countryCode: '+91' })).toBe('+919876543210');
		expect(phoneKey({ phoneNumber: '9876543210', countryCode: '91' })).toBe('+919876543210');
		expect(contactPhoneKey({ cellPhone: { phoneNumber: '+919876543210', countryCode: '+91' } })).toBe('+919876543210');
		expect(contactPhoneKey({ phoneNumber: '9876543210', countryCode: '+91' })).toBe('+919876543210');
	});

	test('other countries, other numbers and no number do not match', () => {
		expect(phoneKey({ phoneNumber: '9876543210', countryCode: '+1' })).not.toBe('+919876543210');
		expect(phoneKey({ phoneNumber: '', countryCode: '+91' })).toBeUndefined();
		expect(contactPhoneKey(null)).toBeUndefined();
	});
});

describe('reconcileCreated', () => {
	test('pairs by phone whatever the order, and reports contacts that match nothing sent', () => {
		const answer = [stored(2), stored(0), { _id: 'stray', cellPhone: { phoneNumber: '+15550001111' } }, stored(1)];
		const { outcomes, unpaired } = reconcileCreated(batch, answer, 200);
		expect(outcomes.map((o) => o.kind === 'success' && o.contact.id)).toEqual(['id0', 'id1', 'id2']);
		expect(unpaired).toEqual([answer[2]]);
	});

	test('a record the answer does not mention is unknown, never guessed', () => {
		const { outcomes } = reconcileCreated(batch, [stored(0), stored(2)], 200);
		expect(outcomes.map((o) => o.kind)).toEqual(['success', 'unknown', 'success']);
	});

	test('a bulk-shaped answer: created under successfulRecords, refusals under failedRecords', () => {
		const body = {
			successfulRecords: [{ id: 'id0', contact: stored(0) }],
			failedRecords: [{ record: contact(1), error: 'Phone number already exists for another contact', code: 'DUP' }, { record: contact(2) }],
		};
		const { outcomes } = reconcileCreated(batch, body, 200);
		expect(outcomes[0]).toMatchObject({ kind: 'success', contact: { id: 'id0' } });
		expect(outcomes[1]).toMatchObject({ kind: 'failed', code: 'DUP', stage: 'api' });
		expect(outcomes[1].kind === 'failed' && outcomes[1].reason).toContain('already has this phone number');
		expect(outcomes[2]).toMatchObject({ kind: 'failed', reason: 'Kore.ai did not create this contact and gave no reason' });
	});

	test('a second contact with the same number in the answer is not paired twice', () => {
		const { outcomes, unpaired } = reconcileCreated(batch.slice(0, 1), [stored(0), stored(0, { _id: 'again' })], 200);
		expect(outcomes[0]).toMatchObject({ contact: { id: 'id0' } });
		expect(unpaired).toHaveLength(1);
	});
});

describe('failure reasons', () => {
	test('an entry that is only the id carries no reason, and says so', () => {
		expect(failureReason('abc', 'abc')).toBe('Kore.ai did not update this contact and gave no reason');
		expect(failureReason({ id: 'abc' }, 'abc', 'delete')).toBe('Kore.ai did not delete this contact and gave no reason');
		expect(failureReason({ id: 'abc', error: 'Invalid field: salutation' }, 'abc')).toBe('Invalid field: salutation');
	});
});

describe('CSV', () => {
	test('encodings: UTF-8 with BOM, UTF-16 LE and BE, Windows-1252', () => {
		expect(decodeCsv(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
		expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('é', 'utf16le')]))).toBe('é');
		expect(decodeCsv(Buffer.from([0xfe, 0xff, 0x00, 0xe9]))).toBe('é');
		expect(decodeCsv(Buffer.from([0x4a, 0x6f, 0x73, 0xe9]))).toBe('José');
	});

	test('quotes keep separators, line breaks and doubled quotes; CR, LF and CRLF all end rows', () => {
		expect(parseCsvRows('a,"b,c","d ""e"""\r\n1,"2\n3",4\r5,6,7')).toEqual([
			['a', 'b,c', 'd "e"'],
			['1', '2\n3', '4'],
			['5', '6', '7'],
		]);
		expect(parseCsvRows('a;b\n1;2')).toEqual([['a', 'b'], ['1', '2']]);
	});

	test('the header in any case and order; blank rows skipped; row numbers as a spreadsheet counts after the header', () => {
		const file = 'CELLPHONENUMBER,firstname,lastName,salutation,cellPhoneCountryCode,cellPhoneExtension,notes\n123456,a,b,mr,+91,+,x\n,,,,,,\n654321,c,d,ms,91,+,y\n';
		const reading = readContactCsv(Buffer.from(file));
		expect(reading.ok && reading.rows.map((r) => [r.row, r.raw.phoneNumber, r.raw.firstName])).toEqual([
			[1, '123456', 'a'],
			[3, '654321', 'c'],
		]);
	});

	test('missing columns and empty files are refused with what to fix', () => {
		expect(readContactCsv(Buffer.from('firstName,lastName\na,b'))).toEqual({ ok: false, reason: expect.stringContaining('lacks the column(s) salutation, cellPhoneNumber') });
		expect(readContactCsv(Buffer.from(''))).toEqual({ ok: false, reason: 'The CSV file is empty' });
		expect(readContactCsv(Buffer.from('firstName,lastName,salutation,cellPhoneNumber,cellPhoneCountryCode,cellPhoneExtension\n'))).toEqual({
			ok: false,
			reason: 'The CSV file has a header but no rows',
		});
	});

	test("what is written is read back the same, in Kore's columns", () => {
		const records = [contact(0), { ...contact(1), firstName: 'Doe, "J"' }];
		const text = writeContactCsv(records);
		expect(text.split('\r\n')[0]).toBe('firstName,lastName,salutation,cellPhoneNumber,cellPhoneCountryCode,cellPhoneExtension');
		const reading = readContactCsv(Buffer.from(text));
		expect(reading.ok && reading.rows.map((r) => r.raw.firstName)).toEqual(['f0', 'Doe, "J"']);
	});
});

describe('new contacts and contact ids', () => {
	test('a new contact has no id, and the same rules otherwise', () => {
		expect(validateNewContact({ firstName: 'a', lastName: 'b', salutation: 'mr', phoneNumber: '0091 98765-43210', countryCode: '91', extension: '+' })).toEqual({
			ok: true,
			record: { firstName: 'a', lastName: 'b', fullName: 'a b', salutation: 'mr', cellPhone: { phoneNumber: '9876543210', countryCode: '+91', extension: '+' } },
		});
		const withId = validateNewContact({ id: 'x', firstName: 'a', lastName: 'b', salutation: 'mr', phoneNumber: '1234', countryCode: '1', extension: '+' });
		expect(!withId.ok && withId.reason).toContain('Contact ID (id) must be empty for a new contact');
	});

	test('a contact id is checked before it goes into a URL', () => {
		expect(validateContactId(' 6964af60 ')).toEqual({ ok: true, id: '6964af60' });
		expect(validateContactId('a/b')).toMatchObject({ ok: false });
		expect(validateContactId(undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('Contact ID (id) is missing') });
	});
});

describe('output shapes', () => {
	test("Kore's shape gains id; Flat moves the phone to the top without Kore's country prefix", () => {
		const kore = stored(3);
		expect(withId(kore)).toMatchObject({ id: 'id3', _id: 'id3', cellPhone: kore.cellPhone });
		expect(flatContact(kore)).toEqual({ _id: 'id3', id: 'id3', firstName: 'f3', lastName: 'l', fullName: 'f3 l', salutation: 'mr', phoneNumber: '9876500030', countryCode: '+91', extension: '+' });
	});

	test('outputs follow the operation, from the source n8n evaluates', () => {
		// n8n runs the function from its text: it must work with nothing from outside itself.
		const fromText = new Function(`return (${configuredOutputs.toString()})`)() as typeof configuredOutputs;
		expect(fromText({ operation: 'getAll' })).toEqual([{ type: 'main', displayName: 'Contacts' }]);
		for (const operation of ['bulkUpdate', 'create', 'update', 'delete', 'bulkDelete', 'importCsv', undefined]) {
			expect(fromText({ operation }).map((o) => o.displayName)).toEqual(['Success', 'Failed']);
		}
	});
});
