// Phone numbers compared the way Kore stores them, what changes, and the Create or Update plan.
import { nationalNumber, phoneKey } from '../../nodes/KoreAiContacts/helpers/phone';
import { contactChanges, planUpsert, type StoredContact, type UpsertItem } from '../../nodes/KoreAiContacts/helpers/upsertPlan';
import type { NewContact } from '../../nodes/KoreAiContacts/helpers/types';

describe('phone numbers as Kore stores them', () => {
	test.each([
		['+91 98765 43210', '91'],
		['0091-9876543210', '91'],
		['0091 98765.43210', '+91'],
		['(98765) 43210', '+91'],
		['919876543210', '91'],
		['+91-9876543210', '0091'],
		['+919876543210', ''],
		[9876543210, '+91'],
	])('%j with country code %j is +919876543210', (phoneNumber, countryCode) => {
		expect(phoneKey({ phoneNumber: phoneNumber as string, countryCode })).toBe('+919876543210');
	});

	test.each([
		// a 10-digit national number that happens to start with the country code keeps it
		['9123456789', '91', '+919123456789'],
		// another country's number, written with its own code
		['+44 7700 900123', '91', '+447700900123'],
		['9876543210', '1', '+19876543210'],
		['98765432100', '91', '+9198765432100'],
	])('%j with %j stays its own number: %j', (phoneNumber, countryCode, key) => {
		expect(phoneKey({ phoneNumber, countryCode })).toBe(key);
		expect(key).not.toBe('+919876543210');
	});

	test('the national number that is sent', () => {
		expect(nationalNumber('+91 98765-43210', '+91')).toBe('9876543210');
		expect(nationalNumber('0091 9876543210', '91')).toBe('9876543210');
		expect(nationalNumber('9123456789', '91')).toBe('9123456789');
		expect(nationalNumber('+44 98', '+91')).toBe('+4498');
	});
});

const record = (n: number, extra: Partial<NewContact> = {}): NewContact => ({
	firstName: `f${n}`,
	lastName: 'l',
	fullName: `f${n} l`,
	salutation: 'mr',
	cellPhone: { phoneNumber: `98765000${n}0`, countryCode: '+91', extension: '+' },
	...extra,
});
const stored = (n: number, extra: Record<string, unknown> = {}): StoredContact => ({
	_id: `c${n}`,
	...record(n),
	fullName: `f${n} l`,
	status: 'ACTIVE',
	cellPhone: { phoneNumber: `+9198765000${n}0`, countryCode: '+91', extension: '+' },
	...extra,
});
const item = (n: number, rec: NewContact, extra: Partial<UpsertItem> = {}): UpsertItem => ({ itemIndex: n, record: rec, mapsFullName: false, ...extra });
const byPhone = { matchOn: 'phoneNumber' as const, preferId: false, skipUnchanged: true };

describe('contactChanges', () => {
	test('nothing when every mapped field is equal after normalising', () => {
		expect(contactChanges(stored(1), record(1), false)).toEqual({});
		expect(contactChanges(stored(1, { fullName: 'Someone Else' }), record(1), false)).toEqual({});
	});

	test('each changed field with from and to', () => {
		expect(contactChanges(stored(1), record(1, { lastName: 'new', cellPhone: { phoneNumber: '9999900000', countryCode: '+91', extension: '+' } }), true)).toEqual({
			lastName: { from: 'l', to: 'new' },
			phoneNumber: { from: '9876500010', to: '9999900000' },
		});
		expect(contactChanges(stored(1, { fullName: 'x' }), record(1), true)).toEqual({ fullName: { from: 'x', to: 'f1 l' } });
	});
});

describe('planUpsert', () => {
	test('unchanged, updated, created', () => {
		const plan = planUpsert([item(0, record(1)), item(1, record(2, { lastName: 'moved' })), item(2, record(7))], [stored(1), stored(2)], byPhone);
		expect(plan.map((d) => d.action)).toEqual(['unchanged', 'updated', 'created']);
		expect(plan[1]).toMatchObject({ record: { id: 'c2', lastName: 'moved', fullName: 'f2 l' }, changes: { lastName: { from: 'l', to: 'moved' } } });
	});

	test('an update keeps the full name Kore has when the item does not map one', () => {
		const [decision] = planUpsert([item(0, record(1, { lastName: 'z', fullName: 'f1 z' }))], [stored(1, { fullName: 'Dr F. One' })], byPhone);
		expect(decision).toMatchObject({ action: 'updated', record: { fullName: 'Dr F. One' } });
	});

	test('Skip Unchanged off: equal contacts are written too', () => {
		expect(planUpsert([item(0, record(1))], [stored(1)], { ...byPhone, skipUnchanged: false })[0].action).toBe('updated');
	});

	test('ambiguity is reported, never guessed', () => {
		const plan = planUpsert(
			[
				item(0, record(1)),
				item(1, record(1, { firstName: 'again' })),
				item(2, record(2), { id: 'c3' }),
				item(3, record(4)),
				item(4, record(5), { id: 'nope' }),
			],
			[stored(1), stored(2), stored(3), stored(4, { status: 'INACTIVE' })],
			byPhone,
		);
		expect(plan.map((d) => (d.action === 'failed' ? d.code : d.action))).toEqual(['unchanged', 'REPEATED_PHONE_NUMBER', 'AMBIGUOUS_MATCH', 'INACTIVE_CONTACT', 'CONTACT_NOT_FOUND']);
		expect(plan[1]).toMatchObject({ reason: expect.stringContaining('also on item 0') });
		expect(plan[2]).toMatchObject({ reason: expect.stringContaining('belongs to contact c2, but the item\'s id is contact c3') });
		expect(plan[3]).toMatchObject({ reason: expect.stringContaining('was deleted in Kore.ai (INACTIVE)') });
	});

	test('matching on id: by id, a new number is a change; no id and a taken number is refused', () => {
		const onId = { ...byPhone, matchOn: 'id' as const };
		const plan = planUpsert(
			[item(0, record(9), { id: 'c1' }), item(1, record(2)), item(2, record(8))],
			[stored(1), stored(2)],
			onId,
		);
		expect(plan.map((d) => (d.action === 'failed' ? d.code : d.action))).toEqual(['updated', 'DUPLICATE_PHONE_NUMBER', 'created']);
		expect(plan[0]).toMatchObject({ record: { id: 'c1' }, changes: { firstName: { from: 'f1', to: 'f9' } } });
	});

	test('an inactive contact does not hide an active one with the same number', () => {
		const plan = planUpsert([item(0, record(1))], [stored(1, { _id: 'old', status: 'INACTIVE' }), stored(1)], byPhone);
		expect(plan[0].action).toBe('unchanged');
	});

	test('100,000 items against 100,000 contacts: every one matched through the index', () => {
		const contacts = Array.from({ length: 100_000 }, (_, n) => stored(n, { cellPhone: { phoneNumber: `+91${8_000_000_000 + n}`, countryCode: '+91', extension: '+' } }));
		const items = contacts.map((_, n) => item(n, record(n, { cellPhone: { phoneNumber: String(8_000_000_000 + n), countryCode: '+91', extension: '+' } })));
		const plan = planUpsert(items, contacts, byPhone);
		expect(plan.filter((d) => d.action === 'unchanged')).toHaveLength(100_000);
	});
});
