// `npm run bench -- --shapes=...`: what the separate-process measurement runs, and the label the
// tables give each shape.
import { parseShapes, startedLabel } from '../../scripts/lib/benchProcesses';

describe('--shapes', () => {
	test('k:seconds apart, and the records of each when they differ', () => {
		expect(parseShapes('2:0,4:5,2:0:10000/3000,2:1.5:5000/10000')).toEqual([
			{ k: 2, staggerSeconds: 0 },
			{ k: 4, staggerSeconds: 5 },
			{ k: 2, staggerSeconds: 0, records: [10_000, 3_000] },
			{ k: 2, staggerSeconds: 1.5, records: [5_000, 10_000] },
		]);
	});

	test.each([
		['5:0', 'more executions than n8n processes'],
		['0:1', 'no execution'],
		['2-0', 'no colon'],
		['2:', 'no seconds'],
		['2:0:10000', 'records for one of two'],
		['2:0:10000/0', 'an execution with nothing to do'],
		['2:0:20000/1', 'more records than an execution has contacts'],
	])('%s stops with the form it takes (%s)', (text) => {
		expect(() => parseShapes(text)).toThrow(`--shapes takes k:seconds apart[:records of each`);
		expect(() => parseShapes(text)).toThrow(`"${text}" is not one`);
	});

	test('the label says how they started and, when they differ, how much each had to do', () => {
		expect(startedLabel({ k: 2, staggerSeconds: 0 })).toBe('together');
		expect(startedLabel({ k: 4, staggerSeconds: 5 })).toBe('5 s apart');
		expect(startedLabel({ k: 2, staggerSeconds: 3, records: [5_000, 10_000] })).toBe('3 s apart, 5,000 / 10,000 records');
	});
});
