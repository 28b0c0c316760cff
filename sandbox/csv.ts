// Just enough multipart/form-data and CSV reading for Kore's import-contacts call (field `result_file`).

/** The content of one named file field of a multipart/form-data body, or undefined. */
export function multipartFile(body: Buffer, contentType: string, field: string): string | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) return undefined;
	const boundary = `--${match[1] ?? match[2]}`;
	for (const part of body.toString('utf8').split(boundary)) {
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) continue;
		const headers = part.slice(0, headerEnd);
		if (!new RegExp(`name="${field}"`, 'i').test(headers)) continue;
		return part.slice(headerEnd + 4).replace(/\r\n$/, '');
	}
	return undefined;
}

/** Rows of a CSV text as objects keyed by the header row; quotes and doubled quotes are honoured. */
export function parseCsv(text: string): Array<Record<string, string>> {
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
		else if (ch === ',') {
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
	const [header, ...data] = rows.filter((r) => r.some((c) => c.trim() !== ''));
	if (!header) return [];
	return data.map((r) => Object.fromEntries(header.map((name, i) => [name.trim(), (r[i] ?? '').trim()])));
}
