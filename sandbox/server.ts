// A local Kore.ai Contacts API on 127.0.0.1: Kore's auth, endpoints, limits and error envelope, plus
// faults on demand and a request log, for demos, tests and benchmarks. It shares no code with the node.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

import { Authenticator, describeToken } from './auth';
import { handleContactsRequest, type ApiResponse, type ApiSettings } from './contactsApi';
import { CampaignStore } from './campaignStore';
import { campaignRoute, DEFAULT_CAMPAIGN_READINGS, handleCampaignRequest, type CampaignReadings } from './campaignsApi';
import { ContactStore } from './contactStore';
import { conversationSession } from './conversations';
import { demoContact, demoContactId } from './demoContacts';
import { KoreError, RATE_LIMIT_MESSAGE } from './envelope';
import { answerFaultEarly, answerFaultLate } from './faultResponses';
import { FaultInjector } from './faults';
import { loggableHeaders, parseJsonBody, readBody, send } from './http';
import { RateLimiter, retryAfterSeconds } from './rateLimiter';
import type { FaultPlan, LoggedRequest, RateLimitOptions, SandboxOptions, StoredContact } from './types';

const API_PREFIX = '/agentassist/api/v1/public/';

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
	readonly options: Required<Omit<SandboxOptions, 'faults' | 'rateLimit' | 'storeFile' | 'port' | 'campaignReadings'>> & {
		campaignReadings: CampaignReadings;
		port: number;
		storeFile?: string;
		rateLimit: RateLimitOptions;
	};
	readonly store: ContactStore;
	/** Contact lists, campaigns and their outcomes (the Campaign Management APIs). */
	readonly campaigns: CampaignStore;
	readonly faults: FaultInjector;
	private readonly auth: Authenticator;
	private readonly limiter: RateLimiter;
	private readonly requests: LoggedRequest[] = [];
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private server?: Server;
	private seq = 0;
	/** The secret the sandbox started with: `reset` undoes a rotation. */
	private readonly originalSecret: string;
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
			campaignScope: options.campaignScope ?? true,
			analyticsScope: options.analyticsScope ?? true,
			campaignReadings: { ...DEFAULT_CAMPAIGN_READINGS, ...options.campaignReadings },
			wrongSecretAnswer: options.wrongSecretAnswer ?? { status: 401, code: 401 },
			maxRecordsPerRequest: options.maxRecordsPerRequest ?? 1000,
			rejectInvalidBatches: options.rejectInvalidBatches ?? false,
			failedRecordStyle: options.failedRecordStyle ?? 'flat',
			createStyle: options.createStyle ?? 'wholeRequest',
			reverseCreated: options.reverseCreated ?? false,
			allFailedStatus: options.allFailedStatus ?? 200,
			oversizeStatus: options.oversizeStatus ?? 413,
			listInactive: options.listInactive ?? false,
			contactIds: options.contactIds ?? 'kore',
			seedCount: options.seedCount ?? 0,
			demoCampaign: options.demoCampaign ?? false,
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
		this.store.idStyle = this.options.contactIds;
		this.campaigns = new CampaignStore(now);
		if (this.options.demoCampaign) this.campaigns.addDemoCampaign();
		this.originalSecret = this.options.clientSecret;
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

	configure(
		settings: Partial<
			Pick<
				SandboxOptions,
				'enforceJti' | 'configurationScope' | 'wrongSecretAnswer' | 'maxRecordsPerRequest' | 'rejectInvalidBatches' | 'failedRecordStyle' | 'createStyle' | 'reverseCreated' | 'allFailedStatus' | 'oversizeStatus' | 'listInactive' | 'contactIds' | 'campaignScope' | 'analyticsScope'
			>
		> & { rateLimit?: Partial<RateLimitOptions>; campaignReadings?: Partial<CampaignReadings> },
	) {
		const { rateLimit, campaignReadings, ...rest } = settings;
		Object.assign(this.options, rest);
		if (campaignReadings) Object.assign(this.options.campaignReadings, campaignReadings);
		this.store.idStyle = this.options.contactIds;
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
		this.options.clientSecret = this.originalSecret;
		this.clearLog();
		this.setFaults({});
		this.limiter.reset();
		this.seed(this.options.seedCount);
		this.campaigns.reset();
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
		const isApi = url.pathname.startsWith(API_PREFIX) || campaignRoute(url.pathname, this.options.streamId) !== undefined;
		const fault = isApi ? this.faults.next() : undefined;
		if (fault) entry.fault = fault.kind;

		let body: unknown;
		let response: ApiResponse | undefined;
		let extraHeaders: Record<string, string> = {};
		try {
			body = parseJsonBody(rawBody, req.headers['content-type']);
			if (this.logBodies) entry.body = body;
			if (Array.isArray(body)) {
				entry.recordCount = body.length;
				if (typeof body[0]?.id === 'string') entry.firstId = body[0].id;
			}
			if (fault?.kind === 'rotateSecret') this.options.clientSecret = `rotated-${this.seq}-${this.options.clientSecret}`;
			if (fault && answerFaultEarly(fault, res, entry)) return;
			response = this.serveApi(req, url, body, rawBody);
		} catch (error) {
			const koreError = error instanceof KoreError ? error : new KoreError(500, 'Internal Server Error', 500);
			response = { status: koreError.status, body: koreError.body(), applied: false };
			extraHeaders = koreError.headers;
		}
		entry.status = response.status;
		entry.applied = response.applied;
		if (fault) response = answerFaultLate(fault, response, res, entry, this.timers);
		if (!response) return;
		if (this.logBodies) entry.response = response.body;
		send(res, response.status, response.body, extraHeaders);
	}

	private serveApi(req: IncomingMessage, url: URL, body: unknown, rawBody: Buffer): ApiResponse {
		if (campaignRoute(url.pathname, this.options.streamId)) {
			this.auth.verify(req.headers, 'campaign');
			this.admit();
			const request = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
			return handleCampaignRequest(this.campaigns, this.options.campaignReadings, request, this.options.streamId);
		}
		const session = conversationSession(url.pathname, this.options.streamId);
		if (session !== undefined) {
			this.auth.verify(req.headers, 'analytics');
			this.admit();
			if (req.method !== 'GET') throw new KoreError(405, 'Method Not Allowed', 405);
			return { status: 200, body: this.campaigns.conversationOf(session), applied: false };
		}
		if (!url.pathname.startsWith(API_PREFIX)) throw new KoreError(404, 'Not Found', 404);
		const [streamSegment, resource, ...rest] = url.pathname.slice(API_PREFIX.length).split('/');
		if (resource !== 'contacts') throw new KoreError(404, 'Not Found', 404);
		this.auth.verify(req.headers);
		if (decodeURIComponent(streamSegment) !== this.options.streamId) {
			throw new KoreError(404, 'Bot not found: the streamId does not match any bot of this account', 404);
		}
		this.admit();
		return handleContactsRequest(this.store, this.options as ApiSettings, {
			method: req.method ?? 'GET',
			rest: rest.filter((s) => s !== '').map(decodeURIComponent),
			query: Object.fromEntries(url.searchParams),
			body,
			rawBody,
			contentType: req.headers['content-type'] ?? '',
		});
	}

	/** One request against the account's limit, shared by the Contacts and the campaign APIs. */
	private admit() {
		const waitMs = this.limiter.admit(this.options.accountId);
		if (waitMs > 0) {
			const headers: Record<string, string> = this.options.rateLimit.sendRetryAfter
				? { 'Retry-After': retryAfterSeconds(waitMs, this.options.rateLimit.windowMs) }
				: {};
			throw new KoreError(429, RATE_LIMIT_MESSAGE, 429, headers);
		}
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
			case 'GET lists':
				return send(res, 200, [...this.campaigns.lists.values()].map((list) => ({ ...list, contacts: this.campaigns.members.get(list._id) })));
			case 'POST campaigns':
				return send(res, 200, this.campaigns.addCampaign(body as Parameters<CampaignStore['addCampaign']>[0]));
			case 'POST dial':
				this.campaigns.dial(String(body.campaignId), body.outcomes as Parameters<CampaignStore['dial']>[1]);
				return send(res, 200, { ok: true });
			case 'PUT dropped':
				this.campaigns.silentlyDropped = new Set((body.numbers as string[]) ?? []);
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
