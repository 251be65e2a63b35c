import type { LanguageModelV4 } from '@ai-sdk/provider';
import type * as AiSdk from 'ai';
import type { LlmConfig } from '../config/config.ts';
import { OfflineLanguageModel, OfflineTemplates } from './offline-model.ts';
import { userMessage, type WriteRequest } from './prompt.ts';

export type { WriteRequest } from './prompt.ts';

/** Tries of one call the SDK makes after a 429, a 5xx or a dropped connection, honouring Retry-After. */
const MAX_RETRIES = 2;

/** Enough for a post, a report or an explanation; a request may ask for less or more. */
const DEFAULT_MAX_OUTPUT_TOKENS = 1500;

/** A model call that failed. `retryable` is false when trying again cannot help (bad key, bad request). */
export class LlmError extends Error {
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: { status?: number; retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'LlmError';
    this.status = options.status;
    this.retryable = options.retryable;
  }
}

export interface Written {
  text: string;
  provider: string;
  model: string;
}

/**
 * The configured provider's model (AI SDK provider interface); the offline one fills `templates`. The SDKs are
 * loaded on first use: together they add tens of MB to a process that may never write a word.
 */
export async function loadLanguageModel(
  config: LlmConfig,
  templates: OfflineTemplates,
): Promise<LanguageModelV4> {
  switch (config.provider) {
    case 'openai': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      // Chat Completions rather than Responses: every OpenAI-compatible server (vLLM, LiteLLM, LM Studio) has it.
      return createOpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl }).chat(config.model);
    }
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic({ apiKey: config.apiKey, baseURL: config.baseUrl })(config.model);
    }
    case 'ollama': {
      const { createOllama } = await import('ollama-ai-provider-v2');
      return createOllama({ baseURL: ollamaApi(config.baseUrl) })(config.model);
    }
    case 'offline':
      return new OfflineLanguageModel(templates, config.model);
  }
}

/** Writes text for a task through the configured model, the same prompt shape for every provider. */
export class TextWriter {
  readonly templates: OfflineTemplates;
  private readonly config: LlmConfig;
  private model: Promise<LanguageModelV4> | undefined;

  constructor(config: LlmConfig, templates = new OfflineTemplates()) {
    this.config = config;
    this.templates = templates;
  }

  async write(request: WriteRequest): Promise<Written> {
    const [ai, model] = await Promise.all([import('ai'), this.loadModel()]);
    try {
      const result = await ai.generateText({
        model,
        instructions: request.instructions,
        prompt: userMessage(request),
        maxOutputTokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
        maxRetries: MAX_RETRIES,
        abortSignal: request.signal,
        temperature: model.provider === 'offline' ? undefined : 0.3,
      });
      const text = result.text.trim();
      if (!text) throw new LlmError(`${describe(model)} returned no text.`, { retryable: true });
      return { text, provider: model.provider, model: model.modelId };
    } catch (error) {
      throw explain(ai, model, error);
    }
  }

  private loadModel(): Promise<LanguageModelV4> {
    this.model ??= loadLanguageModel(this.config, this.templates);
    return this.model;
  }
}

function describe(model: LanguageModelV4): string {
  return `The language model ${model.provider}:${model.modelId}`;
}

/** A clear error: which model, what the server said, how many tries, and whether trying later can help. */
function explain(ai: typeof AiSdk, model: LanguageModelV4, error: unknown): unknown {
  const { APICallError, RetryError } = ai;
  if (error instanceof LlmError || (error instanceof Error && error.name === 'AbortError')) return error;
  const tries = RetryError.isInstance(error) ? error.errors.length : 1;
  const last = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(last)) {
    const status = last.statusCode;
    const reason =
      status === 401 || status === 403
        ? 'refused the API key'
        : status === 429
          ? 'is rate limited'
          : status !== undefined && status >= 500
            ? 'had a server error'
            : status !== undefined
              ? 'refused the request'
              : 'could not be reached';
    const detail = last.message ? `: ${last.message}` : '';
    return new LlmError(
      `${describe(model)} ${reason}${status ? ` (HTTP ${status})` : ''}${detail}${tries > 1 ? ` after ${tries} tries` : ''}.`,
      { status, retryable: last.isRetryable, cause: error },
    );
  }
  const message = last instanceof Error ? last.message : String(last);
  return new LlmError(`${describe(model)} failed: ${message}`, { retryable: true, cause: error });
}

/** Ollama's native API lives under /api; OLLAMA_BASE_URL may name the server or the API. */
function ollamaApi(baseUrl: string | undefined): string {
  const root = (baseUrl ?? 'http://127.0.0.1:11434').replace(/\/+$/, '');
  return root.endsWith('/api') ? root : `${root}/api`;
}
