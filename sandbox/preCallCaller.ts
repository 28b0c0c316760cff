// Kore.ai's side of Pre-Call Contact Fetch: before each dial, the campaign POSTs the contact to the
// URL set on it, with its fixed headers, and waits. The caller records each answer by Kore's
// documented rules: a 200 with contactHandling.handle CALL or SKIP decides; a timeout, no answer, a
// non-200, a malformed body or a missing handle all count as SKIP. It shares no code with the node.

export interface PreCallContact {
	dialingId: string;
	contactData: Record<string, unknown>;
}

export interface PreCallSettings {
	url: string;
	/** The campaign's configured headers (Kore sends only these, besides Content-Type). */
	headers?: Record<string, string>;
	campaign: { name: string; id: string };
	contacts: PreCallContact[];
	/** How long Kore waits; undocumented, so a setting. */
	timeoutMs?: number;
	/** Requests in flight at once. */
	concurrency?: number;
	/** Requests started per second, spread evenly (0: as fast as concurrency allows). */
	perSecond?: number;
}

export type PreCallCounted = 'answer' | 'non-200' | 'malformed' | 'missing handle' | 'timeout' | 'unreachable';

export interface PreCallRecord {
	dialingId: string;
	phoneNumber: unknown;
	/** What Kore does: dial or not. */
	handle: 'CALL' | 'SKIP';
	/** Why: the answer itself, or the rule that made it a SKIP. */
	counted: PreCallCounted;
	status?: number;
	reason?: string;
	/** The answer's body as sent (its fields go to the bot on CALL). */
	body?: unknown;
	/** From sending the request to the whole answer read. */
	ms: number;
}

async function askOne(settings: PreCallSettings, contact: PreCallContact): Promise<PreCallRecord> {
	const started = performance.now();
	const record = (counted: PreCallCounted, extra: Partial<PreCallRecord> = {}): PreCallRecord => ({
		dialingId: contact.dialingId,
		phoneNumber: contact.contactData.phoneNumber,
		handle: 'SKIP',
		counted,
		ms: performance.now() - started,
		...extra,
	});
	const payload = { CampaignName: settings.campaign.name, CampaignId: settings.campaign.id, DialingId: contact.dialingId, contactData: contact.contactData };
	let answer: Response;
	let text: string;
	try {
		answer = await fetch(settings.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...settings.headers },
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
		});
		text = await answer.text();
	} catch (error) {
		const name = (error as Error).name;
		return record(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable');
	}
	if (answer.status !== 200) return record('non-200', { status: answer.status, body: text.slice(0, 500) });
	let body: { contactHandling?: { handle?: unknown; reason?: unknown } } | null;
	try {
		body = JSON.parse(text);
	} catch {
		return record('malformed', { status: 200, body: text.slice(0, 500) });
	}
	if (typeof body !== 'object' || body === null || typeof body.contactHandling !== 'object' || body.contactHandling === null) return record('malformed', { status: 200, body });
	const { handle, reason } = body.contactHandling;
	if (handle !== 'CALL' && handle !== 'SKIP') return record('missing handle', { status: 200, body });
	return record('answer', { status: 200, body, handle, reason: typeof reason === 'string' ? reason : undefined });
}

/** Asks about every contact, as a campaign does before dialling it; the records in contact order. */
export async function askBeforeDialling(settings: PreCallSettings): Promise<PreCallRecord[]> {
	const records: PreCallRecord[] = new Array(settings.contacts.length);
	const gapMs = settings.perSecond ? 1000 / settings.perSecond : 0;
	const startedAt = performance.now();
	let next = 0;
	async function lane() {
		for (;;) {
			const index = next++;
			if (index >= settings.contacts.length) return;
			const due = startedAt + index * gapMs - performance.now();
			if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
			records[index] = await askOne(settings, settings.contacts[index]);
		}
	}
	await Promise.all(Array.from({ length: Math.max(1, settings.concurrency ?? 1) }, lane));
	return records;
}

/**
 * Waits until n8n serves `url`: a production webhook is registered shortly after its workflow is
 * activated, and n8n answers 404 until then. The probe carries no secret header, so the Pre-Call
 * Trigger refuses it (401) and runs nothing. Returns the first status that is not 404.
 */
export async function waitForWebhook(url: string, { timeoutMs = 60_000, intervalMs = 500, body = '{}' } = {}): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		await probe.text();
		if (probe.status !== 404) return probe.status;
		if (Date.now() > deadline) throw new Error(`n8n kept answering 404 for ${url}: the workflow is not active`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
