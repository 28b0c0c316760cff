// Kore.ai's campaign side as its pages describe it: contact lists filled by an asynchronous Add
// Contacts, campaigns that use lists by name, start and stop, and per-contact dial outcomes. What
// Kore leaves open is decided here one way and said: a duplicate on a list that does not allow them
// is dropped without a word, a number Kore does not take is dropped without a word (both never reach
// the list), and a list a campaign uses cannot be deleted.
import { randomUUID } from 'node:crypto';

import { conversationFor, unknownSession } from './conversations';
import { KoreError } from './envelope';

export interface StoredList {
	_id: string;
	name: string;
	lname: string;
	description: string;
	allowDuplicates: boolean;
	source: string;
	status: 'Ready';
	listType: 'call';
	isActive: boolean;
	createdAt: string;
	updatedAt: string;
}

export interface ListContact {
	_id: string;
	phoneNumber: string;
	createdAt: string;
	updatedAt: string;
	[field: string]: unknown;
}

export interface StoredCampaign {
	_id: string;
	name: string;
	type: 'voice' | 'sms';
	status: string;
	contactLists: string[];
	instanceId?: string;
	createdAt: string;
	updatedAt: string;
}

export interface DialOutcome {
	phoneNumber: string;
	uniqueId: string;
	dialerOutcome: string;
	numberOfAttemptsSoFar: number;
	botSessionId: string;
	agentDispositionCodes: string[];
	botOutboundStatus: string;
	botOutboundStatusDetail: string;
}

interface QueuedAdd {
	listName: string;
	rows: Array<Record<string, unknown>>;
	readyAt: number;
}

/** How long an Add Contacts takes to reach the list (Kore answers "in progress"). */
export const DEFAULT_ADD_DELAY_MS = 400;

/** The campaign `npm start` and the examples use: fixed, so a saved example finds it in every sandbox. */
export const DEMO_CAMPAIGN = { _id: 'cd-d3e0a17-5c2b-4f7a-9e61-0a1b2c3d4e5f', name: 'Renewals calls', type: 'voice', contactLists: ['Renewals due'] } as const;

/** What the demo dialer makes of the n-th number it calls: a mix a CRM would see. */
const DEMO_RESULTS: Array<Partial<DialOutcome>> = [
	{ dialerOutcome: 'completed', agentDispositionCodes: ['Renewed'], botOutboundStatus: 'transferredToAgent', botOutboundStatusDetail: 'transfer_to_agent' },
	{ dialerOutcome: 'no-answer', numberOfAttemptsSoFar: 2, botOutboundStatus: 'notConnected', botOutboundStatusDetail: 'no_answer' },
	{ dialerOutcome: 'busy', botOutboundStatus: 'notConnected', botOutboundStatusDetail: 'busy' },
];

const hex = (n: number) => randomUUID().replace(/-/g, '').slice(0, n);
const PHONE = /^\+?\d{8,15}$/;

export class CampaignStore {
	readonly lists = new Map<string, StoredList>();
	readonly members = new Map<string, ListContact[]>();
	readonly campaigns = new Map<string, StoredCampaign>();
	readonly outcomes = new Map<string, DialOutcome[]>();
	/** Conversation details by bot session id: one per dialled contact, rewritten at each dial. */
	readonly conversations = new Map<string, Record<string, unknown>>();
	private readonly queue: QueuedAdd[] = [];
	/** Numbers Kore takes into its queue and then never adds, saying nothing (set by tests). */
	silentlyDropped = new Set<string>();
	addDelayMs = DEFAULT_ADD_DELAY_MS;
	/** Whether the demo campaign is there (again after each reset): `npm start` turns it on. */
	demo = false;
	/** Whether the demo campaign calls its whole list when started (off: tests dial it with dialNext, over time). */
	demoDialsAtOnce = true;

	constructor(private readonly now: () => number) {}

	private stamp() {
		return new Date(this.now()).toISOString();
	}

	reset() {
		this.lists.clear();
		this.members.clear();
		this.campaigns.clear();
		this.outcomes.clear();
		this.conversations.clear();
		this.queue.length = 0;
		this.silentlyDropped.clear();
		if (this.demo) this.addDemoCampaign();
	}

	/** The demo campaign; when started it calls everyone on its lists at once (a real dialer takes hours). */
	addDemoCampaign() {
		this.demo = true;
		const { _id, ...input } = DEMO_CAMPAIGN;
		const campaign = this.addCampaign({ ...input, contactLists: [...input.contactLists] });
		this.campaigns.delete(campaign._id);
		this.outcomes.delete(campaign._id);
		campaign._id = _id;
		this.campaigns.set(_id, campaign);
		this.outcomes.set(_id, []);
	}

	/** The demo campaign's calls: every member of its lists once, outcomes in DEMO_RESULTS' order. */
	private dialDemo(campaign: StoredCampaign) {
		const people = this.callList(campaign._id);
		this.dial(
			campaign._id,
			people.map((person, n) => ({ phoneNumber: person.phoneNumber, uniqueId: typeof person.uniqueId === 'string' ? person.uniqueId : '', ...DEMO_RESULTS[n % DEMO_RESULTS.length] })),
		);
	}

	listByName(name: string) {
		const lname = name.trim().toLowerCase();
		return [...this.lists.values()].find((list) => list.lname === lname && list.isActive);
	}

	createList(input: { name: string; description: string; allowDuplicates?: boolean }, source: string): StoredList {
		if (this.listByName(input.name)) throw new KoreError(400, `Contact list with name ${input.name} already exists`, 400);
		const at = this.stamp();
		const list: StoredList = {
			_id: `cl-${hex(7)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
			name: input.name,
			lname: input.name.toLowerCase(),
			description: input.description,
			allowDuplicates: input.allowDuplicates === true,
			source,
			status: 'Ready',
			listType: 'call',
			isActive: true,
			createdAt: at,
			updatedAt: at,
		};
		this.lists.set(list._id, list);
		this.members.set(list._id, []);
		return list;
	}

	touch(list: StoredList) {
		list.updatedAt = this.stamp();
	}

	list(id: string): StoredList {
		this.settle();
		const list = this.lists.get(id);
		if (!list || !list.isActive) throw new KoreError(404, `Contact list ${id} not found`, 404);
		return list;
	}

	/** Campaigns that name the list: Kore refuses to delete it while any does. */
	campaignsUsing(list: StoredList) {
		return [...this.campaigns.values()].filter((c) => c.contactLists.some((n) => n.toLowerCase() === list.lname)).map((c) => ({ id: c._id, name: c.name }));
	}

	deleteList(id: string): StoredList {
		const list = this.list(id);
		const using = this.campaignsUsing(list);
		if (using.length > 0) {
			throw new KoreError(400, `Contact list ${list.name} is associated with campaign(s) ${using.map((c) => c.name).join(', ')} and cannot be deleted`, 400);
		}
		list.isActive = false;
		return list;
	}

	/** Queues rows for a list named `listName`; they reach it after `addDelayMs`. */
	queueAdd(listName: string, rows: Array<Record<string, unknown>>) {
		if (!this.listByName(listName)) throw new KoreError(400, `Contact list ${listName} not found`, 400);
		this.queue.push({ listName, rows, readyAt: this.now() + this.addDelayMs });
	}

	/** Applies the adds whose time has come: what a read sees depends only on the clock. */
	settle() {
		const now = this.now();
		while (this.queue.length > 0 && this.queue[0].readyAt <= now) {
			const { listName, rows } = this.queue.shift()!;
			const list = this.listByName(listName);
			if (!list) continue;
			const members = this.members.get(list._id)!;
			const present = new Set(members.map((m) => m.phoneNumber));
			for (const row of rows) {
				const phone = typeof row.phoneNumber === 'string' ? row.phoneNumber : '';
				if (!PHONE.test(phone) || this.silentlyDropped.has(phone.replace(/^\+/, ''))) continue;
				if (!list.allowDuplicates && present.has(phone)) continue;
				present.add(phone);
				const at = this.stamp();
				members.push({ ...row, _id: `cc-${randomUUID()}`, phoneNumber: phone, createdAt: at, updatedAt: at });
			}
			list.updatedAt = this.stamp();
		}
	}

	addCampaign(input: { name: string; type: 'voice' | 'sms'; contactLists: string[]; status?: string }): StoredCampaign {
		const at = this.stamp();
		const campaign: StoredCampaign = {
			_id: `cd-${hex(7)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
			name: input.name,
			type: input.type,
			status: input.status ?? 'Ready',
			contactLists: input.contactLists,
			createdAt: at,
			updatedAt: at,
		};
		this.campaigns.set(campaign._id, campaign);
		this.outcomes.set(campaign._id, []);
		return campaign;
	}

	campaign(id: string, type?: string): StoredCampaign {
		const campaign = this.campaigns.get(id);
		if (!campaign || (type !== undefined && campaign.type !== type)) throw new KoreError(404, `Campaign ${id} not found`, 404);
		return campaign;
	}

	/** Start (`play`) or stop. A run started again is a new instance: Kore resets the campaign's data. */
	trigger(id: string, type: string, trigger: string) {
		const campaign = this.campaign(id, type);
		if (trigger === 'play') {
			if (campaign.status === 'Active') throw new KoreError(400, `Campaign ${campaign.name} is already running`, 400);
			if (campaign.status === 'Stopped' || campaign.status === 'Completed') this.outcomes.set(campaign._id, []);
			campaign.status = 'Active';
			campaign.instanceId = `cid-${randomUUID()}`;
			if (campaign._id === DEMO_CAMPAIGN._id && this.demoDialsAtOnce) this.dialDemo(campaign);
		} else if (trigger === 'stop') {
			if (campaign.status !== 'Active' && campaign.status !== 'Paused') throw new KoreError(400, `Campaign ${campaign.name} is not running`, 400);
			campaign.status = 'Stopped';
		} else throw new KoreError(400, `Invalid trigger ${trigger}: use play or stop`, 400);
		campaign.updatedAt = this.stamp();
		return campaign;
	}

	/** Get Conversation Details: the conversation of a bot session an outcome named. */
	conversationOf(sessionId: string) {
		const conversation = this.conversations.get(sessionId);
		if (!conversation) throw unknownSession(sessionId);
		return conversation;
	}

	/** The people on a campaign's lists (added ones only), in list order. */
	callList(id: string): ListContact[] {
		this.settle();
		const campaign = this.campaign(id);
		const lists = [...this.lists.values()].filter((list) => list.isActive && campaign.contactLists.some((name) => name.toLowerCase() === list.lname));
		return lists.flatMap((list) => this.members.get(list._id)!);
	}

	/**
	 * A dialer working through its list over time: the next `count` people on the campaign's lists not
	 * dialled yet in this run, each with `outcome`. What each call of it adds shows at the next poll;
	 * a rerun (stop, then play) starts the list again. Returns the numbers dialled.
	 */
	dialNext(id: string, count: number, outcome: Partial<DialOutcome> = {}): string[] {
		const dialled = new Set(this.outcomes.get(id)?.map((o) => o.phoneNumber));
		const next = this.callList(id).filter((person) => !dialled.has(person.phoneNumber)).slice(0, count);
		this.dial(id, next.map((person) => ({ phoneNumber: person.phoneNumber, uniqueId: typeof person.uniqueId === 'string' ? person.uniqueId : '', ...outcome })));
		return next.map((person) => person.phoneNumber);
	}

	/** Dials: records (or updates) the outcome of each number, as the dialer would, and its conversation. */
	dial(id: string, outcomes: Array<Partial<DialOutcome> & { phoneNumber: string }>) {
		const campaign = this.campaign(id);
		const list = this.outcomes.get(campaign._id)!;
		for (const outcome of outcomes) {
			let dialled = list.find((o) => o.phoneNumber === outcome.phoneNumber);
			if (dialled) Object.assign(dialled, outcome);
			else {
				dialled = {
					uniqueId: '',
					dialerOutcome: 'completed',
					numberOfAttemptsSoFar: 1,
					botSessionId: hex(24),
					agentDispositionCodes: [],
					botOutboundStatus: 'userHangUp',
					botOutboundStatusDetail: 'user_hangup',
					...outcome,
				};
				list.push(dialled);
			}
			this.conversations.set(dialled.botSessionId, conversationFor(dialled, campaign, this.stamp()));
		}
	}
}
