// Kore's contact CSV: reading what people export from other systems (any common encoding, a BOM,
// quoted commas, CRLF, a semicolon-separated export), checking it, and writing the file Kore takes.
import type { RawContact } from './mapping';
import type { NewContact } from './types';

/** Kore's columns, in the order its import documents them. */
export const CSV_COLUMNS = ['firstName', 'lastName', 'salutation', 'cellPhoneNumber', 'cellPhoneCountryCode', 'cellPhoneExtension'] as const;

/** Text from the file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		// Spreadsheet exports on Windows are often Windows-1252: é in a name must not become two characters.
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/** Rows of cells; quotes (with doubled quotes inside) keep separators and line breaks in a cell. */
export function parseCsvRows(text: string): string[][] {
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === separator) {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

export interface CsvRow {
	/** 1 is the first row after the header, as a spreadsheet shows it less one. */
	row: number;
	raw: RawContact;
	cells: Record<string, string>;
}

export type CsvReading = { ok: true; rows: CsvRow[] } | { ok: false; reason: string };

/** The header checked (any letter case, any order, extra columns ignored), then each row as a contact. */
export function readContactCsv(bytes: Uint8Array): CsvReading {
	const rows = parseCsvRows(decodeCsv(bytes).replace(/^\uFEFF/, ''));
	const header = rows[0]?.map((name) => name.trim().toLowerCase());
	if (!header || header.every((name) => name === '')) return { ok: false, reason: 'The CSV file is empty' };
	const index = new Map(header.map((name, i) => [name, i]));
	const missing = CSV_COLUMNS.filter((column) => !index.has(column.toLowerCase()));
	if (missing.length > 0) {
		return {
			ok: false,
			reason: `The CSV file lacks the column(s) ${missing.join(', ')}. Kore.ai's import needs a header row with ${CSV_COLUMNS.join(', ')}; found ${rows[0].map((c) => `'${c.trim()}'`).join(', ')}.`,
		};
	}
	const contacts: CsvRow[] = [];
	rows.slice(1).forEach((cells, i) => {
		if (cells.every((cell) => cell.trim() === '')) return;
		const cell = (column: string) => (cells[index.get(column.toLowerCase()) as number] ?? '').trim();
		const named = Object.fromEntries(CSV_COLUMNS.map((column) => [column, cell(column)]));
		contacts.push({
			row: i + 1,
			cells: named,
			raw: {
				firstName: named.firstName,
				lastName: named.lastName,
				salutation: named.salutation,
				phoneNumber: named.cellPhoneNumber,
				countryCode: named.cellPhoneCountryCode,
				extension: named.cellPhoneExtension,
			},
		});
	});
	if (contacts.length === 0) return { ok: false, reason: 'The CSV file has a header but no rows' };
	return { ok: true, rows: contacts };
}

function csvCell(value: string) {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file Kore's import takes: its header, then one checked contact per row, UTF-8, CRLF. */
export function writeContactCsv(records: NewContact[]): string {
	const lines = [CSV_COLUMNS.join(',')];
	for (const r of records) {
		lines.push([r.firstName, r.lastName, r.salutation, r.cellPhone.phoneNumber, r.cellPhone.countryCode, r.cellPhone.extension].map(csvCell).join(','));
	}
	return `${lines.join('\r\n')}\r\n`;
}
