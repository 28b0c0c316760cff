// A summary of a set of contact ids that is small (it grows with the number of ids that change
// between two polls, not with the account) and from which the ids that left the set can be named:
// an invertible Bloom lookup table (Goodrich & Mitzenmacher; Eppstein et al., "What's the
// difference?"). Each id is added to one cell in each of four parts of the table: a count, the XOR
// of the ids, the XOR of a checksum. Subtracting the next poll's table cell by cell leaves only the
// ids in one set and not the other; a cell holding exactly one of them gives it up, and removing it
// frees others. Pure, and deterministic (the trigger's state goes through JSON).
import { createHash } from 'node:crypto';

const PARTS = 4;
const MAX_ID_BYTES = 64;

/**
 * How a table is laid out. `wide` (the contacts trigger's, the default of summaries stored without
 * a layout): a 32-bit count and checksum per cell, 2 cells per difference, which names 200
 * differences in over 999 of 1,000 tables. `compact` (campaign outcomes, where a summary must stay
 * small for many differences): the count modulo 256 and a 16-bit checksum, a cell also checked
 * against the cells its id belongs in, 1.5 cells per difference (measured in the unit tests).
 */
export type SummaryLayout = 'wide' | 'compact';
const LAYOUTS = {
	wide: { cellsPerDifference: 2, spareCells: 24, overhead: 8 },
	compact: { cellsPerDifference: 1.5, spareCells: 32, overhead: 3 },
} as const;

export interface IdSummary {
	/** How ids are packed: 24 hex digits (Kore's ids) in 12 bytes, or their UTF-8 bytes. */
	encoding: 'hex' | 'utf8';
	/** Bytes of a packed id. */
	width: number;
	/** Differences the table is sized to name. */
	capacity: number;
	/** Ids in the set. */
	size: number;
	/** The table: per cell a count, the id bytes and a checksum, in base64. */
	cells: string;
	/** `wide` when absent (summaries stored before there was a choice). */
	layout?: SummaryLayout;
}

export interface Difference {
	/** Named in full: every id that left the set (`gone`) and joined it (`added`). */
	complete: boolean;
	gone: string[];
	added: string[];
}

const HEX_ID = /^[0-9a-f]{24}$/;

/**
 * The packing every id of the set fits: hex for Kore's ids, else UTF-8 as wide as the longest. Ids no
 * packing holds (over 64 bytes, or with a NUL byte) do not widen it: the caller keeps them apart.
 */
export function encodingFor(ids: Iterable<string>): Pick<IdSummary, 'encoding' | 'width'> {
	let hex = true;
	let width = 0;
	for (const id of ids) {
		const bytes = Buffer.byteLength(id, 'utf8');
		if (bytes > MAX_ID_BYTES || id.includes('\0')) continue;
		hex &&= HEX_ID.test(id);
		width = Math.max(width, bytes);
	}
	return hex ? { encoding: 'hex', width: 12 } : { encoding: 'utf8', width: Math.min(MAX_ID_BYTES, Math.max(width, 1)) };
}

function pack(id: string, { encoding, width }: Pick<IdSummary, 'encoding' | 'width'>): Buffer | undefined {
	if (encoding === 'hex') return HEX_ID.test(id) ? Buffer.from(id, 'hex') : undefined;
	const bytes = Buffer.from(id, 'utf8');
	if (bytes.length > width || bytes.includes(0)) return undefined;
	return Buffer.concat([bytes, Buffer.alloc(width - bytes.length)]);
}

function unpack(bytes: Buffer, { encoding }: Pick<IdSummary, 'encoding'>): string {
	if (encoding === 'hex') return bytes.toString('hex');
	const end = bytes.indexOf(0);
	return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function cellsFor(capacity: number, layout: SummaryLayout = 'wide') {
	const { cellsPerDifference, spareCells } = LAYOUTS[layout];
	const cells = Math.ceil((capacity * cellsPerDifference + spareCells) / PARTS) * PARTS;
	return Math.max(PARTS, cells);
}

/** The bytes a summary of this capacity takes, as stored (base64 and the rest). */
export function storedBytes(capacity: number, width = 12, layout: SummaryLayout = 'wide') {
	return Math.ceil((cellsFor(capacity, layout) * (width + LAYOUTS[layout].overhead)) / 3) * 4 + 120;
}

class Table {
	readonly counts: Int32Array;
	readonly checks: Uint32Array;
	readonly keys: Buffer;

	constructor(
		readonly cells: number,
		readonly width: number,
		readonly layout: SummaryLayout,
		raw?: Buffer,
	) {
		const overhead = LAYOUTS[layout].overhead;
		const stride = overhead + width;
		this.counts = new Int32Array(cells);
		this.checks = new Uint32Array(cells);
		this.keys = Buffer.alloc(cells * width);
		if (raw) {
			for (let c = 0; c < cells; c++) {
				this.counts[c] = layout === 'wide' ? raw.readInt32LE(c * stride) : raw.readUInt8(c * stride);
				this.checks[c] = layout === 'wide' ? raw.readUInt32LE(c * stride + 4) : raw.readUInt16LE(c * stride + 1);
				raw.copy(this.keys, c * width, c * stride + overhead, (c + 1) * stride);
			}
		}
	}

	serialize(): string {
		const overhead = LAYOUTS[this.layout].overhead;
		const stride = overhead + this.width;
		const buffer = Buffer.alloc(this.cells * stride);
		for (let c = 0; c < this.cells; c++) {
			if (this.layout === 'wide') {
				buffer.writeInt32LE(this.counts[c], c * stride);
				buffer.writeUInt32LE(this.checks[c], c * stride + 4);
			} else {
				buffer.writeUInt8(this.counts[c] & 0xff, c * stride);
				buffer.writeUInt16LE(this.checks[c] & 0xffff, c * stride + 1);
			}
			this.keys.copy(buffer, c * stride + overhead, c * this.width, (c + 1) * this.width);
		}
		return buffer.toString('base64');
	}

	/** The count of a cell as the layout keeps it: compact counts are modulo 256 (255 is -1). */
	count(c: number) {
		if (this.layout === 'wide') return this.counts[c];
		const modulo = this.counts[c] & 0xff;
		return modulo > 127 ? modulo - 256 : modulo;
	}

	/** Adds (sign 1) or removes (sign -1) a packed id. */
	toggle(key: Buffer, sign: 1 | -1) {
		const { check, slots } = placement(key, this.cells, this.layout);
		for (const c of slots) {
			this.counts[c] += sign;
			this.checks[c] = (this.checks[c] ^ check) >>> 0;
			for (let b = 0; b < this.width; b++) this.keys[c * this.width + b] ^= key[b];
		}
	}

	key(c: number) {
		return Buffer.from(this.keys.subarray(c * this.width, (c + 1) * this.width));
	}
}

/** The checksum of a packed id, and its one cell in each part of the table. */
function placement(key: Buffer, cells: number, layout: SummaryLayout) {
	const digest = createHash('sha256').update(key).digest();
	const part = cells / PARTS;
	const slots = Array.from({ length: PARTS }, (_, p) => p * part + (digest.readUInt32LE(4 + p * 4) % part));
	return { check: layout === 'wide' ? digest.readUInt32LE(0) : digest.readUInt16LE(0), slots };
}

/**
 * The summary of a set of ids, sized to name `capacity` differences. Ids that do not fit the packing
 * (never for Kore's ids) are left out; `encoding` is chosen from the ids when not given.
 */
export function summarize(ids: Iterable<string>, capacity: number, encoding?: Pick<IdSummary, 'encoding' | 'width'>, layout: SummaryLayout = 'wide'): IdSummary {
	const all = [...ids];
	const packing = encoding ?? encodingFor(all);
	const table = new Table(cellsFor(capacity, layout), packing.width, layout);
	let size = 0;
	for (const id of all) {
		const key = pack(id, packing);
		if (!key) continue;
		table.toggle(key, 1);
		size++;
	}
	return { ...packing, capacity, size, cells: table.serialize(), ...(layout !== 'wide' && { layout }) };
}

/** Whether an id fits a packing: one that does not is left out of a summary made with it. */
export function packs(id: string, packing: Pick<IdSummary, 'encoding' | 'width'>) {
	return pack(id, packing) !== undefined;
}

/** The ids in `before` and not in `after` (gone), and the other way (added), as far as they can be named. */
export function difference(before: IdSummary, after: IdSummary): Difference {
	const layout = before.layout ?? 'wide';
	if (before.encoding !== after.encoding || before.width !== after.width || before.cells.length !== after.cells.length || layout !== (after.layout ?? 'wide')) {
		throw new Error('Two summaries of different shapes cannot be compared');
	}
	const cells = cellsFor(before.capacity, layout);
	const table = new Table(cells, before.width, layout, Buffer.from(before.cells, 'base64'));
	const other = new Table(cells, after.width, layout, Buffer.from(after.cells, 'base64'));
	for (let c = 0; c < cells; c++) {
		table.counts[c] -= other.counts[c];
		table.checks[c] = (table.checks[c] ^ other.checks[c]) >>> 0;
	}
	for (let b = 0; b < table.keys.length; b++) table.keys[b] ^= other.keys[b];

	const gone: string[] = [];
	const added: string[] = [];
	const pure = (c: number) => {
		const count = table.count(c);
		if (count !== 1 && count !== -1) return false;
		const { check, slots } = placement(table.key(c), cells, layout);
		return check === (layout === 'wide' ? table.checks[c] : table.checks[c] & 0xffff) && slots.includes(c);
	};
	const queue = Array.from({ length: cells }, (_, c) => c).filter(pure);
	while (queue.length > 0) {
		const c = queue.pop()!;
		if (!pure(c)) continue;
		const sign = table.count(c) as 1 | -1;
		const key = table.key(c);
		(sign === 1 ? gone : added).push(unpack(key, before));
		const { slots } = placement(key, cells, layout);
		table.toggle(key, (sign === 1 ? -1 : 1) as 1 | -1);
		for (const s of slots) if (pure(s)) queue.push(s);
	}
	let complete = true;
	const mask = layout === 'wide' ? 0xffffffff : 0xffff;
	for (let c = 0; c < cells && complete; c++) complete = table.count(c) === 0 && (table.checks[c] & mask) === 0;
	return { complete, gone, added };
}
