// The Options collection read once per run, with defaults and bounds applied.
import type { IExecuteFunctions } from 'n8n-workflow';

export interface BulkUpdateOptions {
	batchSize: number;
	requestsPerMinute: number;
	maxRetries: number;
	timeoutMs: number;
	includeInputData: boolean;
	parallelRequests: number;
	windowMs: number;
}

function bounded(value: unknown, fallback: number, min: number, max: number) {
	const number = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return Math.min(max, Math.max(min, number));
}

export function readOptions(context: IExecuteFunctions): BulkUpdateOptions {
	const options = context.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const windowSeconds = context.getNodeParameter('rateLimitWindowSeconds', 0, 60) as number;
	return {
		batchSize: Math.floor(bounded(options.batchSize, 100, 1, 1000)),
		requestsPerMinute: bounded(options.requestsPerMinute, 60, 0, 6000),
		maxRetries: Math.floor(bounded(options.maxRetries, 5, 0, 10)),
		timeoutMs: bounded(options.timeout, 30, 1, 600) * 1000,
		includeInputData: options.includeInputData === true,
		parallelRequests: Math.floor(bounded(options.parallelRequests, 2, 1, 4)),
		windowMs: bounded(windowSeconds, 60, 0.1, 3600) * 1000,
	};
}
