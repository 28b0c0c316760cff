// A local stand-in for an OpenAI-compatible chat model, on 127.0.0.1: `GET /v1/models` and
// non-streaming `POST /v1/chat/completions`. It plays a script instead of thinking: for each
// conversation it calls the tools the test planned, in order, then answers with what the tools
// returned. It records every request, so a test can read what n8n's AI Agent sent back to the model
// (the tools it offered, with their descriptions, and each tool's answer).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlannedCall {
	/** The tool's name as the agent offers it (n8n makes it from the node name: spaces become _). */
	tool: string;
	args: Record<string, unknown>;
}

export interface ChatMessage {
	role: string;
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface OfferedTool {
	name: string;
	description: string;
	parameters: unknown;
}

export interface ModelRequest {
	messages: ChatMessage[];
	tools: OfferedTool[];
}

const text = (content: ChatMessage['content']) =>
	typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : '';

export class StandInModel {
	readonly requests: ModelRequest[] = [];
	/** Planned tool calls per user message (the text the conversation starts with). */
	private readonly plans = new Map<string, PlannedCall[]>();
	private server?: Server;
	port = 0;

	get baseUrl() {
		return `http://127.0.0.1:${this.port}/v1`;
	}

	/** When a conversation's user message is `prompt`, call these tools one after the other. */
	plan(prompt: string, calls: PlannedCall[]) {
		this.plans.set(prompt, calls);
	}

	/** The tools' answers the agent sent back in the conversation that began with `prompt`. */
	toolAnswers(prompt: string): string[] {
		const last = [...this.requests].reverse().find((r) => this.promptOf(r.messages) === prompt);
		return (last?.messages ?? []).filter((m) => m.role === 'tool').map((m) => text(m.content));
	}

	/** The tools offered in the latest request. */
	offeredTools(): OfferedTool[] {
		return this.requests[this.requests.length - 1]?.tools ?? [];
	}

	private promptOf(messages: ChatMessage[]) {
		return text([...messages].reverse().find((m) => m.role === 'user')?.content);
	}

	private reply(request: ModelRequest) {
		const prompt = this.promptOf(request.messages);
		const plan = this.plans.get(prompt) ?? [];
		const sinceUser = request.messages.slice(request.messages.map((m) => m.role).lastIndexOf('user') + 1);
		const done = sinceUser.filter((m) => m.role === 'assistant' && m.tool_calls?.length).length;
		if (done < plan.length) {
			const call = plan[done];
			const offered = request.tools.find((t) => t.name === call.tool) ?? request.tools.find((t) => t.name.toLowerCase().includes(call.tool.toLowerCase()));
			if (!offered) return { role: 'assistant', content: `No tool named ${call.tool} was offered (${request.tools.map((t) => t.name).join(', ')})` };
			return {
				role: 'assistant',
				content: null,
				tool_calls: [{ id: `call_${this.requests.length}_${done}`, type: 'function', function: { name: offered.name, arguments: JSON.stringify(call.args) } }],
			};
		}
		const answers = sinceUser.filter((m) => m.role === 'tool').map((m) => text(m.content));
		return { role: 'assistant', content: `Done. The tools answered: ${answers.join(' | ')}` };
	}

	async start() {
		this.server = createServer(async (req, res) => {
			const body = await readBody(req);
			const json = (status: number, value: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			if (req.method === 'GET' && req.url?.endsWith('/models')) {
				return json(200, { object: 'list', data: [{ id: 'stand-in', object: 'model', created: 0, owned_by: 'kore-tests' }] });
			}
			if (req.method === 'POST' && req.url?.endsWith('/chat/completions')) {
				const parsed = JSON.parse(body || '{}') as { messages?: ChatMessage[]; tools?: Array<{ function: OfferedTool }>; stream?: boolean };
				const request = { messages: parsed.messages ?? [], tools: (parsed.tools ?? []).map((t) => t.function) };
				this.requests.push(request);
				const message = this.reply(request);
				return json(200, {
					id: `chatcmpl-${this.requests.length}`,
					object: 'chat.completion',
					created: Math.floor(Date.now() / 1000),
					model: 'stand-in',
					choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
					usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
				});
			}
			json(404, { error: { message: `The stand-in model does not serve ${req.method} ${req.url}` } });
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server!.address() as AddressInfo).port;
		return this;
	}

	async stop() {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

function readBody(req: IncomingMessage) {
	return new Promise<string>((resolve, reject) => {
		let data = '';
		req.on('data', (chunk) => (data += chunk));
		req.on('end', () => resolve(data));
		req.on('error', reject);
	});
}
