// Creating contacts without ever creating one twice, for Create and Import from CSV. A creating call
// is sent again only when Kore.ai surely did not apply it; when its outcome is unknown (timeout, reset,
// an answer that does not mention a record), the account is read back and each such record reported
// as created if Kore.ai has it, and sent again only if it does not.
import type { IExecuteFunctions } from 'n8n-workflow';

import { contactIdOf, withId } from '../../helpers/contactShape';
import { byPhone, contactPhoneKey, phoneKey } from '../../helpers/phone';
import { reconcileCreated } from '../../helpers/reconcileCreated';
import type { ItemOutcome, NewContact, PendingRecord } from '../../helpers/types';
import type { KoreCall, KoreClient } from '../../transport/koreClient';
import { LARGEST_PAGE, readContacts } from '../../transport/pages';
import { BatchRun, type BatchPlan } from './batchRun';
import type { RunOptions } from '../../helpers/options';

const sameName = (contact: Record<string, unknown>, record: NewContact) =>
	contact.firstName === record.firstName && contact.lastName === record.lastName && contact.salutation === record.salutation;

export interface CreateRun {
	client: KoreClient;
	/** The creating request for a batch (Create's, or Import's CSV file). */
	callFor: (records: NewContact[]) => KoreCall;
	pending: Array<PendingRecord<NewContact>>;
	outcomes: ItemOutcome[];
	options: RunOptions;
}

export async function createOnce(context: IExecuteFunctions, { client, callFor, pending, outcomes, options }: CreateRun): Promise<void> {
	const unpaired: unknown[] = [];
	const plan: BatchPlan<NewContact> = {
		key: byPhone,
		call: callFor,
		reconcile: (batch, body, status) => {
			const answer = reconcileCreated(batch, body, status);
			unpaired.push(...answer.unpaired);
			return answer.outcomes;
		},
		idOf: () => null,
	};
	const run = new BatchRun(context, { client, plan, outcomes, batchSize: options.batchSize, parallelRequests: options.parallelRequests });
	let round = pending;
	for (let check = 0; round.length > 0; check++) {
		await run.send(round);
		const unknown = round.filter(({ slot }) => outcomes[slot]?.kind === 'unknown');
		if (unknown.length === 0) break;
		round = await checkCreated(client, unknown, outcomes, check >= options.maxRetries);
	}
	if (unpaired.length > 0) {
		const message = `Kore.ai answered with ${unpaired.length} created contact(s) that match no record sent (by phone number); they are not paired to any item. Check them in Kore.ai.`;
		context.logger.warn(message, { contacts: unpaired.length });
		context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	}
}

/** Reads the account back: records Kore has are created, the rest returned to be sent again. */
async function checkCreated(
	client: KoreClient,
	unknown: Array<PendingRecord<NewContact>>,
	outcomes: ItemOutcome[],
	lastTry: boolean,
): Promise<Array<PendingRecord<NewContact>>> {
	const read = await readContacts(client, { pageSize: LARGEST_PAGE });
	if (read.kind === 'failed') {
		for (const { slot, record } of unknown) {
			outcomes[slot] = {
				kind: 'failed',
				id: null,
				record,
				stage: 'request',
				reason: 'Kore.ai may or may not have created this contact, and the node could not read the contacts back to check. Look for its phone number in Kore.ai before running this item again.',
				code: 'OUTCOME_UNKNOWN',
			};
		}
		return [];
	}
	const byPhone = new Map<string, Record<string, unknown>>();
	for (const contact of read.contacts) {
		const key = contactPhoneKey(contact);
		if (key !== undefined) byPhone.set(key, contact);
	}
	const again: Array<PendingRecord<NewContact>> = [];
	for (const pending of unknown) {
		const { slot, record } = pending;
		const contact = byPhone.get(phoneKey(record.cellPhone) ?? '');
		if (contact && sameName(contact, record)) {
			outcomes[slot] = { kind: 'success', contact: withId(contact) };
		} else if (contact) {
			outcomes[slot] = {
				kind: 'failed',
				id: null,
				record,
				stage: 'api',
				reason: `Another contact in Kore.ai (id ${contactIdOf(contact)}) already has this phone number, and Kore.ai allows a number on one contact only`,
				code: 'DUPLICATE_PHONE_NUMBER',
			};
		} else if (lastTry) {
			outcomes[slot] = {
				kind: 'failed',
				id: null,
				record,
				stage: 'request',
				reason: `Kore.ai did not confirm creating this contact, and it is not in Kore.ai: it was not created (${(outcomes[slot] as { reason: string }).reason}). Running this item again is safe.`,
				code: 'NOT_CREATED',
			};
		} else {
			again.push(pending);
		}
	}
	return again;
}
