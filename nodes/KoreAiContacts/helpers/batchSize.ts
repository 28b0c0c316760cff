// The largest batch Kore.ai accepts, learned from its answers. Kore documents no largest batch and
// no status for one too large (413, or a plain 400 whose halves then pass): after a refusal for
// size, the size is searched between the largest batch accepted and the smallest refused, and the
// search stops once it is within an eighth of the largest accepted (each probe that fails costs a
// request). A later refusal for size starts the search again from there.

export class BatchSizeSearch {
	/** Largest batch accepted whole. */
	private accepted = 0;
	/** Smallest batch refused for its size. */
	private refused?: number;

	constructor(private readonly configured: number) {}

	/** The size to send the next batch at. */
	get size(): number {
		const { accepted, refused } = this;
		if (refused === undefined) return this.configured;
		if (accepted === 0) return Math.max(1, Math.ceil(refused / 2));
		if (refused - accepted <= Math.max(1, accepted / 8)) return accepted;
		return Math.floor((accepted + refused) / 2);
	}

	/**
	 * The size for a batch sent beside others: while another batch tries a size not yet known to
	 * pass (a probe), the largest size known to pass, so that parallel requests do not all fail.
	 */
	sizeBeside(probeInFlight: boolean): number {
		return probeInFlight && this.accepted > 0 ? this.accepted : this.size;
	}

	/** Whether sending a batch of this size tries a size not yet known to pass. */
	isProbe(size: number) {
		return this.refused !== undefined && size > this.accepted;
	}

	/** Whether a batch of this size is already known to be too large. */
	tooLarge(size: number) {
		return this.refused !== undefined && size >= this.refused;
	}

	acceptedBatch(size: number) {
		if (this.refused === undefined || size < this.refused) this.accepted = Math.max(this.accepted, size);
	}

	refusedForSize(size: number) {
		// The limit dropped below what worked before: search again below this size.
		if (size <= this.accepted) this.accepted = 0;
		this.refused = this.refused === undefined ? size : Math.min(this.refused, size);
	}
}
