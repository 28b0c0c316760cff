// From an input item to the raw field values of one contact, in either mapping mode.
import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './koreAnswers';
import { CONTACT_FIELDS, PHONE_FIELDS, type ContactFieldId } from './fields';

export type RawContact = Partial<Record<ContactFieldId, unknown>> & { cellPhone?: unknown };

function own(object: Record<string, unknown>, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}


/**
 * "Map Automatically": the item's JSON in Kore's shape (`cellPhone: {...}`) or flat
 * (`phoneNumber`, `countryCode`, `extension`); `_id` stands in for `id`, as Kore's own contacts carry it.
 * Only the known fields are read, so unexpected keys (`__proto__` included) are never copied.
 */
export function contactFromItem(json: IDataObject): RawContact {
	const raw: RawContact = {};
	for (const { id } of CONTACT_FIELDS) {
		if ((PHONE_FIELDS as readonly string[]).includes(id)) continue;
		raw[id] = own(json, id);
	}
	if (raw.id === undefined) raw.id = own(json, '_id');
	const cellPhone = own(json, 'cellPhone');
	if (cellPhone !== undefined && !isPlainObject(cellPhone)) raw.cellPhone = cellPhone;
	for (const field of PHONE_FIELDS) {
		const nested = isPlainObject(cellPhone) ? own(cellPhone, field) : undefined;
		raw[field] = nested !== undefined ? nested : own(json, field);
	}
	return raw;
}

/** "Map Each Column Manually": the values the person set (expressions already evaluated). */
export function contactFromMappedValues(values: IDataObject | undefined): RawContact {
	const raw: RawContact = {};
	if (!values) return raw;
	for (const { id } of CONTACT_FIELDS) raw[id] = own(values, id);
	return raw;
}
