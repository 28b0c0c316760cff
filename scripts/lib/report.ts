// What a run of the example workflow did, in a few lines a person reads at a glance.

export interface KoreRunSummary {
	ok: boolean;
	success: any[];
	failed: any[];
	error?: string;
}

/** The Kore.ai node's two outputs from an execution's JSON, whichever n8n printed or served it. */
export function summariseExecution(execution: any, nodeName = 'Kore.ai Contacts'): KoreRunSummary {
	const resultData = execution?.data?.resultData ?? execution?.resultData;
	const error = resultData?.error?.message as string | undefined;
	const task = resultData?.runData?.[nodeName]?.[0];
	const main = task?.data?.main ?? [];
	return { ok: !error && Boolean(task), success: main[0] ?? [], failed: main[1] ?? [], error };
}

export function formatReport(summary: KoreRunSummary): string {
	const lines = [`Kore.ai Contacts: ${summary.success.length} contact(s) updated, ${summary.failed.length} failed.`];
	for (const item of summary.failed) lines.push(`  - ${item.json?.id ?? '(no id)'}: ${item.json?.reason}`);
	if (summary.error) lines.push(`The run stopped with an error: ${summary.error}`);
	return lines.join('\n');
}
