// A local Kore.ai Contacts API on 127.0.0.1: Kore's auth, endpoints, limits and error envelope, plus
// faults on demand and a request log, for demos, tests and benchmarks. It shares no code with the node.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

import { Authenticator, describeToken } from './auth';
import { handleContactsRequest, type ApiResponse, type ApiSettings } from './contactsApi';
import { ContactStore } from './contactStore';
import { demoContact, demoContactId } from './demoContacts';
import { KoreError, RATE_LIMIT_MESSAGE } from './envelope';
import { FaultInjector } from './faults';
import { RateLimiter } from './rateLimiter';
import type { Fault, FaultPlan, LoggedRequest, RateLimitOptions, SandboxOptions, StoredContact } from './types';

const API_PREFIX = '/agentassist/api/v1/public/';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export const SANDBOX_DEFAULTS = {
	streamId: 'st-7dc994f0-4436-5134-9fa8-a942625sandbx',
	accountId: '65f7d49a5dd06e2cefa45012',
	clientId: 'cs-5f1ab3c2-sandbox-client',
	clientSecret: 'sandbox-secret-change-me-0123456789abcdef',
} as const;

export interface SandboxCredentials {
	host: string;
	streamId: string;
	accountId: string;
	clientId: string;
	clientSecret: string;
}

export class KoreSandbox {
	readonly options: Required<Omit<SandboxOptions, 'faults' | 'rateLimit' | 'storeFile' | 'port'>> & {
		port: number;
		storeFile?: string;
		rateLimit: RateLimitOptions;
	};
	readonly store: ContactStore;
	readonly faults: FaultInjector;
	private readonly auth: Authenticator;
	private readonly limiter: RateLimiter;
	private readonly requests: LoggedRequest[] = [];
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private server?: Server;
	private seq = 0;
	logBodies = true;

	constructor(options: SandboxOptions = {}) {
		const now = options.now ?? Date.now;
		this.options = {
			port: options.port ?? 0,
			streamId: options.streamId ?? SANDBOX_DEFAULTS.streamId,
			accountId: options.accountId ?? SANDBOX_DEFAULTS.accountId,
			clientId: options.clientId ?? SANDBOX_DEFAULTS.clientId,
			clientSecret: options.clientSecret ?? SANDBOX_DEFAULTS.clientSecret,
			enforceJti: options.enforceJti ?? true,
			configurationScope: options.configurationScope ?? true,
			maxRecordsPerRequest: options.maxRecordsPerRequest ?? 1000,
			rejectInvalidBatches: options.rejectInvalidBatches ?? false,
			failedRecordStyle: options.failedRecordStyle ?? 'flat',
			seedCount: options.seedCount ?? 0,
			storeFile: options.storeFile,
			now,
			rateLimit: { requestsPerWindow: 60, windowMs: 60_000, sendRetryAfter: true, ...options.rateLimit },
		};
		this.store = new ContactStore(
			{
				streamId: this.options.streamId,
				accountId: this.options.accountId,
				orgId: 'o-16ff21d2-5d27-5fb2-b9bd-9fedb5fsandb',
				userId: 'u-cc6ebd6c-656c-5364-abfc-ad5f80esandb',
				appId: 'a-6c63a33-c2a7-49e8-a5ab-82449c8sandb',
			},
			now,
		);
		this.auth = new Authenticator(this.options, now);
		this.limiter = new RateLimiter(this.options.rateLimit, now);
		this.faults = new FaultInjector(options.faults);
		if (this.options.storeFile && existsSync(this.options.storeFile)) {
			this.store.load(JSON.parse(readFileSync(this.options.storeFile, 'utf8')) as StoredContact[]);
		} else {
			this.seed(this.options.seedCount);
		}
	}

	async start(): Promise<this> {
		const server = createServer((req, res) => void this.handle(req, res));
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port, '127.0.0.1', () => resolve());
		});
		this.server = server;
		return this;
	}

	async stop(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const server = this.server;
		this.server = undefined;
		if (server) {
			for (const socket of this.sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		if (this.options.storeFile) writeFileSync(this.options.storeFile, JSON.stringify(this.store.all(), null, 2));
	}

	get port(): number {
		const address = this.server?.address() as AddressInfo | null | undefined;
		if (!address) throw new Error('The sandbox is not started');
		return address.port;
	}

	/** The host value for the credential: the sandbox's origin. */
	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The base of the Contacts API for this bot. */
	get contactsUrl(): string {
		return `${this.url}${API_PREFIX}${encodeURIComponent(this.options.streamId)}/contacts`;
	}

	credentials(): SandboxCredentials {
		const { streamId, accountId, clientId, clientSecret } = this.options;
		return { host: this.url, streamId, accountId, clientId, clientSecret };
	}

	/** Replaces the store with `count` generated contacts (ids from demoContactId). */
	seed(count: number) {
		this.store.clear();
		for (let n = 0; n < count; n++) this.store.create(demoContact(n), demoContactId(n));
	}

	setFaults(plan: FaultPlan) {
		this.faults.set(plan);
	}

	configure(settings: Partial<Pick<SandboxOptions, 'enforceJti' | 'configurationScope' | 'maxRecordsPerRequest' | 'rejectInvalidBatches' | 'failedRecordStyle'>> & { rateLimit?: Partial<RateLimitOptions> }) {
		const { rateLimit, ...rest } = settings;
		Object.assign(this.options, rest);
		if (rateLimit) Object.assign(this.options.rateLimit, rateLimit);
	}

	log(): LoggedRequest[] {
		return [...this.requests];
	}

	clearLog() {
		this.requests.length = 0;
	}

	/** Back to the start: store re-seeded, log, faults and rate-limit window cleared. */
	reset() {
		this.clearLog();
		this.setFaults({});
		this.limiter.reset();
		this.seed(this.options.seedCount);
	}

	stats() {
		const byStatus: Record<string, number> = {};
		for (const r of this.requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
		return { requests: this.requests.length, byStatus, faultsInjected: { ...this.faults.injected } };
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		let rawBody: Buffer;
		try {
			rawBody = await readBody(req);
		} catch {
			send(res, 413, new KoreError(413, 'Request entity too large', 413).body());
			return;
		}
		if (url.pathname.startsWith('/__admin/')) {
			this.handleAdmin(req.method ?? 'GET', url.pathname.slice('/__admin/'.length), rawBody, res);
			return;
		}
		const entry: LoggedRequest = {
			seq: ++this.seq,
			at: new Date(this.options.now()).toISOString(),
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: loggableHeaders(req.headers),
			jwt: describeToken(typeof req.headers.auth === 'string' ? req.headers.auth : undefined),
			body: undefined,
			status: 0,
			applied: false,
		};
		this.requests.push(entry);
		const fault = url.pathname.startsWith(API_PREFIX) ? this.faults.next() : undefined;
		if (fault) entry.fault = fault.kind;

		let body: unknown;
		let response: ApiResponse | undefined;
		let extraHeaders: Record<string, string> = {};
		try {
			body = parseJsonBody(rawBody, req.headers['content-type']);
			if (this.logBodies) entry.body = body;
			if (fault && this.answerFaultEarly(fault, res, entry)) return;
			response = this.serveApi(req, url, body, rawBody);
		} catch (error) {
			const koreError = error instanceof KoreError ? error : new KoreError(500, 'Internal Server Error', 500);
			response = { status: koreError.status, body: koreError.body(), applied: false };
			extraHeaders = koreError.headers;
		}
		entry.status = response.status;
		entry.applied = response.applied;
		if (fault) response = this.answerFaultLate(fault, response, res, entry);
		if (!response) return;
		if (this.logBodies) entry.response = response.body;
		send(res, response.status, response.body, extraHeaders);
	}

	/** Faults that answer before the request is served. Returns true when the answer is sent. */
	private answerFaultEarly(fault: Fault, res: ServerResponse, entry: LoggedRequest): boolean {
		switch (fault.kind) {
			case 'status':
				entry.status = fault.status;
				send(res, fault.status, new KoreError(fault.status, fault.message ?? 'Service Unavailable').body());
				return true;
			case 'throttle': {
				entry.status = fault.status ?? 429;
				const headers: Record<string, string> =
					fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
				send(res, entry.status, new KoreError(entry.status, RATE_LIMIT_MESSAGE, 429).body(), headers);
				return true;
			}
			case 'reject412':
				entry.status = 412;
				send(res, 412, new KoreError(412, 'Validation errors/ Invalid arguments', 412).body());
				return true;
			case 'malformedJson':
				entry.status = 200;
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end('{"totalRequested": 1, "successfulRecords": [');
				return true;
			case 'reset':
				if (fault.apply) return false;
				entry.status = -1;
				res.socket?.destroy();
				return true;
			default:
				return false;
		}
	}

	/** Faults that change or withhold the answer of a served request; undefined when handled. */
	private answerFaultLate(fault: Fault, response: ApiResponse, res: ServerResponse, entry: LoggedRequest) {
		switch (fault.kind) {
			case 'reset':
				entry.status = -1;
				res.socket?.destroy();
				return undefined;
			case 'delay': {
				const timer = setTimeout(() => {
					this.timers.delete(timer);
					if (!res.destroyed) send(res, response.status, response.body);
				}, fault.ms);
				this.timers.add(timer);
				return undefined;
			}
			case 'omitRecords':
				return { ...response, body: omitRecords(response.body, fault.count ?? 1) };
			default:
				return response;
		}
	}

	private serveApi(req: IncomingMessage, url: URL, body: unknown, rawBody: Buffer): ApiResponse {
		if (!url.pathname.startsWith(API_PREFIX)) throw new KoreError(404, 'Not Found', 404);
		const [streamSegment, resource, ...rest] = url.pathname.slice(API_PREFIX.length).split('/');
		if (resource !== 'contacts') throw new KoreError(404, 'Not Found', 404);
		this.auth.verify(req.headers);
		if (decodeURIComponent(streamSegment) !== this.options.streamId) {
			throw new KoreError(404, 'Bot not found: the streamId does not match any bot of this account', 404);
		}
		const waitMs = this.limiter.admit(this.options.accountId);
		if (waitMs > 0) {
			const headers: Record<string, string> = this.options.rateLimit.sendRetryAfter
				? { 'Retry-After': String(Math.ceil(waitMs / 1000)) }
				: {};
			throw new KoreError(429, RATE_LIMIT_MESSAGE, 429, headers);
		}
		return handleContactsRequest(this.store, this.options as ApiSettings, {
			method: req.method ?? 'GET',
			rest: rest.filter((s) => s !== '').map(decodeURIComponent),
			query: Object.fromEntries(url.searchParams),
			body,
			rawBody,
			contentType: req.headers['content-type'] ?? '',
		});
	}

	private handleAdmin(method: string, route: string, rawBody: Buffer, res: ServerResponse) {
		const body = rawBody.length ? (JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>) : {};
		const key = `${method} ${route}`;
		switch (key) {
			case 'GET log':
				return send(res, 200, this.log());
			case 'DELETE log':
				this.clearLog();
				return send(res, 200, { ok: true });
			case 'GET store':
				return send(res, 200, this.store.all());
			case 'GET stats':
				return send(res, 200, this.stats());
			case 'GET credentials':
				return send(res, 200, this.credentials());
			case 'POST seed':
				this.seed(Number(body.count ?? this.options.seedCount));
				return send(res, 200, { size: this.store.size });
			case 'PUT faults':
				this.setFaults(body as FaultPlan);
				return send(res, 200, { ok: true });
			case 'PATCH config':
				this.configure(body);
				return send(res, 200, { ok: true });
			case 'POST reset':
				this.reset();
				return send(res, 200, { ok: true });
			default:
				return send(res, 404, new KoreError(404, `No admin route ${key}`).body());
		}
	}
}

export async function startSandbox(options: SandboxOptions = {}) {
	return new KoreSandbox(options).start();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
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

function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0 || !(contentType ?? '').includes('json')) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new KoreError(400, 'Invalid JSON in the request body', 400);
	}
}

function loggableHeaders(headers: IncomingMessage['headers']): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers)) {
		out[name] = name === 'auth' ? '[JWT, decoded in jwt]' : Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function omitRecords(body: unknown, count: number) {
	const response = body as { successfulRecords?: unknown[]; failedRecords?: unknown[] };
	if (!response || !Array.isArray(response.successfulRecords)) return body;
	const successfulRecords = [...response.successfulRecords];
	const failedRecords = [...(response.failedRecords ?? [])];
	for (let i = 0; i < count; i++) {
		if (successfulRecords.length > 0) successfulRecords.pop();
		else failedRecords.pop();
	}
	return { ...response, successfulRecords, failedRecords };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}
