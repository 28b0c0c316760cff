// Generated contacts for demos, tests and benchmarks: deterministic, so ids are the same every run.
import type { ContactInput } from './contactStore';

const FIRST = ['john', 'jane', 'amit', 'priya', 'carlos', 'maria', 'wei', 'yuki', 'fatima', 'omar', 'lena', 'noah'];
const LAST = ['doe', 'smith', 'sharma', 'patel', 'garcia', 'lopez', 'chen', 'tanaka', 'khan', 'haddad', 'berg', 'miller'];

/** The id of the n-th generated contact: 24 hex digits, like Kore's ids. */
export function demoContactId(n: number) {
	return `6964af60${n.toString(16).padStart(16, '0')}`;
}

export function demoContact(n: number): ContactInput {
	const firstName = FIRST[n % FIRST.length];
	const lastName = LAST[Math.floor(n / FIRST.length) % LAST.length];
	return {
		firstName,
		lastName,
		fullName: `${firstName} ${lastName}`,
		salutation: n % 2 === 0 ? 'mr' : 'ms',
		cellPhone: { phoneNumber: `9${n.toString().padStart(9, '0')}`, countryCode: '+91', extension: '+' },
	};
}
