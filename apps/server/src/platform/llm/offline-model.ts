import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { parseUserMessage } from './prompt.ts';

/** Writes the text of one task from its input, deterministically. */
export type OfflineTemplate = (input: Record<string, unknown>) => string;

/** Templates by task name; modules register theirs for the tasks they ask the model to write. */
export class OfflineTemplates {
  private readonly templates = new Map<string, OfflineTemplate>();

  register(task: string, template: OfflineTemplate): void {
    this.templates.set(task, template);
  }

  get(task: string): OfflineTemplate | undefined {
    return this.templates.get(task);
  }
}

/**
 * A language model that needs no key and no network (AI SDK provider interface v4): it reads the task and
 * JSON input of the prompt (see prompt.ts) and fills the task's template; for an unknown task, or a prompt in
 * another shape, it writes the input out as an outline. Same prompt, same text, every time.
 */
export class OfflineLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'offline';
  readonly modelId: string;
  readonly supportedUrls = {};
  private readonly templates: OfflineTemplates;

  constructor(templates: OfflineTemplates, modelId = 'offline-templates-1') {
    this.templates = templates;
    this.modelId = modelId;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const text = this.write(options);
    return {
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: usage(options, text),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const text = this.write(options);
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: '0' },
      ...(text.match(/\S+\s*|\s+/g) ?? []).map((delta): LanguageModelV4StreamPart => ({
        type: 'text-delta',
        id: '0',
        delta,
      })),
      { type: 'text-end', id: '0' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usage(options, text) },
    ];
    return {
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }

  private write(options: LanguageModelV4CallOptions): string {
    const last = [...options.prompt].reverse().find((m) => m.role === 'user');
    const text =
      last?.role === 'user'
        ? last.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n')
        : '';
    const parsed = parseUserMessage(text);
    if (!parsed) return outline({ request: text.trim() });
    const template = this.templates.get(parsed.task);
    return (template ? template(parsed.input) : outline(parsed.input)).trim();
  }
}

/** An outline of any JSON object: one line per value, nested objects and lists indented. */
export function outline(value: Record<string, unknown>, depth = 0): string {
  const pad = '  '.repeat(depth);
  const lines: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const label = key.replace(/_/g, ' ');
    if (item === null || item === undefined || item === '') continue;
    if (Array.isArray(item)) {
      if (item.length === 0) continue;
      lines.push(`${pad}- ${label}:`);
      for (const entry of item) {
        if (entry && typeof entry === 'object') {
          lines.push(`${pad}  -`, outline(entry as Record<string, unknown>, depth + 2));
        } else lines.push(`${pad}  - ${String(entry)}`);
      }
    } else if (typeof item === 'object') {
      lines.push(`${pad}- ${label}:`, outline(item as Record<string, unknown>, depth + 1));
    } else lines.push(`${pad}- ${label}: ${String(item)}`);
  }
  return lines.filter(Boolean).join('\n');
}

/** Words stand in for tokens: close enough for the usage figures of a model that bills nothing. */
function usage(options: LanguageModelV4CallOptions, text: string): LanguageModelV4Usage {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const input = options.prompt.reduce(
    (n, m) =>
      n +
      (typeof m.content === 'string'
        ? words(m.content)
        : m.content.reduce((k, p) => k + (p.type === 'text' ? words(p.text) : 0), 0)),
    0,
  );
  const output = words(text);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}
