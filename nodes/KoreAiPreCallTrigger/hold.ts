// Holding the HTTP answer of one Pre-Call request until it can be given as Kore.ai expects.
//
// n8n answers a webhook trigger itself once the execution ends (response mode "last node"): the last
// node's first item as it is, 500 "Error in workflow" when it failed, or a message when the last
// node gave nothing. Kore would skip the contact on each of those but the first, and only a 200
// with `contactHandling` is its answer. No hook tells a trigger node how its execution ended, in the
// main process or (queue mode) on a worker; but n8n writes that answer through the response object
// this node is handed, in the process that holds Kore's connection in both modes. So the node takes
// the answer n8n writes there and sends Kore's instead, and answers the Default Decision itself
// when the Time Limit passes first (a workflow still running, a queue with no free worker).
import { sleep } from 'n8n-workflow';

import type { PreCallAnswer } from './answer';

/** The parts of Node's and Express's response object that n8n writes its answer with. */
export interface HttpResponse {
	headersSent: boolean;
	statusCode: number;
	status(code: number): HttpResponse;
	json(body: unknown): HttpResponse;
	send(body?: unknown): HttpResponse;
	end(...args: unknown[]): HttpResponse;
	setHeader(name: string, value: string | number | readonly string[]): HttpResponse;
	writeHead(code: number, ...rest: unknown[]): HttpResponse;
}

export interface HeldAnswer {
	/** The answer was sent, and how: resolves once, whoever sent it. */
	sent: Promise<PreCallAnswer>;
}

/**
 * Takes over `res`: what n8n writes there later goes through `decide`, and Kore's answer is sent
 * instead (status 200, JSON). After that every further write is dropped, so a late answer from n8n
 * (after the Time Limit) cannot fail on a response already sent.
 */
export function holdAnswer(res: HttpResponse, decide: (status: number, body: unknown) => PreCallAnswer, timeLimitMs: number, onTimeLimit: () => PreCallAnswer): HeldAnswer {
	const end = res.end.bind(res);
	const setHeader = res.setHeader.bind(res);
	// Node's end() writes the head through writeHead, which is taken over below.
	const writeHead = res.writeHead.bind(res);
	let status = 200;
	let settled = false;
	let resolveSent: (answer: PreCallAnswer) => void = () => undefined;
	const sent = new Promise<PreCallAnswer>((resolve) => (resolveSent = resolve));

	const answer = (make: () => PreCallAnswer) => {
		if (settled) return;
		settled = true;
		const chosen = make();
		if (!res.headersSent) {
			const text = JSON.stringify(chosen.body);
			writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
			end(text);
		}
		resolveSent(chosen);
	};

	res.status = (code: number) => {
		if (!settled) status = code;
		return res;
	};
	res.writeHead = (code: number) => {
		if (!settled) status = code;
		return res;
	};
	res.setHeader = (name, value) => (settled ? res : (setHeader(name, value), res));
	res.json = (body: unknown) => (answer(() => decide(status, body)), res);
	res.send = (body?: unknown) => (answer(() => decide(status, Buffer.isBuffer(body) ? body.toString('utf8') : body)), res);
	res.end = (chunk?: unknown) => (answer(() => decide(status, typeof chunk === 'string' || Buffer.isBuffer(chunk) ? chunk.toString() : undefined)), res);

	if (timeLimitMs > 0) void sleep(timeLimitMs).then(() => answer(onTimeLimit));
	return { sent };
}
