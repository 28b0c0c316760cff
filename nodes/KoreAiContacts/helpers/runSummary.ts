// What n8n shows above a run's output (execution hints): how many records are on Failed and why, that a
// Dry Run wrote nothing, that a read of the list took many pages. Pure: the runner adds them.
import type { ItemOutcome } from './types';

export interface Hint {
	message: string;
	type: 'info' | 'warning';
}

/** A read of this many pages or more is worth a word: it is most of a minute of Kore's limit. */
export const MANY_PAGES = 10;
const REASONS_SHOWN = 3;
const REASON_LENGTH = 160;

const shorten = (text: string) => (text.length > REASON_LENGTH ? `${text.slice(0, REASON_LENGTH - 3)}...` : text);

/**
 * "3 of 200 records are on Failed", with the most common reasons and how many share each. Reasons are
 * counted by their code (a validation reason names values, so no two read alike), each shown by the
 * words most of its records carry.
 */
export function failedSummary(outcomes: Array<ItemOutcome | undefined>, total = outcomes.length): Hint | undefined {
	const byCode = new Map<string, { count: number; reasons: Map<string, number> }>();
	let failed = 0;
	for (const outcome of outcomes) {
		if (outcome?.kind === 'success') continue;
		failed++;
		const code = outcome ? String(outcome.code ?? outcome.stage) : 'NO_RESULT';
		const reason = outcome?.reason ?? 'The node produced no result for this item';
		const group = byCode.get(code) ?? { count: 0, reasons: new Map() };
		group.count++;
		group.reasons.set(reason, (group.reasons.get(reason) ?? 0) + 1);
		byCode.set(code, group);
	}
	if (failed === 0) return undefined;
	const groups = [...byCode.entries()].sort((a, b) => b[1].count - a[1].count);
	const shown = groups.slice(0, REASONS_SHOWN).map(([code, { count, reasons }]) => {
		const [words] = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0];
		return `${count} × ${code}: ${shorten(words)}`;
	});
	const others = groups.slice(REASONS_SHOWN).reduce((sum, [, group]) => sum + group.count, 0);
	const records = total === 1 ? 'record' : 'records';
	return {
		type: 'warning',
		message: `${failed} of ${total} ${records} on the Failed output (open it for each record's reason). ${shown.join('; ')}${others > 0 ? `; ${others} more with other reasons` : ''}`,
	};
}

export function dryRunSummary(outcomes: Array<ItemOutcome | undefined>, total = outcomes.length): Hint {
	const succeeded = outcomes.filter((outcome) => outcome?.kind === 'success').length;
	return {
		type: 'info',
		message: `Dry Run: nothing was written to Kore.ai. ${succeeded} of ${total} would be written as shown on Success; the rest are on Failed as they would be.`,
	};
}

export function pagesSummary(pages: number): Hint | undefined {
	if (pages < MANY_PAGES) return undefined;
	return {
		type: 'info',
		message: `Reading Kore.ai's contact list took ${pages} requests: Kore.ai has no search, so the node reads the list page by page, under Requests Per Minute. A larger Page Size (up to 1,000) takes fewer requests.`,
	};
}
