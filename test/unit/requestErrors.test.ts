import { describeRequestError, RequestNotSentError } from '../../nodes/KoreAiContacts/transport/request';

// n8n wraps the HTTP client's error in a NodeApiError whose own message rephrases it.
const wrapped = (cause: object) => Object.assign(new Error('The connection was aborted, perhaps the server is offline'), { cause });

test('a timeout is read from the innermost error, not from n8n\'s rephrasing', () => {
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

test('a problem before sending (a credential value refused) is not mistaken for the network', () => {
	const result = describeRequestError(new Error('The Account ID of the Kore.ai credential contains a line break: paste the value alone'));
	expect(result).toBeInstanceOf(RequestNotSentError);
	expect((result as Error).message).toContain('Account ID');
});
