// Get Many for many input items from one read of the list: each item's filters, its own limit, its
// own matches. A filter that names an id or a phone number is looked up by that key; the rest are
// tested against every contact. Reading can stop once every item's answer is settled. Pure.
import { contactKeys, type ContactPredicate } from './contactFilter';

export interface Lookup {
	itemIndex: number;
	predicate: ContactPredicate;
	/** At most this many contacts for the item; all when undefined. */
	limit?: number;
}

interface Open extends Lookup {
	matched: Array<Record<string, unknown>>;
	settled: boolean;
}

export class Lookups {
	private readonly byItem = new Map<number, Open>();
	private readonly byKey = new Map<string, Open[]>();
	private readonly scanned: Open[] = [];
	private open: number;

	constructor(lookups: Lookup[]) {
		const all: Open[] = lookups.map((lookup) => ({ ...lookup, matched: [], settled: lookup.limit === 0 }));
		this.open = all.filter((lookup) => !lookup.settled).length;
		for (const lookup of all) {
			this.byItem.set(lookup.itemIndex, lookup);
			if (!lookup.predicate.keys) {
				this.scanned.push(lookup);
				continue;
			}
			for (const key of lookup.predicate.keys) this.byKey.set(key, [...(this.byKey.get(key) ?? []), lookup]);
		}
	}

	/** The filter of the one read: a contact is kept when any item still open matches it. */
	get predicate(): ContactPredicate {
		return { matches: (contact) => this.offer(contact), unique: false, selective: this.readLimit === undefined, settled: () => this.open === 0 };
	}

	/**
	 * When no item filters beyond deleted contacts and each has a Limit, the most contacts any item
	 * takes: the read asks for no more than that. Undefined when pages must be read whole.
	 */
	get readLimit(): number | undefined {
		const all = [...this.byItem.values()];
		if (all.length === 0 || all.some((lookup) => lookup.predicate.selective || lookup.predicate.keys || lookup.limit === undefined)) return undefined;
		return Math.max(...all.map((lookup) => lookup.limit!));
	}

	private offer(contact: Record<string, unknown>): boolean {
		// A keyed lookup may sit under two of the contact's keys: each is asked once.
		const keyed = new Set<Open>();
		if (this.byKey.size > 0) for (const key of contactKeys(contact)) for (const lookup of this.byKey.get(key) ?? []) keyed.add(lookup);
		let kept = false;
		for (const lookup of this.scanned) kept = this.ask(lookup, contact) || kept;
		for (const lookup of keyed) kept = this.ask(lookup, contact) || kept;
		return kept;
	}

	/** Whether the lookup takes the contact; a lookup with its answer complete is settled. */
	private ask(lookup: Open, contact: Record<string, unknown>): boolean {
		if (lookup.settled || !lookup.predicate.matches(contact)) return false;
		lookup.matched.push(contact);
		if (lookup.predicate.unique || (lookup.limit !== undefined && lookup.matched.length >= lookup.limit)) {
			lookup.settled = true;
			this.open--;
		}
		return true;
	}

	/** The contacts each item matched, in Kore's order, by item. */
	matchesOf(itemIndex: number): Array<Record<string, unknown>> {
		return this.byItem.get(itemIndex)?.matched ?? [];
	}
}
