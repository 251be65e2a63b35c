import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received: the path, the headers that carry the key, and the JSON body. */
export interface LlmRequest {
  path: string;
  authorization: string | undefined;
  apiKey: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeLlmServer {
  /** The provider's base URL (…/v1), as OPENAI_BASE_URL or ANTHROPIC_BASE_URL. */
  baseUrl: string;
  requests: LlmRequest[];
  /** The next calls answer with these HTTP statuses, one each, before answering normally again. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

type Reply = (request: LlmRequest) => string;
type Protocol = {
  path: string;
  keyOf: (request: IncomingMessage) => string | undefined;
  ok: (body: Record<string, unknown>, text: string) => unknown;
  error: (status: number) => unknown;
};

const openAiErrors: Record<number, { type: string; code: string | null; message: string }> = {
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request.',
  },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded.' },
};

const anthropicErrors: Record<number, { type: string; message: string }> = {
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  429: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const promptText = (body: Record<string, unknown>) => JSON.stringify(body.messages ?? []);

/** OpenAI's Chat Completions (`POST /v1/chat/completions`, bearer key), non-streaming, with its error bodies. */
const openAi: Protocol = {
  path: '/v1/chat/completions',
  keyOf: (r) => r.headers.authorization?.replace(/^Bearer /, ''),
  ok: (body, text) => ({
    id: `chatcmpl-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null },
    ],
    usage: {
      prompt_tokens: words(promptText(body)),
      completion_tokens: words(text),
      total_tokens: words(promptText(body)) + words(text),
    },
  }),
  error: (status) => ({ error: { ...(openAiErrors[status] ?? openAiErrors[500]!), param: null } }),
};

/** Anthropic's Messages API (`POST /v1/messages`, `x-api-key`), non-streaming, with its error bodies. */
const anthropic: Protocol = {
  path: '/v1/messages',
  keyOf: (r) => r.headers['x-api-key'] as string | undefined,
  ok: (body, text) => ({
    id: `msg_${Date.now()}`,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: words(promptText(body)), output_tokens: words(text) },
  }),
  error: (status) => ({ type: 'error', error: anthropicErrors[status] ?? anthropicErrors[500]! }),
};

async function start(protocol: Protocol, apiKey: string, reply: Reply): Promise<FakeLlmServer> {
  const requests: LlmRequest[] = [];
  const failures: number[] = [];
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== protocol.path) return send(res, 404, protocol.error(404));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const request: LlmRequest = {
        path: req.url,
        authorization: req.headers.authorization,
        apiKey: req.headers['x-api-key'] as string | undefined,
        body,
      };
      requests.push(request);
      // The real services answer a wrong key with 401 before anything else.
      if (protocol.keyOf(req) !== apiKey) return send(res, 401, protocol.error(401));
      const failure = failures.shift();
      // Both services send retry-after-ms with 429 and overload answers; a short one keeps tests quick.
      if (failure) return send(res, failure, protocol.error(failure), { 'retry-after-ms': '20' });
      send(res, 200, protocol.ok(body, reply(request)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext: (...statuses) => failures.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const startFakeOpenAI = (apiKey: string, reply: Reply) => start(openAi, apiKey, reply);
export const startFakeAnthropic = (apiKey: string, reply: Reply) => start(anthropic, apiKey, reply);
