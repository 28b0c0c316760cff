// Records through Kore.ai, batch by batch, into one outcome per record: the sending rules every write
// operation shares (parallel batches in key order, splitting refused batches, learning Kore's
// largest batch, failing only what failed). The operation says what a call and an answer look like.
import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { BatchSizeSearch } from '../../helpers/batchSize';
import { nextBatchEnd, splitBatch, type RecordKey } from '../../helpers/batching';
import { explainConfigurationError, explainRecordReason } from '../../helpers/explain';
import { koreErrorCode } from '../../helpers/koreAnswers';
import type { ItemOutcome, PendingRecord, RecordFailure } from '../../helpers/types';
import type { CallOutcome, KoreCall, KoreClient } from '../../transport/koreClient';

const CANCELLED: RecordFailure = {
	stage: 'request',
	reason: 'The execution was cancelled before Kore.ai confirmed this record',
	code: 'CANCELLED',
};

export interface BatchPlan<R> {
	/** Two records with one key never travel in one batch, nor in flight together. */
	key: RecordKey<R>;
	/** The request for a batch. */
	call(records: R[]): KoreCall;
	/** One outcome per record, in order, from an answer Kore accepted. */
	reconcile(batch: Array<PendingRecord<R>>, body: unknown, status: number, afterUnknown: boolean): ItemOutcome[];
	/** A record Kore refused alone, when the operation reads that refusal its own way (a delete's 404). */
	refused?(record: R, status: number, afterUnknown: boolean): ItemOutcome | undefined;
	/** The id a Failed item shows for a record (null for a new contact). */
	idOf(record: R): unknown;
}

export interface BatchRunSettings<R> {
	client: KoreClient;
	plan: BatchPlan<R>;
	/** The run's outcomes, one per slot: each record's is set when its batch is answered. */
	outcomes: ItemOutcome[];
	batchSize: number;
	/** Requests in flight at once (1 when not given). */
	parallelRequests?: number;
}

export class BatchRun<R> {
	/** The batch size, learned when Kore says a batch is too large, so later batches pass. */
	private readonly batchSize: BatchSizeSearch;
	private readonly client: KoreClient;
	private readonly plan: BatchPlan<R>;
	private readonly outcomes: ItemOutcome[];
	private readonly parallelRequests: number;
	private stopped?: RecordFailure;
	/** Kore refused the set-up: the node's error, thrown only if nothing of the run was applied. */
	private configurationError?: NodeApiError;

	constructor(
		private readonly context: IExecuteFunctions,
		settings: BatchRunSettings<R>,
	) {
		({ client: this.client, plan: this.plan, outcomes: this.outcomes } = settings);
		this.parallelRequests = settings.parallelRequests ?? 1;
		this.batchSize = new BatchSizeSearch(settings.batchSize);
	}

	get largestBatch() {
		return this.batchSize.size;
	}

	/**
	 * Sends the records in batches, each taken when a request is free, at the size learned so far,
	 * with up to `parallelRequests` in flight; a batch waits for the earlier batches that share a key
	 * with it, so repeated writes of a contact are applied in input order.
	 */
	async send(records: Array<PendingRecord<R>>) {
		const lastWithKey = new Map<string, Promise<unknown>>();
		let next = 0;
		let probes = 0;
		let firstError: unknown;
		// The first batch goes alone: its answer says whether the configured size passes at all, before
		// parallel requests of that size could all be refused.
		let firstBatch: Promise<unknown> | undefined;
		const worker = async () => {
			while (next < records.length) {
				if (firstBatch) await firstBatch;
				if (next >= records.length) break;
				const size = this.batchSize.sizeBeside(probes > 0);
				this.client.expect(Math.ceil((records.length - next) / size));
				const end = nextBatchEnd(records, next, size, this.plan.key);
				const batch = records.slice(next, end);
				next = end;
				const probe = this.batchSize.isProbe(batch.length);
				if (probe) probes++;
				const keys = batch.map(({ record }) => this.plan.key(record));
				const earlier = [...new Set(keys.map((key) => lastWithKey.get(key)).filter((p) => p !== undefined))];
				const finished = (async () => {
					await Promise.all(earlier);
					await this.sendBatch(batch);
				})();
				const settled = finished.catch(() => undefined).finally(() => probe && probes--);
				firstBatch ??= settled;
				for (const key of keys) lastWithKey.set(key, settled);
				try {
					await finished;
				} catch (error) {
					// Nothing can be sent (a credential value that cannot go into a request): the other workers
					// fail what is left, then it is thrown.
					firstError ??= error;
					this.stopped ??= { stage: 'request', reason: 'The run stopped on an earlier error', code: 'STOPPED' };
				}
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, Math.min(this.parallelRequests, records.length)) }, worker));
		if (firstError !== undefined) throw firstError;
		// Once Kore applied part of the run, stopping the node would throw those records away: they stay
		// on Success, the rest on Failed with the cause, and the run's summary names it.
		if (this.configurationError && !this.context.continueOnFail() && this.client.writesAccepted === 0) throw this.configurationError;
	}

	private fail(batch: Array<PendingRecord<R>>, failure: RecordFailure) {
		for (const { slot, record } of batch) {
			this.outcomes[slot] = { kind: 'failed', id: this.plan.idOf(record), record, ...failure };
		}
	}

	/** A record Kore refused on its own: the operation's reading of it, or Failed with Kore's reason. */
	private refuseOne(pending: PendingRecord<R>, result: Extract<CallOutcome, { kind: 'rejected' }>): boolean {
		const own = this.plan.refused?.(pending.record, result.status, result.afterUnknown);
		if (own) {
			this.outcomes[pending.slot] = own;
			return true;
		}
		this.fail([pending], {
			stage: 'api',
			reason: result.detail
				? explainRecordReason(result.detail)
				: `Kore.ai refused this record and gave no reason (HTTP ${result.status})`,
			code: koreErrorCode(result.body) ?? result.status,
			httpStatus: result.status,
			koreResponse: result.body,
		});
		return false;
	}

	/** A batch too large for Kore: the learned size first, then the rest the same way. */
	private async sendInParts(batch: Array<PendingRecord<R>>) {
		const size = Math.min(this.batchSize.size, batch.length - 1);
		await this.sendBatch(batch.slice(0, size));
		await this.sendBatch(batch.slice(size));
	}

	/** Sends one batch; true when Kore accepted it as one request (not refused whole). */
	private async sendBatch(batch: Array<PendingRecord<R>>): Promise<boolean> {
		if (this.stopped) {
			this.fail(batch, this.stopped);
			return false;
		}
		// Larger than Kore is known to take (learned while this batch waited): at the size learned.
		if (batch.length > 1 && this.batchSize.tooLarge(batch.length)) {
			await this.sendInParts(batch);
			return false;
		}
		const result = await this.client.call(this.plan.call(batch.map((p) => p.record)));
		switch (result.kind) {
			case 'ok': {
				this.batchSize.acceptedBatch(batch.length);
				const outcomes = this.plan.reconcile(batch, result.body, result.status, result.afterUnknown);
				batch.forEach(({ slot }, i) => (this.outcomes[slot] = outcomes[i]));
				return true;
			}
			case 'rejected':
				if (batch.length > 1) {
					if (result.status === 413 || (result.status === 400 && this.batchSize.tooLarge(batch.length))) {
						this.batchSize.refusedForSize(batch.length);
						await this.sendInParts(batch);
						return false;
					}
					const [first, second] = splitBatch(batch);
					const firstAccepted = await this.sendBatch(first);
					const secondAccepted = await this.sendBatch(second);
					// Kore may refuse an over-large batch with a plain 400 (its limit is undocumented): two
					// halves it then takes say the limit is lower. A 412 names invalid records, never size.
					if (result.status === 400 && firstAccepted && secondAccepted) this.batchSize.refusedForSize(batch.length);
					return false;
				}
				return this.refuseOne(batch[0], result);
			case 'failed': {
				const failure: RecordFailure = {
					stage: 'request',
					reason: result.reason,
					code: result.outcomeUnknown ? 'OUTCOME_UNKNOWN' : 'REQUEST_FAILED',
					...(result.status !== undefined && { httpStatus: result.status }),
					...(result.body !== undefined && { koreResponse: result.body }),
				};
				if (result.outcomeUnknown) {
					for (const { slot, record } of batch) this.outcomes[slot] = { kind: 'unknown', id: this.plan.idOf(record), record, ...failure };
				} else this.fail(batch, failure);
				return false;
			}
			case 'cancelled':
				this.stopped = CANCELLED;
				this.fail(batch, CANCELLED);
				return false;
			case 'configuration': {
				const explained = explainConfigurationError(result.status, result.detail, result.body, result.scope);
				this.configurationError ??= new NodeApiError(this.context.getNode(), (result.body ?? {}) as JsonObject, {
					message: explained.message,
					description: explained.description,
					httpCode: String(result.status),
					itemIndex: batch[0].itemIndex,
				});
				this.stopped ??= {
					stage: 'request',
					reason: `${explained.message}. ${explained.description}`,
					code: koreErrorCode(result.body) ?? result.status,
					httpStatus: result.status,
					koreResponse: result.body,
				};
				this.fail(batch, this.stopped);
				return false;
			}
		}
	}
}
