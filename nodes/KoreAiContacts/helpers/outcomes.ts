// Campaign call outcomes (Kore's "contacts and outcomes" view of a campaign): each dialled number
// as an item, and a CRM row's phone number matched to it however either is written. Pure.
import type { IDataObject } from 'n8n-workflow';

import { phoneKey } from './phone';

/** One dialled contact as the node gives it out: Kore's fields, with the campaign it belongs to. */
export function outcomeItem(outcome: Record<string, unknown>, campaign: { id: string; type: string }): IDataObject {
	return { ...(outcome as IDataObject), campaignId: campaign.id, campaignType: campaign.type };
}

/**
 * The digits a filter asks for: `full` when the number carries its country code (+, 00, or a
 * Country Code), else the national digits, which match a number ending in them after a 1 to 3
 * digit country code. Undefined for text that is not a phone number.
 */
export function outcomeFilter(written: string): { full?: string; national?: string } | undefined {
	const text = written.trim();
	if (text === '' || /[^\d\s\-.()[\]/+]/.test(text)) return undefined;
	if (/^(\+|00)/.test(text)) {
		const key = phoneKey({ phoneNumber: text.replace(/^00/, '+') });
		return key ? { full: key.slice(1) } : undefined;
	}
	const digits = text.replace(/\D/g, '');
	return digits.length >= 6 ? { national: digits } : undefined;
}

/** Whether a dialled number (Kore writes it in digits, sometimes with +) is the one a filter asks for. */
export function outcomeMatches(outcome: Record<string, unknown>, filter: { full?: string; national?: string }): boolean {
	const value = outcome.phoneNumber;
	if (typeof value !== 'string' && typeof value !== 'number') return false;
	const digits = String(value).replace(/\D/g, '');
	if (filter.full) return digits === filter.full;
	const national = filter.national!;
	return digits === national || (digits.endsWith(national) && digits.length - national.length <= 3);
}
