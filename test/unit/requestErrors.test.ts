import { configurationProblem } from '../../nodes/KoreAiContacts/helpers/explain';
import { classifyCall } from '../../nodes/KoreAiContacts/transport/retryPolicy';
import { CREDENTIAL_REFUSED_CODE, describeRequestError, RequestNotSentError } from '../../nodes/KoreAiContacts/transport/request';

// n8n 2.x wraps the HTTP client's error in a NodeApiError whose own message rephrases it, the
// client's error kept as its cause.
const wrapped = (cause: object) => Object.assign(new Error('The connection was aborted, perhaps the server is offline'), { cause });

// n8n 1.x (n8n-workflow 1.120, measured with its own NodeApiError around a real axios error): the
// cause is gone (an own property, undefined), the code survives only as `httpCode`, the client's
// words in `messages`, and the message is n8n's rewording.
const wrappedBy1x = (code: string | null, clientMessage: string, n8nMessage: string) =>
	Object.assign(new Error(n8nMessage), { cause: undefined, httpCode: code, messages: [clientMessage, clientMessage], description: undefined, context: {} });

test("a timeout is read from the innermost error, not from n8n's rephrasing", () => {
	expect(describeRequestError(wrapped({ code: 'ECONNABORTED', message: 'timeout of 1000ms exceeded' }))).toEqual({
		kind: 'network',
		code: 'ECONNABORTED',
		message: 'timed out',
		timedOut: true,
	});
});

test('a reset connection', () => {
	expect(describeRequestError(wrapped({ code: 'ECONNRESET', message: 'socket hang up' }))).toMatchObject({ kind: 'network', code: 'ECONNRESET', timedOut: false });
});

test('an error that carries a response is that response', () => {
	expect(describeRequestError(wrapped({ response: { status: 502, headers: { a: 'b' }, data: 'Bad Gateway' } }))).toEqual({
		kind: 'response',
		status: 502,
		headers: { a: 'b' },
		body: 'Bad Gateway',
	});
});

describe('n8n 1.x: the code is on the wrapper, the words are n8n\'s', () => {
	test('a dropped connection is a network failure of unknown outcome, not a problem of the credential', () => {
		const error = wrappedBy1x(
			'ECONNRESET',
			'socket hang up',
			'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
		);
		const described = describeRequestError(error);
		expect(described).toEqual({ kind: 'network', code: 'ECONNRESET', message: 'socket hang up', timedOut: false });
		expect(classifyCall(described as never, 0)).toMatchObject({ kind: 'transient', outcomeUnknown: true, detail: 'Kore.ai closed the connection before answering (ECONNRESET)' });
	});

	test('a refused connection: nothing was sent', () => {
		const described = describeRequestError(wrappedBy1x('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', 'The service refused the connection - perhaps it is offline'));
		expect(classifyCall(described as never, 0)).toMatchObject({ kind: 'transient', outcomeUnknown: false });
	});

	test('a timeout', () => {
		const described = describeRequestError(wrappedBy1x('ECONNABORTED', 'timeout of 1000ms exceeded', 'The connection was aborted, perhaps the server is offline'));
		expect(described).toMatchObject({ kind: 'network', timedOut: true });
	});

	test('the credential\'s own refusal keeps its words and is not sent', () => {
		const described = describeRequestError(wrappedBy1x(CREDENTIAL_REFUSED_CODE, 'The Client ID of the Kore.ai credential is empty', 'The Client ID of the Kore.ai credential is empty'));
		expect(described).toBeInstanceOf(RequestNotSentError);
		expect((described as Error).message).toBe('The Client ID of the Kore.ai credential is empty');
	});
});

test('an error the node cannot place is of unknown outcome, never "not sent"', () => {
	for (const error of [new Error('Something odd happened'), wrappedBy1x(null, 'odd', 'Something odd'), { weird: true }, 'a string']) {
		const described = describeRequestError(error);
		expect(described).not.toBeInstanceOf(RequestNotSentError);
		expect(classifyCall(described as never, 0)).toMatchObject({ kind: 'transient', outcomeUnknown: true });
	}
});

test('what provably never left: the credential\'s refusal, an invalid URL, a header that cannot be sent', () => {
	const credential = describeRequestError(wrapped(Object.assign(new Error('The Account ID of the Kore.ai credential contains a line break: paste the value alone'), { code: CREDENTIAL_REFUSED_CODE })));
	expect(credential).toBeInstanceOf(RequestNotSentError);
	expect((credential as Error).message).toContain('Account ID');
	expect(describeRequestError(wrapped({ code: 'ERR_INVALID_URL', message: 'Invalid URL' }))).toBeInstanceOf(RequestNotSentError);
	expect(describeRequestError(wrapped({ code: 'ERR_INVALID_CHAR', message: 'Invalid character in header content ["auth"]' }))).toBeInstanceOf(RequestNotSentError);
});

describe('which part of the set-up a refusal points at: Kore\'s words before its code', () => {
	test.each([
		[401, 'Invalid SDK credentials', 401, 'credentials'],
		[401, 'Invalid SDK credentials', 4002, 'credentials'],
		[403, 'Invalid SDK credentials', 4002, 'credentials'],
		[401, 'Invalid JWT token: jwt expired', 401, 'token'],
		[401, 'Permission denied. Scope is incorrect!', 4002, 'scope'],
		[403, 'Permission denied. Scope is incorrect!', 403, 'scope'],
		[401, 'Invalid accountId: it does not match the account of this app', 401, 'account'],
		[401, '', 4002, 'scope'],
		[403, '', undefined, 'access'],
		[401, '', undefined, 'credentials'],
		[404, 'Bot not found', undefined, 'bot'],
	])('HTTP %i "%s" code %s: %s', (status, detail, code, problem) => {
		expect(configurationProblem(status, detail, code)).toBe(problem);
	});
});
