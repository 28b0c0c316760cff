// Two records with one phone number in one run: Kore keeps a number on one contact only, so the
// later one cannot be created; it is reported with the earlier one named, not sent.
import { phoneKey } from './phone';
import type { ItemOutcome, NewContact, PendingRecord } from './types';

/** The records to send; each repeat gets a Failed outcome naming where the number came first. */
export function withoutRepeatedPhones(
	pending: Array<PendingRecord<NewContact>>,
	outcomes: ItemOutcome[],
	place: (earlier: PendingRecord<NewContact>) => string,
): Array<PendingRecord<NewContact>> {
	const first = new Map<string, PendingRecord<NewContact>>();
	return pending.filter((entry) => {
		const key = phoneKey(entry.record.cellPhone) ?? '';
		const earlier = first.get(key);
		if (!earlier) {
			first.set(key, entry);
			return true;
		}
		outcomes[entry.slot] = {
			kind: 'failed',
			id: null,
			record: entry.record,
			stage: 'validation',
			reason: `The phone number ${key} is also on ${place(earlier)}, which comes first. Kore.ai allows a number on one contact only, so this one was not sent.`,
			code: 'REPEATED_PHONE_NUMBER',
		};
		return false;
	});
}
