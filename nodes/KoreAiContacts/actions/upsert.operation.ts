// Create or Update: each item is matched to the account's contacts (read once) by phone number, or
// by id; unchanged contacts cost no request, changed ones go through Bulk Update, new ones through
// Create (never twice). Dry Run shows the plan, and what each request would carry, first.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId } from '../helpers/batching';
import { withId } from '../helpers/contactShape';
import { byPhone } from '../helpers/phone';
import type { ContactRecord, ItemOutcome, NewContact, PendingRecord } from '../helpers/types';
import { mapsFullName, planUpsert, type Changes, type UpsertItem } from '../helpers/upsertPlan';
import { validateContactId, validateNewContact } from '../helpers/validation';
import type { KoreClient } from '../transport/koreClient';
import { readContacts } from '../transport/pages';
import { bulkUpdatePlan } from './bulkUpdate.operation';
import { createCall } from './create.operation';
import { BatchRun } from './shared/batchRun';
import { columnsFor, validRecords } from './shared/columns';
import { createOnce } from './shared/createRun';
import { previewRequests } from './shared/dryRun';
import { listReadError } from './shared/listReadError';
import { optionsFor, readOptions, type RunOptions } from './shared/options';
import { runWrite } from './shared/writeRun';

const OPERATION = 'upsert';
/** The account is read once per run: in the largest pages, the fewest requests. */
const DEFAULTS = { pageSize: 1000 };

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
		['dryRun', 'skipUnchanged', 'preferId', 'batchSize', 'pageSize', 'includeInputData', 'maxRetries', 'parallelRequests', 'timeout', 'requestsPerMinute'],
		DEFAULTS,
	),
];

type Planned = Omit<UpsertItem, 'itemIndex'>;

/** Reads the account, plans, then writes only what changed (or, with Dry Run, shows it). */
async function sync(context: IExecuteFunctions, client: KoreClient, pending: Array<PendingRecord<Planned>>, outcomes: ItemOutcome[], options: RunOptions) {
	const read = await readContacts(client, { pageSize: options.pageSize });
	if (read.kind === 'failed') throw listReadError(context, read);
	const matchOn = (context.getNodeParameter('columns.matchingColumns', 0, ['phoneNumber']) as string[])[0] === 'id' ? 'id' : 'phoneNumber';
	const decisions = planUpsert(
		pending.map(({ itemIndex, record }) => ({ itemIndex, ...record })),
		read.contacts,
		{ matchOn, preferId: options.preferId, skipUnchanged: options.skipUnchanged },
	);
	const updates: Array<PendingRecord<ContactRecord>> = [];
	const creates: Array<PendingRecord<NewContact>> = [];
	const changes: Changes[] = [];
	const actions: string[] = [];
	decisions.forEach((decision, i) => {
		const { slot, itemIndex, record } = pending[i];
		actions[slot] = decision.action;
		switch (decision.action) {
			case 'unchanged':
				outcomes[slot] = { kind: 'success', contact: withId(decision.contact) };
				return;
			case 'updated':
				changes[slot] = decision.changes;
				updates.push({ slot, itemIndex, record: decision.record });
				return;
			case 'created':
				creates.push({ slot, itemIndex, record: decision.record });
				return;
			case 'failed':
				outcomes[slot] = { kind: 'failed', id: decision.id ?? record.id ?? null, record: record.record, stage: 'validation', reason: decision.reason, code: decision.code };
		}
	});
	if (options.dryRun) {
		previewRequests(updates, outcomes, options.batchSize, byId, bulkUpdatePlan.call, 'updated');
		previewRequests(creates, outcomes, options.batchSize, byPhone, createCall, 'created');
	} else {
		await new BatchRun(context, client, bulkUpdatePlan, outcomes, options.batchSize, options.parallelRequests).send(updates);
		await createOnce(context, client, createCall, creates, outcomes, options);
	}
	// Every Success item says what was done (or, with Dry Run, would be), and what changed.
	for (const { slot } of pending) {
		const outcome = outcomes[slot];
		if (outcome?.kind !== 'success') continue;
		outcome.contact = { ...outcome.contact, action: actions[slot], ...(changes[slot] && { changes: changes[slot] }), ...(options.dryRun && { dryRun: true }) };
	}
	context.logger.info('Kore.ai create or update planned', {
		contactsRead: read.contacts.length,
		unchanged: actions.filter((a) => a === 'unchanged').length,
		updated: updates.length,
		created: creates.length,
		dryRun: options.dryRun,
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this, DEFAULTS);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const pending = validRecords<Planned>(this, items, outcomes, (raw) => {
		const id = raw.id === undefined || raw.id === null || raw.id === '' ? undefined : validateContactId(raw.id);
		const fields = validateNewContact({ ...raw, id: undefined });
		if (fields.ok && (id === undefined || id.ok)) return { ok: true, record: { record: fields.record, id: id?.ok ? id.id : undefined, mapsFullName: mapsFullName(raw) } };
		return { ok: false, reason: [id, fields].flatMap((r) => (r && !r.ok ? [r.reason] : [])).join('. ') };
	});
	return await runWrite(this, {
		operation: 'create or update',
		items,
		options,
		outcomes,
		pending,
		idOf: (planned) => planned.id ?? null,
		send: async (client) => await sync(this, client, pending, outcomes, options),
	});
}
