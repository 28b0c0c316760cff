// Valid records through Kore.ai, batch by batch, into one outcome per input item.
import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { batchDependencies, splitBatch, toBatches } from '../../helpers/batching';
import { explainConfigurationError } from '../../helpers/explain';
import { reconcileBatch } from '../../helpers/reconcile';
import { koreErrorCode } from '../../helpers/retryPolicy';
import type { ItemOutcome, PendingRecord, RecordFailure } from '../../helpers/types';
import type { BulkUpdateClient } from '../../transport/bulkUpdateClient';

const CANCELLED: RecordFailure = {
	stage: 'request',
	reason: 'The execution was cancelled before Kore.ai confirmed this record',
	code: 'CANCELLED',
};

export class BulkUpdateRun {
	/** Lowered when Kore says a batch is too large, so later batches are not refused the same way. */
	private batchLimit: number;
	private stopped?: RecordFailure;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly client: BulkUpdateClient,
		private readonly outcomes: ItemOutcome[],
		batchSize: number,
		private readonly parallelRequests = 1,
	) {
		this.batchLimit = batchSize;
	}

	/**
	 * Sends the batches with up to `parallelRequests` in flight, each after the earlier batches that
	 * share an id with it, so repeated updates of a contact are applied in input order.
	 */
	async send(records: PendingRecord[]) {
		const batches = toBatches(records, this.batchLimit);
		const dependencies = batchDependencies(batches);
		const finished: Array<Promise<void>> = new Array(batches.length);
		let next = 0;
		let firstError: unknown;
		const worker = async () => {
			while (next < batches.length) {
				const index = next++;
				finished[index] = (async () => {
					await Promise.all(dependencies[index].map((earlier) => finished[earlier]));
					await this.sendBatch(batches[index]);
				})();
				try {
					await finished[index];
				} catch (error) {
					// A configuration error stops the node: the other workers fail what is left, then it is thrown.
					firstError ??= error;
					this.stopped ??= { stage: 'request', reason: 'The run stopped on an earlier error', code: 'STOPPED' };
				}
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, Math.min(this.parallelRequests, batches.length)) }, worker));
		if (firstError !== undefined) throw firstError;
	}

	private fail(batch: PendingRecord[], failure: RecordFailure) {
		for (const { itemIndex, record } of batch) {
			this.outcomes[itemIndex] = { kind: 'failed', id: record.id, record, ...failure };
		}
	}

	private async sendBatch(batch: PendingRecord[]): Promise<void> {
		if (this.stopped) return this.fail(batch, this.stopped);
		if (batch.length > this.batchLimit) {
			for (const half of splitBatch(batch)) await this.sendBatch(half);
			return;
		}
		const result = await this.client.put(batch.map((p) => p.record));
		switch (result.kind) {
			case 'ok': {
				const outcomes = reconcileBatch(batch, result.body, result.status);
				batch.forEach(({ itemIndex }, i) => (this.outcomes[itemIndex] = outcomes[i]));
				return;
			}
			case 'rejected':
				if (batch.length > 1) {
					if (result.status === 413) this.batchLimit = Math.max(1, Math.ceil(batch.length / 2));
					for (const half of splitBatch(batch)) await this.sendBatch(half);
					return;
				}
				return this.fail(batch, {
					stage: 'api',
					reason: `Kore.ai refused this record (HTTP ${result.status}): ${result.detail}`,
					code: koreErrorCode(result.body) ?? result.status,
					httpStatus: result.status,
					koreResponse: result.body,
				});
			case 'failed':
				return this.fail(batch, {
					stage: 'request',
					reason: result.reason,
					code: result.outcomeUnknown ? 'OUTCOME_UNKNOWN' : 'REQUEST_FAILED',
					...(result.status !== undefined && { httpStatus: result.status }),
					...(result.body !== undefined && { koreResponse: result.body }),
				});
			case 'cancelled':
				this.stopped = CANCELLED;
				return this.fail(batch, CANCELLED);
			case 'configuration': {
				const explained = explainConfigurationError(result.status, result.detail, result.body);
				if (!this.context.continueOnFail()) {
					throw new NodeApiError(this.context.getNode(), (result.body ?? {}) as JsonObject, {
						message: explained.message,
						description: explained.description,
						httpCode: String(result.status),
						itemIndex: batch[0].itemIndex,
					});
				}
				this.stopped = {
					stage: 'request',
					reason: `${explained.message}. ${explained.description}`,
					code: koreErrorCode(result.body) ?? result.status,
					httpStatus: result.status,
					koreResponse: result.body,
				};
				return this.fail(batch, this.stopped);
			}
		}
	}
}
