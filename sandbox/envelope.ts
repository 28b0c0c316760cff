// Kore's documented error envelope: {"errors":[{"msg": "...", "code": ...}]}.

export class KoreError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly code: number | string = status,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	body() {
		return { errors: [{ msg: this.message, code: this.code }] };
	}
}

export const RATE_LIMIT_MESSAGE =
	"You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";
