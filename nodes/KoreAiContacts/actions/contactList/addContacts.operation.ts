// Contact List > Add Contacts: each input item one person to dial, sent in batches to Kore's Add
// Contacts (which names the list by its name and answers only "in progress"). Every number's fate
// comes out: with Wait Until Added (the default) the list is read back until each number sent is on
// it (Success, status added) or the time runs out (Failed, NOT_CONFIRMED); invalid rows and repeated
// numbers on a list that does not allow duplicates go to Failed before sending; a number the list
// already has is on Success, saying so, and not sent again.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listAllowsDuplicates } from '../../helpers/campaignAnswers';
import { confirmedNumbers, countNumbers, listContactFromItem, validateListContact, type ListEntry, type RawListContact } from '../../helpers/listEntries';
import { optionsFor, readOptions, type RunOptions } from '../../helpers/options';
import { campaignCalls, campaignRequest } from '../../transport/campaignApi';
import { readListContacts } from '../../transport/contactLists';
import type { KoreClient } from '../../transport/koreClient';
import { waitUnlessCancelled } from '../../transport/waiting';
import { EVERY_MAPPER } from '../shared/columns';
import { configurationError, contactListParameter, failureOf, ListResolver, lookupFailure, openCampaignClient } from './shared';

const OPERATION = 'addContacts';
/** Kore documents no largest Add Contacts body; a batch it refuses for size is split. */
const DEFAULT_BATCH = 1000;
/**
 * Reads of the list while waiting: the first a twelfth of Kore's minute after sending (scaled with
 * its window in tests), then twice as far apart after each read that finds nothing new, up to half a
 * minute; back to the start when numbers appear. Numbers Kore never adds then cost a few reads, not
 * one every few seconds until the Wait Timeout.
 */
const FIRST_PAUSE_PER_WINDOW = 1 / 12;
const LONGEST_PAUSE_PER_WINDOW = 1 / 2;

export const description: INodeProperties[] = [
	contactListParameter([OPERATION]),
	{
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: 'Which values of each input item go into which list field; fields not mapped are not sent',
		hint: 'Map Automatically reads fields named phoneNumber, countryCode, firstName, lastName, timeZone (like Asia/Kolkata), uniqueId and contactPriority. Phone numbers are read as the Contacts operations read them (+91 98450 11111, 0091-9845011111, or digits with Country Code)',
		typeOptions: {
			resourceMapper: {
				resourceMapperMethod: 'getListContactFields',
				mode: 'add',
				...EVERY_MAPPER,
			},
		},
		displayOptions: { show: { operation: [OPERATION] } },
	},
	{
		displayName:
			'Kore.ai answers Add Contacts with "in progress" only. With Wait Until Added on, the node reads the list back to tell each number\'s fate: ceil(numbers / Batch Size) add requests, one read of the list before sending, and reads 5 s apart (further apart, up to 30 s, while nothing new appears) until every number is found (each read is a request per 1,000 contacts on the list).',
		name: 'addContactsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: [OPERATION] } },
	},
	...optionsFor(OPERATION, ['waitUntilAdded', 'waitTimeout', 'batchSize', 'dryRun', 'includeInputData', 'maxRetries', 'timeout', 'requestsPerMinute'], { batchSize: DEFAULT_BATCH }),
];

interface Row {
	itemIndex: number;
	entry?: ListEntry;
	raw: RawListContact;
	result?: { ok: true; json: IDataObject } | { ok: false; json: IDataObject };
}

function rawRows(context: IExecuteFunctions, items: INodeExecutionData[]): RawListContact[] {
	const automatic = context.getNodeParameter('columns.mappingMode', 0, 'defineBelow') === 'autoMapInputData';
	return items.map((item, itemIndex) => (automatic ? listContactFromItem(item.json) : listContactFromItem((context.getNodeParameter('columns.value', itemIndex, {}) ?? {}) as IDataObject)));
}

/** The rows going to one list, once it is known: sent, confirmed, each given its result. */
async function addToList(context: IExecuteFunctions, client: KoreClient, options: RunOptions, list: Record<string, unknown>, rows: Row[]) {
	const about = { contactList: { id: String(list._id ?? ''), name: String(list.name ?? '') } };
	const fail = (row: Row, json: IDataObject) => (row.result = { ok: false, json: { ...json, record: (row.entry ?? row.raw) as IDataObject, ...about } });
	const allowDuplicates = listAllowsDuplicates(list);
	let before = new Map<string, number>();
	if (options.waitUntilAdded || !allowDuplicates) {
		const read = await readListContacts(client, about.contactList.id);
		if (!read.ok) {
			for (const row of rows) fail(row, { ...failureOf(read.outcome), reason: `The list could not be read before sending, so nothing was sent: ${String(failureOf(read.outcome).reason)}` });
			return;
		}
		before = countNumbers(read.contacts);
	}
	const sending: Row[] = [];
	const seen = new Map<string, number>();
	for (const row of rows) {
		const digits = row.entry!.phoneNumber;
		if (!allowDuplicates && before.has(digits)) {
			row.result = { ok: true, json: { status: 'alreadyInList', message: 'The list already has this number and does not allow duplicates: not sent again', ...row.entry!, ...about } };
			continue;
		}
		if (!allowDuplicates && seen.has(digits)) {
			fail(row, { stage: 'validation', code: 'DUPLICATE', reason: `The same phone number as input item ${seen.get(digits)! + 1}, on a list that does not allow duplicates: not sent (Kore.ai would drop it)` });
			continue;
		}
		seen.set(digits, row.itemIndex);
		sending.push(row);
	}
	if (options.dryRun) {
		sending.forEach((row, i) => {
			row.result = { ok: true, json: { status: 'dryRun', dryRun: true, request: { method: 'POST', batch: Math.floor(i / options.batchSize) + 1, body: { contact_list_name: about.contactList.name, data: [row.entry] } }, ...row.entry!, ...about } };
		});
		return;
	}
	const sent = await sendBatches(client, options.batchSize, about.contactList.name, sending, fail);
	if (!options.waitUntilAdded) {
		for (const row of sent) row.result = { ok: true, json: { status: 'queued', message: 'Kore.ai took the number into its queue (Wait Until Added is off: not confirmed)', ...row.entry!, ...about } };
		return;
	}
	await confirm(context, client, options, { listId: about.contactList.id, allowDuplicates, before, sent, about, fail });
}

/** Sends the rows in batches; a batch Kore refuses as too large is split. Returns the rows Kore took. */
async function sendBatches(client: KoreClient, batchSize: number, listName: string, rows: Row[], fail: (row: Row, json: IDataObject) => void): Promise<Row[]> {
	const taken: Row[] = [];
	const queue: Row[][] = [];
	for (let i = 0; i < rows.length; i += batchSize) queue.push(rows.slice(i, i + batchSize));
	client.expect(queue.length);
	while (queue.length > 0) {
		const batch = queue.shift()!;
		const outcome = await campaignRequest(client, campaignCalls.addContacts(client, { contact_list_name: listName, data: batch.map((row) => row.entry) }));
		if (outcome.kind === 'ok') taken.push(...batch);
		else if (outcome.kind === 'rejected' && (outcome.status === 413 || outcome.status === 400) && batch.length > 1) {
			const half = Math.ceil(batch.length / 2);
			queue.unshift(batch.slice(0, half), batch.slice(half));
		} else for (const row of batch) fail(row, { ...failureOf(outcome), code: outcome.kind === 'rejected' ? 'REFUSED' : 'NOT_SENT' });
	}
	return taken;
}

interface Confirmation {
	listId: string;
	allowDuplicates: boolean;
	before: Map<string, number>;
	sent: Row[];
	about: IDataObject;
	fail: (row: Row, json: IDataObject) => void;
}

/** Reads the list back until every number sent is on it, or the Wait Timeout is over. */
async function confirm(context: IExecuteFunctions, client: KoreClient, options: RunOptions, { listId, allowDuplicates, before, sent, about, fail }: Confirmation) {
	const wanted = new Map<string, number>();
	for (const row of sent) wanted.set(row.entry!.phoneNumber, (wanted.get(row.entry!.phoneNumber) ?? 0) + 1);
	const deadline = client.settings.now() + options.waitTimeoutMs;
	let confirmed = new Set<string>();
	let lastProblem = '';
	let reads = 0;
	let stalled = 0;
	while (sent.length > 0 && confirmed.size < wanted.size) {
		const backoff = Math.min(options.windowMs * FIRST_PAUSE_PER_WINDOW * 2 ** stalled, options.windowMs * LONGEST_PAUSE_PER_WINDOW);
		if (!(await waitUnlessCancelled(context, Math.min(backoff, Math.max(0, deadline - client.settings.now())), client.settings.now))) break;
		const read = await readListContacts(client, listId);
		reads++;
		const found = confirmed.size;
		if (read.ok) confirmed = confirmedNumbers(wanted, before, countNumbers(read.contacts), allowDuplicates);
		else lastProblem = String(failureOf(read.outcome).reason);
		stalled = confirmed.size > found ? 0 : stalled + 1;
		if (client.settings.now() >= deadline) break;
	}
	const seconds = Math.round(options.waitTimeoutMs / 1000);
	for (const row of sent) {
		if (confirmed.has(row.entry!.phoneNumber)) {
			row.result = { ok: true, json: { status: 'added', ...row.entry!, ...about } };
			continue;
		}
		fail(row, {
			stage: 'api',
			code: 'NOT_CONFIRMED',
			reason:
				`Kore.ai took this number into its queue but it was not on the list after ${seconds} s (${reads} read${reads === 1 ? '' : 's'} of the list). ` +
				'Kore.ai may still be adding it (a large list takes longer: raise Wait Timeout), or it refused it without saying why (a number it does not accept, or on a Do Not Call list). ' +
				`Check the list with Get Contacts later; running again sends only the numbers not on it yet.${lastProblem ? ` The last read failed: ${lastProblem}` : ''}`,
		});
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readOptions(this, { batchSize: DEFAULT_BATCH });
	const client = await openCampaignClient(this, options);
	const resolver = new ListResolver(client);
	const rows: Row[] = rawRows(this, items).map((raw, itemIndex) => ({ itemIndex, raw }));
	const byList = new Map<string, { list: Record<string, unknown>; rows: Row[] }>();
	for (const row of rows) {
		const checked = validateListContact(row.raw);
		if (!checked.ok) {
			row.result = { ok: false, json: { stage: 'validation', code: 'INVALID_RECORD', reason: checked.reason, record: row.raw as IDataObject } };
			continue;
		}
		row.entry = checked.entry;
		const found = await resolver.resolve(this, row.itemIndex);
		if (found.kind !== 'found') {
			row.result = { ok: false, json: { ...lookupFailure(found), record: row.entry as unknown as IDataObject } };
			continue;
		}
		const id = String(found.list._id);
		if (!byList.has(id)) byList.set(id, { list: found.list, rows: [] });
		byList.get(id)!.rows.push(row);
	}
	for (const { list, rows: listRows } of byList.values()) await addToList(this, client, options, list, listRows);
	this.logger.info('Kore.ai add contacts finished', { items: items.length, requests: client.requestsSent, throttled: client.throttledResponses });
	if (client.refusal && !this.continueOnFail()) throw configurationError(this, client.refusal);

	const success: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	for (const row of rows) {
		const pairedItem = { item: row.itemIndex };
		const result = row.result ?? { ok: false, json: { stage: 'request', reason: 'The node produced no result for this item (please report this)', record: row.raw as IDataObject } };
		if (result.ok) success.push({ json: result.json, pairedItem });
		else failed.push({ json: { ...result.json, ...(options.includeInputData && { input: items[row.itemIndex].json }) }, pairedItem });
	}
	return [success, failed];
}
