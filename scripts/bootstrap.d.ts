/** The folder outside the repository where Node 24, n8n and the demo n8n live: $KORE_NODES_CACHE or ~/.cache/n8n-nodes-kore-ai. */
export function cacheDir(): string;
