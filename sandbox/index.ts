export { KoreSandbox, startSandbox, SANDBOX_DEFAULTS, type SandboxCredentials } from './server';
export { demoContact, demoContactId } from './demoContacts';
export type { CampaignReadings } from './campaignsApi';
export { DEMO_CAMPAIGN, type CampaignStore, type DialOutcome } from './campaignStore';
export { RATE_LIMIT_MESSAGE } from './envelope';
export type { Fault, FaultPlan, LoggedRequest, SandboxOptions, StoredContact } from './types';
export { askBeforeDialling, waitForWebhook, type PreCallContact, type PreCallRecord, type PreCallSettings } from './preCallCaller';
