import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, startFakeOpenAI, type FakeLlmServer } from '../../../test/fakes/llm-servers.ts';
import { ConfigError, loadConfig, type LlmConfig } from '../config/config.ts';
import { OfflineTemplates } from './offline-model.ts';
import { parseUserMessage } from './prompt.ts';
import { LlmError, TextWriter } from './text-writer.ts';

const request = {
  task: 'report.summary',
  instructions: 'Summarise the figures in one sentence.',
  input: { client: 'Northwind', hours: 12.5, items: ['a', 'b'] },
};

describe('the offline model', () => {
  const templates = new OfflineTemplates();
  templates.register('report.summary', (input) => `${String(input.client)} logged ${String(input.hours)} h.`);
  const writer = new TextWriter(
    { provider: 'offline', model: 'offline-templates-1', apiKey: undefined, baseUrl: undefined },
    templates,
  );

  it('fills the task template from the prompt input, the same way every time', async () => {
    const first = await writer.write(request);
    expect(first).toEqual({
      text: 'Northwind logged 12.5 h.',
      provider: 'offline',
      model: 'offline-templates-1',
    });
    expect(await writer.write(request)).toEqual(first);
  });

  it('writes an outline of the input for a task without a template', async () => {
    const { text } = await writer.write({ ...request, task: 'other.task' });
    expect(text).toBe('- client: Northwind\n- hours: 12.5\n- items:\n  - a\n  - b');
  });

  it('reads back the task and input of the prompt it is given', () => {
    expect(parseUserMessage('Task: x.y\n\nInput:\n```json\n{"a":1}\n```')).toEqual({
      task: 'x.y',
      input: { a: 1 },
    });
    expect(parseUserMessage('hello')).toBeNull();
  });
});

describe('configuration', () => {
  it('defaults to the offline model and asks for the key of a cloud provider', () => {
    expect(loadConfig({}).llm).toEqual({
      provider: 'offline',
      model: 'offline-templates-1',
      apiKey: undefined,
      baseUrl: undefined,
    });
    expect(() => loadConfig({ LLM_PROVIDER: 'openai' })).toThrow(ConfigError);
    expect(() => loadConfig({ LLM_PROVIDER: 'anthropic' })).toThrow(/ANTHROPIC_API_KEY: required/);
    expect(() => loadConfig({ LLM_PROVIDER: 'gemini' })).toThrow(/LLM_PROVIDER/);
    expect(() => loadConfig({ LLM_PROVIDER: 'ollama', OLLAMA_BASE_URL: 'localhost:11434' })).toThrow(
      /OLLAMA_BASE_URL/,
    );
    expect(loadConfig({ LLM_PROVIDER: 'ollama' }).llm).toMatchObject({
      provider: 'ollama',
      model: 'llama3.2',
    });
    expect(
      loadConfig({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-1', LLM_MODEL: 'gpt-4.1' }).llm,
    ).toMatchObject({ provider: 'openai', model: 'gpt-4.1', apiKey: 'sk-1' });
  });
});

describe('the OpenAI provider against a local OpenAI-compatible server', () => {
  let server: FakeLlmServer;
  const config = (apiKey: string): LlmConfig => ({
    provider: 'openai',
    model: 'gpt-4o-mini',
    apiKey,
    baseUrl: server.baseUrl,
  });

  beforeAll(async () => {
    server = await startFakeOpenAI('sk-test-good', (r) => {
      const messages = r.body.messages as Array<{ role: string; content: string }>;
      const parsed = parseUserMessage(messages.at(-1)!.content);
      return `Summary for ${String(parsed?.input.client)}.`;
    });
  });
  afterAll(() => server?.close());

  it('sends the instructions and the task input over Chat Completions and returns the answer', async () => {
    const before = server.requests.length;
    const written = await new TextWriter(config('sk-test-good')).write(request);
    expect(written).toEqual({
      text: 'Summary for Northwind.',
      provider: 'openai.chat',
      model: 'gpt-4o-mini',
    });
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toBe('Bearer sk-test-good');
    expect(sent[0]!.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Summarise the figures in one sentence.' },
        { role: 'user', content: expect.stringContaining('"client": "Northwind"') },
      ],
    });
  });

  it('retries a rate limit and a server error, then succeeds', async () => {
    const before = server.requests.length;
    server.failNext(429, 500);
    const written = await new TextWriter(config('sk-test-good')).write(request);
    expect(written.text).toBe('Summary for Northwind.');
    expect(server.requests.length - before).toBe(3);
  });

  it('gives up after the retries with an error that says trying later may help', async () => {
    const before = server.requests.length;
    server.failNext(500, 500, 500);
    const error = await new TextWriter(config('sk-test-good')).write(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect((error as Error).message).toMatch(
      /^The language model openai\.chat:gpt-4o-mini had a server error \(HTTP 500\): .* after 3 tries\.$/,
    );
    expect(server.requests.length - before).toBe(3);
  });

  it('does not retry a refused key, and says so', async () => {
    const before = server.requests.length;
    const error = await new TextWriter(config('sk-test-wrong')).write(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect((error as Error).message).toContain(
      'openai.chat:gpt-4o-mini refused the API key (HTTP 401): Incorrect API key',
    );
    expect(server.requests.length - before).toBe(1);
  });
});

describe('the Anthropic provider against a local Messages API server', () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await startFakeAnthropic(
      'sk-ant-good',
      (r) => `Claude read ${String(r.body.system ? 'instructions' : 'nothing')}.`,
    );
  });
  afterAll(() => server?.close());
  const config = (apiKey: string): LlmConfig => ({
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    apiKey,
    baseUrl: server.baseUrl,
  });

  it('answers, retries an overload, and refuses a wrong key without retrying', async () => {
    server.failNext(529);
    const written = await new TextWriter(config('sk-ant-good')).write(request);
    expect(written).toMatchObject({ text: 'Claude read instructions.', model: 'claude-haiku-4-5' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.apiKey).toBe('sk-ant-good');
    expect(server.requests[1]!.body).toMatchObject({
      model: 'claude-haiku-4-5',
      system: [{ type: 'text', text: 'Summarise the figures in one sentence.' }],
    });
    const error = await new TextWriter(config('sk-ant-bad')).write(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(server.requests).toHaveLength(3);
  });
});
