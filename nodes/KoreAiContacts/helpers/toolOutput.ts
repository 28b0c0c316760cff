// When the node runs as an AI tool, n8n hands the model only the first output. Every record's outcome
// must reach it there: Success items as they are, each Failed item as an item that says it failed.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Most contacts a tool answer carries: a model's context is not a spreadsheet. */
export const TOOL_MAX_CONTACTS = 100;

const pairedIndex = (item: INodeExecutionData) => {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'object' && paired !== null ? paired.item : typeof paired === 'number' ? paired : 0;
};

/** Success and Failed on one output, in input order; a Failed item led by `outcome: 'failed'`. */
export function toolOutputs(outputs: INodeExecutionData[][]): INodeExecutionData[][] {
	const [success = [], failed = []] = outputs;
	if (outputs.length < 2) return [success];
	const refused = failed.map((item) => ({ ...item, json: { outcome: 'failed', ...item.json } as IDataObject }));
	// A stable merge by input item: Success before Failed for one item (a CSV file's rows share one).
	const all = [...success.map((item, order) => ({ item, order })), ...refused.map((item, order) => ({ item, order: success.length + order }))];
	all.sort((a, b) => pairedIndex(a.item) - pairedIndex(b.item) || a.order - b.order);
	return [all.map(({ item }) => item)];
}

/**
 * At most `max` contacts, then an item telling the model how many more matched and to narrow the
 * filters. `exact`: every page was read, so the count is exact.
 */
export function capForModel(contacts: INodeExecutionData[], max: number, exact: boolean): INodeExecutionData[] {
	if (contacts.length <= max) return contacts;
	const more = contacts.length - max;
	const count = exact ? `${more} more contacts matched` : `At least ${more} more contacts matched`;
	return [
		...contacts.slice(0, max),
		{
			json: {
				outcome: 'truncated',
				shown: max,
				more,
				moreIsExact: exact,
				message: `${count} and are not shown. Narrow the filters (phone number, name, status, updated since) to find the contact you need.`,
			},
			pairedItem: contacts[0].pairedItem,
		},
	];
}
