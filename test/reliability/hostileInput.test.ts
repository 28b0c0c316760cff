// Hostile and broken input items through the node in n8n's engine: each either becomes a valid
// record (where safe normalisation applies) or a Failed item with a specific reason. None crashes
// the node, none that fails reaches the sandbox, none pollutes prototypes.
import type { IDataObject } from 'n8n-workflow';

import { demoContact, demoContactId, startSandbox, type KoreSandbox } from '../../sandbox';
import { bulkRequests, contactItem, expectEveryItemOnce, expectNoSecretsLeaked, pairedIndexes, run } from '../support/scenario';

let sandbox: KoreSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedCount: 100, rateLimit: { requestsPerWindow: 0 } });
});
afterAll(async () => sandbox.stop());

const MB = 'x'.repeat(1024 * 1024);
let nested: Record<string, unknown> = { leaf: true };
for (let i = 0; i < 2000; i++) nested = { child: nested };

type Case = [name: string, overrides: Record<string, unknown>, expected: { ok: true } | { reason: string }];
const FAIL = (reason: string) => ({ reason });
const OK = { ok: true } as const;

// Each case edits a valid item for a distinct demo contact (n = case index), so valid ones never clash.
const cases: Case[] = [
	['id missing', { id: undefined }, FAIL('Contact ID (id) is missing')],
	['id empty', { id: '' }, FAIL('Contact ID (id) is missing')],
	['id null', { id: null }, FAIL('Contact ID (id) is missing')],
	['id an object', { id: { $oid: 'abc' } }, FAIL('Contact ID (id) must be text; got an object')],
	['id a list', { id: ['a'] }, FAIL('Contact ID (id) must be text; got a list')],
	['id a boolean', { id: true }, FAIL('Contact ID (id) must be text; got true')],
	['id with a slash', { id: 'abc/def' }, FAIL("Contact ID (id) must be a Kore.ai contact ID")],
	['id with ../', { id: '../../admin' }, FAIL("got '../../admin'")],
	['id with spaces inside', { id: 'ab cd' }, FAIL("got 'ab cd'")],
	['id of 1 MB', { id: MB }, FAIL('at most 64 characters')],
	['id with a null byte', { id: 'ab\u0000cd' }, FAIL("got 'ab\\u0000cd'")],
	// a field left out or blank keeps Kore's value (the contact is read from the list), so valid:
	['firstName missing', { firstName: undefined }, OK],
	['firstName blank', { firstName: '   ' }, OK],
	['firstName a number', { firstName: 7 }, FAIL('First Name (firstName) must be text; got 7')],
	['firstName an object', { firstName: { en: 'x' } }, FAIL('First Name (firstName) must be text; got an object')],
	['lastName of 10,000 characters', { lastName: 'y'.repeat(10_000) }, FAIL('Last Name (lastName) is 10000 characters long; at most 200 are accepted')],
	['lastName of 1 MB', { lastName: MB }, FAIL('Last Name (lastName) is 1048576 characters long')],
	['firstName with CR/LF', { firstName: 'a\r\nb' }, FAIL('First Name (firstName) contains a line break or control character')],
	['firstName with a null byte', { firstName: 'a\u0000' }, FAIL('First Name (firstName) contains a line break or control character')],
	['salutation deeply nested', { salutation: nested }, FAIL('Salutation (salutation) must be text; got an object')],
	['fullName a list', { fullName: ['a', 'b'] }, FAIL('Full Name (fullName) must be text; got a list')],
	['phone with letters', { phoneNumber: '98765abcd' }, FAIL("Phone Number (phoneNumber) must be digits only; got '98765abcd'")],
	['phone with another country code in front', { phoneNumber: '+449876543210' }, FAIL('put the country code in Country Code (countryCode)')],
	['phone of 40 digits', { phoneNumber: '9'.repeat(40) }, FAIL('Phone Number (phoneNumber) must have 4 to 15 digits; got 40 digits')],
	['phone of 3 digits', { phoneNumber: '123' }, FAIL('Phone Number (phoneNumber) must have 4 to 15 digits; got 3 digits')],
	['phone a negative number', { phoneNumber: -12345 }, FAIL('Phone Number (phoneNumber) must be digits only; got -12345')],
	['phone a fraction', { phoneNumber: 98765.5 }, FAIL('Phone Number (phoneNumber) must be digits only; got 98765.5')],
	['phone missing', { phoneNumber: undefined }, OK],
	['phone with emoji', { phoneNumber: '98765😀' }, FAIL('Phone Number (phoneNumber) must be digits only')],
	['country code with letters', { countryCode: '+IN' }, FAIL("Country Code (countryCode) must be a calling code like '+91' or '+1'; got '+IN'")],
	['country code too long', { countryCode: '+12345' }, FAIL('Country Code (countryCode) must be a calling code')],
	['country code an object', { countryCode: { code: 91 } }, FAIL('Country Code (countryCode) must be a calling code like')],
	['extension missing', { extension: undefined }, OK],
	['extension too long', { extension: '+'.repeat(11) }, FAIL("Extension (extension) must be short text, like '+'")],
	['cellPhone a string', { cellPhone: '+91 98765' }, FAIL('Cell Phone (cellPhone) must be an object with phoneNumber, countryCode and extension')],
	// safely normalised, so valid:
	['phone with spaces and dashes', { phoneNumber: '98 765-4321' }, OK],
	['phone with leading zeros', { phoneNumber: '0098765432' }, OK],
	['phone as a number', { phoneNumber: 9876543219 }, OK],
	['country code without +', { countryCode: '91' }, OK],
	['country code as a number', { countryCode: 1 }, OK],
	['unicode and right-to-left names', { firstName: 'محمد', lastName: 'Ærøskøbing' }, OK],
	['emoji in a name', { firstName: 'Zoë 😀' }, OK],
	['__proto__ and constructor keys', JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'), OK],
	['id given as _id', { id: undefined, _id: '__ID__' }, OK],
];

test(`${cases.length} hostile items: each valid or Failed with its specific reason, nothing bad sent`, async () => {
	expect(cases.length).toBeGreaterThanOrEqual(40);
	const items = cases.map(([, overrides], n) => {
		const item: IDataObject = { ...contactItem(n), phoneNumber: `98765${String(n).padStart(5, '0')}` };
		for (const [key, value] of Object.entries(overrides)) {
			if (value === undefined) delete item[key];
			else item[key] = (value === '__ID__' ? demoContactId(n) : value) as IDataObject[string];
		}
		// keep prototype-named keys as own properties, the way n8n's JSON parsing gives them
		if (Object.prototype.hasOwnProperty.call(overrides, '__proto__')) {
			Object.defineProperty(item, '__proto__', { value: overrides.__proto__, enumerable: true });
		}
		return item;
	});
	const result = await run(sandbox, { items, parameters: { rateLimitWindowSeconds: 1 } });
	expect(result.error).toBeUndefined();
	expectEveryItemOnce(result, items.length);

	const validIndexes = cases.flatMap(([, , expected], n) => ('ok' in expected ? [n] : []));
	expect(pairedIndexes(result.success)).toEqual(validIndexes);
	for (const failed of result.failed) {
		const n = (failed.pairedItem as { item: number }).item;
		const [name, , expected] = cases[n];
		expect({ name, stage: failed.json.stage }).toEqual({ name, stage: 'validation' });
		expect({ name, reason: failed.json.reason }).toEqual({ name, reason: expect.stringContaining((expected as { reason: string }).reason) });
		expect(String(failed.json.reason).length).toBeLessThan(600);
	}
	const sent = bulkRequests(sandbox).flatMap((r) => (r.body as Array<{ id: string }>).map((c) => c.id));
	expect(sent).toEqual(validIndexes.map((n) => demoContactId(n)));
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
});

test('normalised values are what Kore receives', () => {
	const sent = bulkRequests(sandbox).flatMap((r) => r.body as Array<{ cellPhone: Record<string, string>; firstName: string }>);
	const byName = (name: string) => sent[cases.filter(([, , e]) => 'ok' in e).findIndex(([n]) => n === name)];
	expect(byName('phone with spaces and dashes').cellPhone.phoneNumber).toBe('987654321');
	expect(byName('country code without +').cellPhone.countryCode).toBe('+91');
	expect(byName('country code as a number').cellPhone.countryCode).toBe('+1');
	expect(byName('emoji in a name').firstName).toBe('Zoë 😀');
	// left out: Kore's own values, the national number without the country code Kore stores in front
	const n = (name: string) => cases.findIndex(([caseName]) => caseName === name);
	expect(byName('firstName missing').firstName).toBe(demoContact(n('firstName missing')).firstName);
	expect(byName('firstName blank').firstName).toBe(demoContact(n('firstName blank')).firstName);
	expect(byName('phone missing').cellPhone.phoneNumber).toBe(demoContact(n('phone missing')).cellPhone.phoneNumber);
	expect(byName('extension missing').cellPhone.extension).toBe(demoContact(n('extension missing')).cellPhone.extension);
});

test('no secret or token in any output, error or log line of this file', () => {
	expectNoSecretsLeaked(sandbox);
});
