import { NOT_ACKNOWLEDGED_REASON, entryCode, entryId, entryReason, reconcileBatch } from '../../nodes/KoreAiContacts/helpers/reconcile';
import type { PendingRecord } from '../../nodes/KoreAiContacts/helpers/types';

const batch: PendingRecord[] = ['a', 'b', 'c', 'd'].map((id, i) => ({
	slot: i,
	itemIndex: 10 + i,
	record: { id, firstName: 'f', lastName: 'l', fullName: 'f l', salutation: 'mr', cellPhone: { phoneNumber: '1234', countryCode: '+1', extension: '+' } },
}));

describe('failedRecords entries of any shape', () => {
	test.each([
		[{ id: 'a', error: 'boom' }, 'a', 'boom'],
		[{ _id: 'a', message: 'boom' }, 'a', 'boom'],
		[{ record: { id: 'a' }, error: { msg: 'boom', code: 7 } }, 'a', 'boom'],
		[{ contact: { _id: 'a' }, errors: [{ msg: 'boom' }] }, 'a', 'boom'],
		[{ id: 'a', reason: { details: 'x', description: 'boom' } }, 'a', 'boom'],
		[{ contactId: 'a', msg: 'boom' }, 'a', 'boom'],
	])('%j', (entry, id, reason) => {
		expect(entryId(entry)).toBe(id);
		expect(entryReason(entry)).toBe(reason);
	});

	test('codes at the top or nested', () => {
		expect(entryCode({ code: 'X' })).toBe('X');
		expect(entryCode({ error: { code: 7 } })).toBe(7);
		expect(entryCode({ errors: [{ errorCode: 'Y' }] })).toBe('Y');
		expect(entryCode('text')).toBeUndefined();
	});

	test('a deeply nested entry does not recurse without end', () => {
		let deep: Record<string, unknown> = { msg: 'bottom' };
		for (let i = 0; i < 1000; i++) deep = { error: deep };
		expect(entryReason(deep)).toBeUndefined();
	});
});

describe('reconcileBatch', () => {
	test('matches by id; unmentioned records are not acknowledged; ids never sent are ignored', () => {
		const outcomes = reconcileBatch(
			batch,
			{
				successfulRecords: [
					{ id: 'b', contact: { _id: 'b', firstName: 'x' } },
					{ id: 'zzz', contact: { _id: 'zzz' } },
				],
				failedRecords: [{ id: 'a', error: 'Contact not found', code: 'NF' }, 'garbage'],
			},
			200,
		);
		expect(outcomes).toHaveLength(4);
		expect(outcomes[0]).toMatchObject({ kind: 'failed', id: 'a', stage: 'api', code: 'NF', httpStatus: 200 });
		expect(outcomes[0].kind === 'failed' && outcomes[0].reason).toContain('Kore.ai has no active contact with this id');
		expect(outcomes[1]).toEqual({ kind: 'success', contact: { _id: 'b', firstName: 'x', id: 'b' } });
		expect(outcomes[2]).toMatchObject({ kind: 'failed', id: 'c', reason: NOT_ACKNOWLEDGED_REASON, code: 'NOT_ACKNOWLEDGED' });
		expect(outcomes[3]).toMatchObject({ kind: 'failed', id: 'd', code: 'NOT_ACKNOWLEDGED' });
	});

	test('an id in both lists goes to Failed once, saying so', () => {
		const outcomes = reconcileBatch(
			batch.slice(0, 1),
			{ successfulRecords: [{ id: 'a', contact: {} }], failedRecords: [{ id: 'a', error: 'dup' }] },
			200,
		);
		expect(outcomes).toHaveLength(1);
		expect(outcomes[0].kind === 'failed' && outcomes[0].reason).toContain('both updated and failed');
	});

	test('a duplicate phone number reason says what to do', () => {
		const [outcome] = reconcileBatch(batch.slice(0, 1), { failedRecords: [{ id: 'a', error: 'Phone number already exists for another contact' }] }, 200);
		expect(outcome.kind === 'failed' && outcome.reason).toContain('allows a number on one contact only');
	});
});
