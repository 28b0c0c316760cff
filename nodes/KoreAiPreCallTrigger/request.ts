// Kore.ai's Pre-Call Contact Fetch request, read into the one item a workflow starts with. Pure.
// Kore documents `CampaignName`, `CampaignId` and `DialingId` capitalised beside a lower-camel
// `contactData`; the lower-camel spellings are read too, since nothing else about the call is fixed.
import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../KoreAiContacts/helpers/koreAnswers';
import { phoneKey } from '../KoreAiContacts/helpers/phone';

export type PreCallRequest = { ok: true; json: IDataObject } | { ok: false; reason: string };

function firstText(body: Record<string, unknown>, ...keys: string[]): string | undefined {
	for (const key of keys) {
		const value = body[key];
		if (typeof value === 'string' || typeof value === 'number') return String(value);
	}
	return undefined;
}

/**
 * The item for one request: the contact's fields as Kore sent them, then the phone number in the
 * form the Contacts operations match on ("+919876543210"), the campaign's name and id, the dialling
 * id, and `contactData` untouched (its phone number as Kore wrote it).
 */
export function preCallItem(body: unknown): PreCallRequest {
	if (!isPlainObject(body)) {
		return { ok: false, reason: 'The request body must be a JSON object, as Kore.ai sends it ({"CampaignName", "CampaignId", "DialingId", "contactData"})' };
	}
	const contactData = body.contactData ?? {};
	if (!isPlainObject(contactData)) return { ok: false, reason: 'contactData must be an object of the contact\'s fields' };
	const phone = phoneKey({ phoneNumber: contactData.phoneNumber, countryCode: contactData.countryCode });
	const json: IDataObject = {
		...(contactData as IDataObject),
		phoneNumber: phone ?? (contactData.phoneNumber as IDataObject['phoneNumber']) ?? null,
		campaignName: firstText(body, 'CampaignName', 'campaignName') ?? null,
		campaignId: firstText(body, 'CampaignId', 'campaignId') ?? null,
		dialingId: firstText(body, 'DialingId', 'dialingId') ?? null,
		contactData: contactData as IDataObject,
	};
	return { ok: true, json };
}
