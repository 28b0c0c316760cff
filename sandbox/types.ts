// Wire shapes of Kore.ai's Contacts API as the sandbox serves them, and the sandbox's own options.
import type { CampaignReadings } from './campaignsApi';
import type { ContactIdStyle } from './contactStore';

export interface CellPhone {
	phoneNumber: string;
	countryCode: string;
	extension: string;
}

export interface StoredContact {
	_id: string;
	firstName: string;
	lastName: string;
	fullName: string;
	salutation: string;
	cellPhone: CellPhone;
	status: 'ACTIVE' | 'INACTIVE';
	instanceBotId: string;
	orgId: string;
	accountId: string;
	createdBy: string;
	createdByAId: string;
	address: unknown[];
	twitterDetails: unknown[];
	createdAt: string;
	updatedAt: string;
	updatedBy: string;
	updatedByAId: string;
}

/** How a failedRecords entry is shaped: Kore does not document it, so the sandbox can speak several. */
export type FailedRecordStyle = 'flat' | 'underscoreId' | 'nested';

export type CreateStyle = 'wholeRequest' | 'partialArray' | 'partialBulk';

export type Fault =
	| { kind: 'status'; status: number; message?: string }
	| { kind: 'throttle'; status?: number; retryAfterSeconds?: number }
	| { kind: 'reset'; apply?: boolean }
	| { kind: 'delay'; ms: number; apply?: boolean }
	| { kind: 'malformedJson' }
	/** A 200 that leaves out its last records (a bulk answer's, or a page of campaign outcomes' rows). */
	| { kind: 'omitRecords'; count?: number }
	| { kind: 'reject412' }
	/** Answers with exactly this status and body text, whatever the request (for hostile-response tests). */
	| { kind: 'rawResponse'; status: number; body: string }
	/**
	 * The JWT app's client secret is rotated in Kore.ai just before this request: it and every later
	 * one signed with the old secret are refused ("Invalid SDK credentials") until `reset`.
	 */
	| { kind: 'rotateSecret' };

export interface FaultPlan {
	/** Faults for the next API requests in order; `null` lets a request through untouched. */
	schedule?: Array<Fault | null>;
	/** Each request draws one of these with its probability (after the schedule is used up). */
	random?: Array<{ fault: Fault; probability: number }>;
	/** Seed of the deterministic random draws. */
	seed?: number;
}

export interface RateLimitOptions {
	/** Requests allowed per window for one account; 0 turns the limit off. */
	requestsPerWindow: number;
	/** Window length; Kore's is a minute. Tests shorten it. */
	windowMs: number;
	/** Whether a 429 carries a Retry-After header (Kore does not document it). */
	sendRetryAfter: boolean;
	/** Whether a refused request counts in the window too, as an accepted one does (Kore does not document it either). */
	countRefused?: boolean;
}

export interface SandboxOptions {
	port?: number;
	streamId?: string;
	accountId?: string;
	clientId?: string;
	clientSecret?: string;
	/** Kore's "Enforce JTI" app switch: every token needs a fresh jti. */
	enforceJti?: boolean;
	/** Whether the app has the Contact Center scope "Configuration" published. */
	configurationScope?: boolean;
	/** Whether the app has the scope "Campaign Management" (contact lists and campaigns). */
	campaignScope?: boolean;
	/** Whether the app has the scope "SmartAssist Analytics" (Get Conversation Details). */
	analyticsScope?: boolean;
	/** Which documented reading of the campaign pages is served (path family, list method, source). */
	campaignReadings?: Partial<CampaignReadings>;
	/**
	 * How a wrong client id or secret is answered ("Invalid SDK credentials"): Kore documents code 4002
	 * beside its scope message and leaves open which status and code come with this one.
	 */
	wrongSecretAnswer?: { status: number; code: number };
	rateLimit?: Partial<RateLimitOptions>;
	/** Most records one bulk request may carry; over it the request is refused with 413. */
	maxRecordsPerRequest?: number;
	/** Refuse a whole bulk request with 412 when any record in it is invalid, instead of per record. */
	rejectInvalidBatches?: boolean;
	failedRecordStyle?: FailedRecordStyle;
	/**
	 * How create and import treat a bad record (Kore does not document it): refuse the whole request
	 * (409 / 412), or create the rest and answer with the created ones only, or in a bulk answer with
	 * successfulRecords and failedRecords.
	 */
	createStyle?: CreateStyle;
	/** Answer created contacts in reverse order (Kore does not document the order). */
	reverseCreated?: boolean;
	/** Status of a bulk update / delete answer in which every record failed (Kore does not document it). */
	allFailedStatus?: number;
	/** Status for a request over maxRecordsPerRequest: 413, or a plain 400 as Kore may send. */
	oversizeStatus?: number;
	/** List deleted (INACTIVE) contacts too (Kore does not document whether its list does). */
	listInactive?: boolean;
	/** How new contacts' ids look (Kore's are 24 hex digits; the node accepts any). */
	contactIds?: ContactIdStyle;
	faults?: FaultPlan;
	/** Number of generated contacts to start with. */
	seedCount?: number;
	/** The demo campaign (DEMO_CAMPAIGN) is there from the start and after each reset. */
	demoCampaign?: boolean;
	/** JSON file the store is loaded from at start and saved to on stop. */
	storeFile?: string;
	now?: () => number;
}

export interface LoggedRequest {
	seq: number;
	at: string;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Headers with `auth` replaced by the decoded token (header and claims, never the signature). */
	headers: Record<string, string | undefined>;
	jwt?: { header: unknown; payload: unknown } | null;
	body: unknown;
	/** How many records a bulk body carried, kept even when bodies are not logged. */
	recordCount?: number;
	/** The first record's id of an array body, kept when bodies are not: tells whose request it was. */
	firstId?: string;
	status: number;
	fault?: Fault['kind'];
	/** Whether the request changed the store (a faulted request may still have been applied). */
	applied: boolean;
	response?: unknown;
}
