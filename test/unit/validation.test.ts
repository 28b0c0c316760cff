import { contactFromItem, contactFromMappedValues } from '../../nodes/KoreAiContacts/helpers/mapping';
import { describeValue, validateContact } from '../../nodes/KoreAiContacts/helpers/validation';

const valid = {
	id: '6964af60450340957c6aaaaa',
	firstName: 'john',
	lastName: 'doe',
	salutation: 'mr',
	phoneNumber: '2445612345',
	countryCode: '+91',
	extension: '+',
};

function check(overrides: Record<string, unknown>) {
	return validateContact(contactFromItem({ ...valid, ...overrides } as never));
}

describe('validateContact', () => {
	test('a complete record passes and derives fullName', () => {
		const result = check({});
		expect(result).toEqual({
			ok: true,
			record: {
				id: valid.id,
				firstName: 'john',
				lastName: 'doe',
				fullName: 'john doe',
				salutation: 'mr',
				cellPhone: { phoneNumber: '2445612345', countryCode: '+91', extension: '+' },
			},
		});
	});

	test('a given fullName is kept', () => {
		const result = check({ fullName: 'Johnny D' });
		expect(result.ok && result.record.fullName).toBe('Johnny D');
	});

	test.each([
		['spaces', '244 561 2345', '2445612345'],
		['dashes', '244-561-2345', '2445612345'],
		['parentheses and dots', '(244) 561.2345', '2445612345'],
		['a number from a spreadsheet', 2445612345, '2445612345'],
		['leading zeros', '0044561234', '0044561234'],
	])('phone number with %s is normalised', (_name, phoneNumber, expected) => {
		const result = check({ phoneNumber });
		expect(result.ok && result.record.cellPhone.phoneNumber).toBe(expected);
	});

	test.each([
		['91', '+91'],
		['+91', '+91'],
		[91, '+91'],
		['0091', '+91'],
		[' +1 ', '+1'],
	])('country code %j becomes %j', (countryCode, expected) => {
		const result = check({ countryCode });
		expect(result.ok && result.record.cellPhone.countryCode).toBe(expected);
	});

	test.each([
		['id missing', { id: undefined }, 'Contact ID (id) is missing'],
		['id an object', { id: { a: 1 } }, 'Contact ID (id) must be text; got an object'],
		['id with a slash', { id: 'abc/def' }, "Contact ID (id) must be a Kore.ai contact ID (letters, digits, '-' or '_', at most 64 characters); got 'abc/def'"],
		['id with ../', { id: '../etc' }, "got '../etc'"],
		['id too long', { id: 'a'.repeat(65) }, 'at most 64 characters'],
		['firstName empty', { firstName: '  ' }, 'First Name (firstName) is required by Kore.ai but is empty'],
		['lastName a number', { lastName: 42 }, 'Last Name (lastName) must be text; got 42'],
		['salutation missing', { salutation: undefined }, 'Salutation (salutation) is required by Kore.ai but is empty'],
		['firstName with a line break', { firstName: 'jo\nhn' }, "First Name (firstName) contains a line break or control character; got 'jo\\u000ahn'"],
		['firstName with a null byte', { firstName: 'jo\u0000hn' }, 'control character'],
		['firstName of 10,000 characters', { firstName: 'x'.repeat(10_000) }, 'First Name (firstName) is 10000 characters long; at most 200 are accepted'],
		['phone with another country code in front', { phoneNumber: '+44 98-765' }, "Phone Number (phoneNumber) must be digits only; got '+44 98-765' (put the country code in Country Code (countryCode), not in the number)"],
		['phone with letters', { phoneNumber: '98765abc' }, "Phone Number (phoneNumber) must be digits only; got '98765abc'"],
		['phone of 40 digits', { phoneNumber: '1'.repeat(40) }, 'Phone Number (phoneNumber) must have 4 to 15 digits; got 40 digits'],
		['phone missing', { phoneNumber: '' }, 'Phone Number (phoneNumber) is required by Kore.ai but is empty'],
		['phone an object', { phoneNumber: { n: 1 } }, 'Phone Number (phoneNumber) must be digits only; got an object'],
		['country code with letters', { countryCode: 'IN' }, "Country Code (countryCode) must be a calling code like '+91' or '+1'; got 'IN'"],
		['country code missing', { countryCode: undefined }, 'Country Code (countryCode) is required by Kore.ai'],
		['extension missing', { extension: undefined }, 'Extension (extension) is required by Kore.ai'],
		['cellPhone not an object', { cellPhone: 'x' }, "Cell Phone (cellPhone) must be an object with phoneNumber, countryCode and extension; got 'x'"],
	])('%s is refused with a reason', (_name, overrides, reason) => {
		const result = check(overrides);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toContain(reason);
	});

	test('every problem is named at once', () => {
		const result = check({ firstName: '', phoneNumber: 'abc', countryCode: 'x' });
		expect(!result.ok && result.reason.split('. ')).toHaveLength(3);
	});

	test('unicode, right-to-left names and emoji are valid names', () => {
		const result = check({ firstName: 'محمد', lastName: 'Zoë 😀' });
		expect(result.ok && result.record.fullName).toBe('محمد Zoë 😀');
	});
});

describe('mapping', () => {
	test('Kore shape: cellPhone object', () => {
		const raw = contactFromItem({ id: 'a1', cellPhone: { phoneNumber: '123', countryCode: '+1', extension: '+' } });
		expect(raw).toMatchObject({ id: 'a1', phoneNumber: '123', countryCode: '+1', extension: '+' });
		expect(raw.cellPhone).toBeUndefined();
	});

	test('flat shape, and _id standing in for id', () => {
		const raw = contactFromItem({ _id: 'a2', phoneNumber: '123', countryCode: '1', extension: '+' });
		expect(raw).toMatchObject({ id: 'a2', phoneNumber: '123', countryCode: '1' });
	});

	test('cellPhone values win over flat ones', () => {
		const raw = contactFromItem({ phoneNumber: '1', cellPhone: { phoneNumber: '2' } });
		expect(raw.phoneNumber).toBe('2');
	});

	test('__proto__ and constructor keys are never copied', () => {
		const json = JSON.parse('{"id":"a3","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
		const raw = contactFromItem(json);
		expect(Object.keys(raw)).not.toContain('__proto__');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('manual mapping reads the mapped values', () => {
		expect(contactFromMappedValues({ id: 'a4', firstName: 'x', unknown: 1 })).toMatchObject({ id: 'a4', firstName: 'x' });
		expect(contactFromMappedValues(undefined)).toEqual({});
	});
});

describe('describeValue', () => {
	test('shortens long text and names non-text', () => {
		expect(describeValue('x'.repeat(100))).toBe(`'${'x'.repeat(37)}...'`);
		expect(describeValue(null)).toBe('null');
		expect(describeValue([1])).toBe('a list');
		expect(describeValue(Number.NaN)).toBe('an invalid number');
	});
});
