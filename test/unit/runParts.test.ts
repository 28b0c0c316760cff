// The pure parts of a run: completing a partial update from Kore's copy, matching many items' filters
// in one read, and the summary n8n shows above the output.
import { completeFrom, missingFields } from '../../nodes/KoreAiContacts/helpers/completion';
import { contactFilter } from '../../nodes/KoreAiContacts/helpers/contactFilter';
import { Lookups } from '../../nodes/KoreAiContacts/helpers/lookups';
import { dryRunSummary, failedSummary, pagesSummary } from '../../nodes/KoreAiContacts/helpers/runSummary';
import type { ItemOutcome } from '../../nodes/KoreAiContacts/helpers/types';
import { validateContact } from '../../nodes/KoreAiContacts/helpers/validation';

const stored = {
	_id: 'c1',
	firstName: 'Asha',
	lastName: 'Rao',
	fullName: 'Asha K. Rao',
	salutation: 'ms',
	cellPhone: { phoneNumber: '+919845011111', countryCode: '+91', extension: '+' },
	status: 'ACTIVE',
};

describe('completing a partial update from Kore.ai\'s copy', () => {
	test('only the surname given: every other field is Kore\'s, the full name derived again', () => {
		const raw = { id: 'c1', lastName: 'Iyer' };
		expect(missingFields(raw)).toEqual(['firstName', 'salutation', 'phoneNumber', 'countryCode', 'extension']);
		const result = validateContact(completeFrom(raw, stored));
		expect(result).toEqual({
			ok: true,
			record: { id: 'c1', firstName: 'Asha', lastName: 'Iyer', fullName: 'Asha Iyer', salutation: 'ms', cellPhone: { phoneNumber: '9845011111', countryCode: '+91', extension: '+' } },
		});
	});

	test('no name given: Kore\'s full name is kept as it is; an empty value keeps Kore\'s too', () => {
		const result = validateContact(completeFrom({ id: 'c1', phoneNumber: '9845099999', extension: '' }, stored));
		expect(result.ok && result.record).toMatchObject({ fullName: 'Asha K. Rao', cellPhone: { phoneNumber: '9845099999', countryCode: '+91', extension: '+' } });
	});

	test('a value the item gives is still checked', () => {
		const result = validateContact(completeFrom({ id: 'c1', phoneNumber: '98-76x' }, stored));
		expect(!result.ok && result.reason).toBe("Phone Number (phoneNumber) must be digits only; got '98-76x'");
	});

	test('every required field given: nothing to complete', () => {
		expect(missingFields({ id: 'c1', firstName: 'a', lastName: 'b', salutation: 'mr', phoneNumber: '1234', countryCode: '+1', extension: '+' })).toEqual([]);
	});
});

describe('many items\' filters against one read', () => {
	const contacts = Array.from({ length: 1000 }, (_, n) => ({ _id: `c${n}`, firstName: n % 2 ? 'Asha' : 'Ravi', lastName: 'x', cellPhone: { phoneNumber: `+9198450${String(n).padStart(5, '0')}`, countryCode: '+91' } }));
	const filter = (filters: Parameters<typeof contactFilter>[0]) => {
		const result = contactFilter(filters);
		if (!result.ok) throw new Error(result.problem);
		return result.predicate;
	};

	test('each item gets its own matches; reading is settled once every item has its answer', () => {
		const lookups = new Lookups([
			{ itemIndex: 0, predicate: filter({ phoneNumber: '+91 98450 00500' }) },
			{ itemIndex: 1, predicate: filter({ name: 'asha' }), limit: 2 },
			{ itemIndex: 2, predicate: filter({ id: 'c7' }) },
			{ itemIndex: 3, predicate: filter({ phoneNumber: '+91 98450 00500' }) },
		]);
		const { predicate } = lookups;
		let read = 0;
		for (const contact of contacts) {
			read++;
			if (predicate.matches(contact) && predicate.settled?.()) break;
		}
		expect(read).toBe(501);
		expect(lookups.matchesOf(0).map((c) => c._id)).toEqual(['c500']);
		expect(lookups.matchesOf(1).map((c) => c._id)).toEqual(['c1', 'c3']);
		expect(lookups.matchesOf(2).map((c) => c._id)).toEqual(['c7']);
		expect(lookups.matchesOf(3).map((c) => c._id)).toEqual(['c500']);
	});

	test('an item with Return All never settles: the whole list is read', () => {
		const lookups = new Lookups([{ itemIndex: 0, predicate: filter({ name: 'ravi' }) }]);
		const kept = contacts.filter((contact) => lookups.predicate.matches(contact));
		expect(kept).toHaveLength(500);
		expect(lookups.predicate.settled?.()).toBe(false);
	});
});

describe('the run\'s summary above the output', () => {
	const failed = (code: string, reason: string): ItemOutcome => ({ kind: 'failed', id: null, record: null, stage: 'api', code, reason });
	const ok: ItemOutcome = { kind: 'success', contact: {} };

	test('records on Failed, the most common reasons first, each by the words most of its records carry', () => {
		const outcomes = [ok, failed('CONTACT_NOT_FOUND', 'no contact'), ok, failed('INVALID_RECORD', "got '1'"), failed('CONTACT_NOT_FOUND', 'no contact'), failed('X', 'x'), failed('Y', 'y'), failed('Z', 'z')];
		expect(failedSummary(outcomes)).toEqual({
			type: 'warning',
			message: '6 of 8 records on the Failed output (open it for each record\'s reason). 2 × CONTACT_NOT_FOUND: no contact; 1 × INVALID_RECORD: got \'1\'; 1 × X: x; 2 more with other reasons',
		});
		expect(failedSummary([ok, ok])).toBeUndefined();
	});

	test('Dry Run, and a read of many pages', () => {
		expect(dryRunSummary([ok, failed('A', 'a')]).message).toBe('Dry Run: nothing was written to Kore.ai. 1 of 2 would be written as shown on Success; the rest are on Failed as they would be.');
		expect(pagesSummary(9)).toBeUndefined();
		expect(pagesSummary(50)?.message).toMatch(/^Reading Kore\.ai's contact list took 50 requests/);
	});
});
