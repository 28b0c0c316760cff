import { contactFilter, instantIn, type ContactFilters } from '../../nodes/KoreAiContacts/helpers/contactFilter';

const contact = (over: Record<string, unknown> = {}) => ({
	_id: 'c1',
	firstName: 'Asha',
	lastName: 'Rao',
	fullName: 'Asha Rao',
	cellPhone: { phoneNumber: '+919845011111', countryCode: '+91', extension: '+' },
	status: 'ACTIVE',
	updatedAt: '2026-11-28T10:00:00.000Z',
	...over,
});

function predicate(filters: ContactFilters) {
	const result = contactFilter(filters);
	if (!result.ok) throw new Error(result.problem);
	return result.predicate;
}

describe('phone number, any written form', () => {
	test.each(['919845011111', '91 98450 11111'])('country code digits without +: %s finds +91 98450 11111, as Kore.ai stores it', (written) => {
		const p = predicate({ phoneNumber: written });
		expect(p.matches(contact())).toBe(true);
		expect(p.matches(contact({ cellPhone: { phoneNumber: '+919845011112', countryCode: '+91' } }))).toBe(false);
		// the same digits as a national number of another country still match as written
		expect(p.matches(contact({ cellPhone: { phoneNumber: '+1919845011111', countryCode: '+1' } }))).toBe(true);
		expect(p.keys).toEqual(['national:919845011111', 'phone:+919845011111']);
	});

	test('a Contact ID filter is one contact, looked up by its key', () => {
		const p = predicate({ id: 'c1' });
		expect(p.matches(contact())).toBe(true);
		expect(p.matches(contact({ _id: 'c2' }))).toBe(false);
		expect(p.unique).toBe(true);
		expect(p.keys).toEqual(['id:c1']);
	});

	test.each(['+91 98450 11111', '+91-98450-11111', '0091 9845011111', '+919845011111', '(+91) 98450.11111'])('with a country code: %s is the one contact', (written) => {
		const p = predicate({ phoneNumber: written });
		expect(p.matches(contact())).toBe(true);
		expect(p.unique).toBe(true);
		expect(p.matches(contact({ cellPhone: { phoneNumber: '+449845011111', countryCode: '+44' } }))).toBe(false);
	});

	test.each(['98450 11111', '9845011111', '98450-11111'])('without one: the national number, exactly: %s', (written) => {
		const p = predicate({ phoneNumber: written });
		expect(p.unique).toBe(false);
		expect(p.matches(contact())).toBe(true);
		expect(p.matches(contact({ cellPhone: { phoneNumber: '+449845011111', countryCode: '+44' } }))).toBe(true);
		expect(p.matches(contact({ cellPhone: { phoneNumber: '+9198450111119', countryCode: '+91' } }))).toBe(false);
	});

	test('a part of a number is not a match', () => {
		expect(predicate({ phoneNumber: '11111' }).matches(contact())).toBe(false);
		expect(predicate({ phoneNumber: '+91 98450' }).matches(contact())).toBe(false);
	});

	test('letters are refused with a reason', () => {
		const result = contactFilter({ phoneNumber: '98-76x' });
		expect(result).toMatchObject({ ok: false });
		expect(!result.ok && result.problem).toContain('is not a phone number');
	});
});

test('name: a part of the first, last or full name, any case', () => {
	for (const name of ['asha', 'RAO', 'a r', 'Asha Rao', 'sha']) expect(predicate({ name }).matches(contact())).toBe(true);
	expect(predicate({ name: 'Ravi' }).matches(contact())).toBe(false);
	expect(predicate({ name: 'Asha Rao' }).matches(contact({ fullName: '' }))).toBe(true);
});

test('status: active by default, deleted contacts left out; inactive; any', () => {
	const deleted = contact({ status: 'INACTIVE' });
	expect(predicate({}).matches(deleted)).toBe(false);
	expect(predicate({}).matches(contact({ status: undefined }))).toBe(true);
	expect(predicate({ status: 'inactive' }).matches(deleted)).toBe(true);
	expect(predicate({ status: 'inactive' }).matches(contact())).toBe(false);
	expect(predicate({ status: 'any' }).matches(deleted)).toBe(true);
	// Deleted contacts may share a number: only an active one is unique.
	expect(predicate({ phoneNumber: '+919845011111', status: 'any' }).unique).toBe(false);
});

test('updated since: at or after, never a contact without a readable updatedAt', () => {
	const at = Date.parse('2026-11-28T10:00:00.000Z');
	expect(predicate({ updatedSince: at }).matches(contact())).toBe(true);
	expect(predicate({ updatedSince: at + 1 }).matches(contact())).toBe(false);
	expect(predicate({ updatedSince: at }).matches(contact({ updatedAt: 'yesterday' }))).toBe(false);
});

test('all filters together (AND)', () => {
	const p = predicate({ phoneNumber: '9845011111', name: 'asha', updatedSince: 0 });
	expect(p.matches(contact())).toBe(true);
	expect(p.matches(contact({ firstName: 'Ravi', fullName: 'Ravi Rao', lastName: 'Kumar' }))).toBe(false);
});

describe("a date and time in the workflow's time zone", () => {
	test('without a zone: read in the given zone, also across daylight saving time', () => {
		expect(instantIn('2026-11-28T10:00:00', 'Asia/Kolkata')).toBe(Date.parse('2026-11-28T04:30:00Z'));
		expect(instantIn('2026-07-01T10:00:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T08:00:00Z'));
		expect(instantIn('2026-01-01T10:00:00', 'Europe/Berlin')).toBe(Date.parse('2026-01-01T09:00:00Z'));
		expect(instantIn('2026-11-28', 'America/New_York')).toBe(Date.parse('2026-11-28T05:00:00Z'));
	});

	test('with a zone or offset: as written', () => {
		expect(instantIn('2026-11-28T10:00:00Z', 'Asia/Kolkata')).toBe(Date.parse('2026-11-28T10:00:00Z'));
		expect(instantIn('2026-11-28T10:00:00+01:00', 'Asia/Kolkata')).toBe(Date.parse('2026-11-28T09:00:00Z'));
	});

	test('empty is no filter; nonsense is NaN', () => {
		expect(instantIn('', 'UTC')).toBeUndefined();
		expect(instantIn(undefined, 'UTC')).toBeUndefined();
		expect(instantIn('not a date', 'UTC')).toBeNaN();
	});
});

test('selective: only filters that leave out more than deleted contacts', () => {
	expect(predicate({}).selective).toBe(false);
	expect(predicate({ status: 'any' }).selective).toBe(false);
	expect(predicate({ status: 'inactive' }).selective).toBe(true);
	expect(predicate({ name: 'a' }).selective).toBe(true);
	expect(predicate({ status: 'any', updatedSince: 0 }).selective).toBe(true);
});
