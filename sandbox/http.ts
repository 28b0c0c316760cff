// Small HTTP pieces of the sandbox: reading bodies, answering JSON, logging headers safely.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { KoreError } from './envelope';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('body too large'));
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0 || !(contentType ?? '').includes('json')) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new KoreError(400, 'Invalid JSON in the request body', 400);
	}
}

export function loggableHeaders(headers: IncomingMessage['headers']): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers)) {
		out[name] = name === 'auth' ? '[JWT, decoded in jwt]' : Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}
