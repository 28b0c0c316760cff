/** A poll reads for at most four of Kore's minutes: n8n 2.37+ abandons a poll after five. */
export const POLL_BUDGET_WINDOWS = 4;
