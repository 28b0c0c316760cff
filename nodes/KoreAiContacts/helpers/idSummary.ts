// A summary of a set of contact ids that is small (it grows with the number of ids that change
// between two polls, not with the account) and from which the ids that left the set can be named:
// an invertible Bloom lookup table (Goodrich & Mitzenmacher; Eppstein et al., "What's the
// difference?"). Each id is added to one cell in each of four parts of the table: a count, the XOR
// of the ids, the XOR of a checksum. Subtracting the next poll's table cell by cell leaves only the
// ids in one set and not the other; a cell holding exactly one of them gives it up, and removing it
// frees others. Pure, and deterministic (the trigger's state goes through JSON).
import { createHash } from 'node:crypto';

const PARTS = 4;
/** Cells per difference the table can name: 2 names 200 differences in over 999 of 1,000 tables. */
const CELLS_PER_DIFFERENCE = 2;
const SPARE_CELLS = 24;
/** Bytes of a cell besides its id: a 32-bit count and a 32-bit checksum. */
const CELL_OVERHEAD = 8;
const MAX_ID_BYTES = 64;

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

function cellsFor(capacity: number) {
	const cells = Math.ceil((capacity * CELLS_PER_DIFFERENCE + SPARE_CELLS) / PARTS) * PARTS;
	return Math.max(PARTS, cells);
}

/** The bytes a summary of this capacity takes, as stored (base64 and the rest). */
export function storedBytes(capacity: number, width = 12) {
	return Math.ceil((cellsFor(capacity) * (width + CELL_OVERHEAD)) / 3) * 4 + 120;
}

class Table {
	readonly counts: Int32Array;
	readonly checks: Uint32Array;
	readonly keys: Buffer;

	constructor(
		readonly cells: number,
		readonly width: number,
		raw?: Buffer,
	) {
		const stride = CELL_OVERHEAD + width;
		const buffer = raw ?? Buffer.alloc(cells * stride);
		this.counts = new Int32Array(cells);
		this.checks = new Uint32Array(cells);
		this.keys = Buffer.alloc(cells * width);
		if (raw) {
			for (let c = 0; c < cells; c++) {
				this.counts[c] = buffer.readInt32LE(c * stride);
				this.checks[c] = buffer.readUInt32LE(c * stride + 4);
				buffer.copy(this.keys, c * width, c * stride + 8, (c + 1) * stride);
			}
		}
	}

	serialize(): string {
		const stride = CELL_OVERHEAD + this.width;
		const buffer = Buffer.alloc(this.cells * stride);
		for (let c = 0; c < this.cells; c++) {
			buffer.writeInt32LE(this.counts[c], c * stride);
			buffer.writeUInt32LE(this.checks[c], c * stride + 4);
			this.keys.copy(buffer, c * stride + 8, c * this.width, (c + 1) * this.width);
		}
		return buffer.toString('base64');
	}

	/** Adds (sign 1) or removes (sign -1) a packed id. */
	toggle(key: Buffer, sign: 1 | -1) {
		const { check, slots } = placement(key, this.cells);
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
function placement(key: Buffer, cells: number) {
	const digest = createHash('sha256').update(key).digest();
	const part = cells / PARTS;
	const slots = Array.from({ length: PARTS }, (_, p) => p * part + (digest.readUInt32LE(4 + p * 4) % part));
	return { check: digest.readUInt32LE(0), slots };
}

/**
 * The summary of a set of ids, sized to name `capacity` differences. Ids that do not fit the packing
 * (never for Kore's ids) are left out; `encoding` is chosen from the ids when not given.
 */
export function summarize(ids: Iterable<string>, capacity: number, encoding?: Pick<IdSummary, 'encoding' | 'width'>): IdSummary {
	const all = [...ids];
	const packing = encoding ?? encodingFor(all);
	const table = new Table(cellsFor(capacity), packing.width);
	let size = 0;
	for (const id of all) {
		const key = pack(id, packing);
		if (!key) continue;
		table.toggle(key, 1);
		size++;
	}
	return { ...packing, capacity, size, cells: table.serialize() };
}

/** Whether an id fits a packing: one that does not is left out of a summary made with it. */
export function packs(id: string, packing: Pick<IdSummary, 'encoding' | 'width'>) {
	return pack(id, packing) !== undefined;
}

/** The ids in `before` and not in `after` (gone), and the other way (added), as far as they can be named. */
export function difference(before: IdSummary, after: IdSummary): Difference {
	if (before.encoding !== after.encoding || before.width !== after.width || before.cells.length !== after.cells.length) {
		throw new Error('Two summaries of different shapes cannot be compared');
	}
	const cells = cellsFor(before.capacity);
	const table = new Table(cells, before.width, Buffer.from(before.cells, 'base64'));
	const other = new Table(cells, after.width, Buffer.from(after.cells, 'base64'));
	for (let c = 0; c < cells; c++) {
		table.counts[c] -= other.counts[c];
		table.checks[c] = (table.checks[c] ^ other.checks[c]) >>> 0;
	}
	for (let b = 0; b < table.keys.length; b++) table.keys[b] ^= other.keys[b];

	const gone: string[] = [];
	const added: string[] = [];
	const pure = (c: number) => (table.counts[c] === 1 || table.counts[c] === -1) && placement(table.key(c), cells).check === table.checks[c];
	const queue = Array.from({ length: cells }, (_, c) => c).filter(pure);
	while (queue.length > 0) {
		const c = queue.pop()!;
		if (!pure(c)) continue;
		const sign = table.counts[c] as 1 | -1;
		const key = table.key(c);
		(sign === 1 ? gone : added).push(unpack(key, before));
		const { slots } = placement(key, cells);
		table.toggle(key, (sign === 1 ? -1 : 1) as 1 | -1);
		for (const s of slots) if (pure(s)) queue.push(s);
	}
	let complete = true;
	for (let c = 0; c < cells && complete; c++) complete = table.counts[c] === 0 && table.checks[c] === 0;
	return { complete, gone, added };
}
