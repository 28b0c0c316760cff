/** n8n 2.x, the line the demo, the benchmark and most tests run on. */
export const N8N_V2: string;
/** The latest n8n 1.x, tested beside it. */
export const N8N_V1: string;
/** The path of the `n8n` command of this version, installing it into the cache folder first when needed. */
export function ensureN8n(version: string): string;
/** Whether this version of n8n is in the cache folder already. */
export function n8nInstalled(version: string): boolean;
