// Create or Update: each item is matched to the account's contacts (read once) by phone number, or
// by id; unchanged contacts cost no request, changed ones go through Bulk Update, new ones through
// Create (never twice). Dry Run shows the plan, and what each request would carry, first.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { contactIdOf, withId } from '../../helpers/contactShape';
import { planDeletions, type Carried } from '../../helpers/mirror';
import { phoneKey } from '../../helpers/phone';
import type { ContactRecord, ItemOutcome, NewContact, PendingRecord } from '../../helpers/types';
import { mapsFullName, planUpsert, type Changes, type UpsertItem } from '../../helpers/upsertPlan';
import { validateContactId, validateNewContact } from '../../helpers/validation';
import type { KoreClient } from '../../transport/koreClient';
import { readContacts } from '../../transport/pages';
import { bulkDeletePlan } from './bulkDelete.operation';
import { bulkUpdatePlan } from './bulkUpdate.operation';
import { createCall } from './create.operation';
import { columnsFor, validRecords } from '../shared/columns';
import { listReadError } from '../../transport/listReadError';
import { optionsFor, readOptions, type RunOptions } from '../../helpers/options';
import { runWrite } from '../shared/writeRun';
import { batchWriter, createWriter } from '../shared/writers';

const OPERATION = 'upsert';

export const description: INodeProperties[] = [
	{
		displayName:
			'Each item is matched to a Kore.ai contact by its phone number (or ID): changed contacts are updated, new people created, unchanged contacts left alone. Success items say which with <b>action</b>; turn on Dry Run to see the plan first.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	columnsFor(OPERATION, 'upsert'),
	...optionsFor(
		OPERATION,
		['dryRun', 'skipUnchanged', 'preferId', 'deleteMissing', 'maxDeletions', 'batchSize', 'pageSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute'],
	),
];

type Planned = Omit<UpsertItem, 'itemIndex'>;

/** The run's plan: the account read once, each item matched, the writes it needs set aside. */
class SyncPlan {
	readonly updates: Array<PendingRecord<ContactRecord>> = [];
	readonly creates: Array<PendingRecord<NewContact>> = [];
	/** Delete Contacts Not in Input: after the items' slots, each paired with the first item. */
	readonly deletions: Array<PendingRecord<{ id: string }>> = [];
	/** The input item of each slot: the items', then the deletions' (the run's first item). */
	readonly itemOf: number[];
	private readonly actions: string[] = [];
	private readonly changes: Changes[] = [];
	private readonly deleted = new Map<number, Record<string, unknown>>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly pending: Array<PendingRecord<Planned>>,
		private readonly outcomes: ItemOutcome[],
		private readonly options: RunOptions,
		private readonly carried: Carried,
		private readonly inputItems: number,
	) {
		this.itemOf = Array.from({ length: inputItems }, (_, item) => item);
	}

	async read(client: KoreClient) {
		const { context, pending, outcomes, options } = this;
		const read = await readContacts(client, { pageSize: options.pageSize });
		if (read.kind === 'failed') throw listReadError(context, read);
		const matchOn = (context.getNodeParameter('columns.matchingColumns', 0, ['phoneNumber']) as string[])[0] === 'id' ? 'id' : 'phoneNumber';
		const decisions = planUpsert(
			pending.map(({ itemIndex, record }) => ({ itemIndex, ...record })),
			read.contacts,
			{ matchOn, preferId: options.preferId, skipUnchanged: options.skipUnchanged },
		);
		decisions.forEach((decision, i) => {
			const { slot, itemIndex, record } = pending[i];
			this.actions[slot] = decision.action;
			switch (decision.action) {
				case 'unchanged':
					outcomes[slot] = { kind: 'success', contact: withId(decision.contact) };
					return;
				case 'updated':
					this.changes[slot] = decision.changes;
					this.updates.push({ slot, itemIndex, record: decision.record });
					return;
				case 'created':
					this.creates.push({ slot, itemIndex, record: decision.record });
					return;
				case 'failed':
					outcomes[slot] = { kind: 'failed', id: decision.id ?? record.id ?? null, record: record.record, stage: 'validation', reason: decision.reason, code: decision.code };
			}
		});
		if (options.deleteMissing) this.planDeletions(read.contacts);
		context.logger.info('Kore.ai create or update planned', {
			contactsRead: read.contacts.length,
			unchanged: this.actions.filter((a) => a === 'unchanged').length,
			updated: this.updates.length,
			created: this.creates.length,
			deleted: this.deletions.length,
			dryRun: options.dryRun,
		});
	}

	private planDeletions(contacts: Array<Record<string, unknown>>) {
		const plan = planDeletions(contacts, this.carried, this.inputItems, this.options.maxDeletions);
		if (plan.kind === 'held') {
			this.context.logger.warn(plan.reason, { wouldDelete: plan.wouldDelete });
			this.context.addExecutionHints({ message: plan.reason, type: 'warning', location: 'outputPane' });
			return;
		}
		for (const contact of plan.contacts) {
			const slot = this.itemOf.length;
			this.itemOf.push(0);
			this.actions[slot] = 'deleted';
			this.deleted.set(slot, contact);
			this.deletions.push({ slot, itemIndex: 0, record: { id: contactIdOf(contact) ?? '' } });
		}
	}

	/** Every Success item says what was done (or, with Dry Run, would be), and what changed. */
	label() {
		for (const { slot } of [...this.pending, ...this.deletions]) {
			const outcome = this.outcomes[slot];
			if (outcome?.kind !== 'success' || this.actions[slot] === undefined) continue;
			const stored = this.deleted.get(slot);
			outcome.contact = {
				...(stored && withId(stored)),
				...outcome.contact,
				action: this.actions[slot],
				...(this.changes[slot] && { changes: this.changes[slot] }),
				...(this.options.dryRun && { dryRun: true }),
			};
		}
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const carried: Carried = { phones: new Set(), ids: new Set() };
	const pending = validRecords<Planned>(this, items, outcomes, (raw) => {
		const key = phoneKey({ phoneNumber: raw.phoneNumber, countryCode: raw.countryCode });
		if (key !== undefined) carried.phones.add(key);
		if (typeof raw.id === 'string' || typeof raw.id === 'number') carried.ids.add(String(raw.id).trim());
		const id = raw.id === undefined || raw.id === null || raw.id === '' ? undefined : validateContactId(raw.id);
		const fields = validateNewContact({ ...raw, id: undefined });
		if (fields.ok && (id === undefined || id.ok)) return { ok: true, record: { record: fields.record, id: id?.ok ? id.id : undefined, mapsFullName: mapsFullName(raw) } };
		return { ok: false, reason: [id, fields].flatMap((r) => (r && !r.ok ? [r.reason] : [])).join('. ') };
	});
	const plan = new SyncPlan(this, pending, outcomes, options, carried, items.length);
	const batches = { outcomes, batchSize: options.batchSize, parallelRequests: options.parallelRequests };
	// Updates first, then creates (never twice), then the deletions, each as its operation writes them.
	const writers = [
		batchWriter(this, { ...batches, plan: bulkUpdatePlan, records: () => plan.updates, action: 'updated' }),
		createWriter(this, { records: () => plan.creates, callFor: createCall, outcomes, options }),
		batchWriter(this, { ...batches, plan: bulkDeletePlan, records: () => plan.deletions, action: 'deleted' }),
	];
	return await runWrite(this, {
		operation: 'create or update',
		items,
		options,
		outcomes,
		pending,
		itemOf: plan.itemOf,
		idOf: (planned) => planned.id ?? null,
		prepare: async (client) => await plan.read(client),
		writer: {
			preview: () => writers.forEach((writer) => writer.preview()),
			send: async (client) => {
				for (const writer of writers) await writer.send(client);
			},
		},
		finish: () => plan.label(),
	});
}
