import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { capForModel, toolOutputs } from '../../nodes/KoreAiContacts/helpers/toolOutput';

const item = (json: IDataObject, index: number): INodeExecutionData => ({ json, pairedItem: { item: index } });

test('Success and Failed on the first output, in input order, each refusal saying it failed and why', () => {
	const success = [item({ id: 'a' }, 0), item({ id: 'c' }, 2)];
	const failed = [item({ id: 'b', reason: 'Phone Number (phoneNumber) must be digits only', code: 'INVALID_RECORD', stage: 'validation' }, 1), item({ id: 'd', reason: 'no such contact', code: 'CONTACT_NOT_FOUND', stage: 'api' }, 3)];
	const [only, ...rest] = toolOutputs([success, failed]);
	expect(rest).toEqual([]);
	expect(only.map((i) => i.json.id)).toEqual(['a', 'b', 'c', 'd']);
	expect(only[1].json).toEqual({ outcome: 'failed', id: 'b', reason: 'Phone Number (phoneNumber) must be digits only', code: 'INVALID_RECORD', stage: 'validation' });
	expect(only[0].json).toEqual({ id: 'a' });
	expect(only.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((n) => ({ item: n })));
});

test('one output (Get Many) is left as it is', () => {
	const contacts = [item({ id: 'a' }, 0)];
	expect(toolOutputs([contacts])).toEqual([contacts]);
});

test('rows of one file (one input item) keep their order, Success first', () => {
	const [only] = toolOutputs([[item({ row: 1 }, 0), item({ row: 3 }, 0)], [item({ row: 2 }, 0)]]);
	expect(only.map((i) => i.json.row)).toEqual([1, 3, 2]);
});

describe('capForModel', () => {
	const contacts = Array.from({ length: 130 }, (_, n) => item({ id: n }, 0));

	test('at most the cap, then how many more, exactly when every page was read', () => {
		const capped = capForModel(contacts, 100, true);
		expect(capped).toHaveLength(101);
		expect(capped[100].json).toMatchObject({ outcome: 'truncated', shown: 100, more: 30, moreIsExact: true });
		expect(capped[100].json.message).toMatch(/^30 more contacts matched and are not shown\. Narrow the filters/);
		expect(capForModel(contacts, 100, false)[100].json.message).toMatch(/^At least 30 more/);
	});

	test('nothing added when all fit', () => {
		expect(capForModel(contacts.slice(0, 100), 100, true)).toHaveLength(100);
	});
});
