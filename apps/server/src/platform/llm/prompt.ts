/**
 * The one prompt shape every writer uses: instructions as the system message, and a user message that names
 * the task and carries its input as JSON. Real models read it as a brief; the offline model parses it back.
 */
export interface WriteRequest {
  /** A dotted name of what to write, e.g. `report.summary`; selects the offline template. */
  task: string;
  /** What to write and how (the system message). */
  instructions: string;
  /** The facts to write from; only these may appear in the text. */
  input: Record<string, unknown>;
  /** Upper bound of the answer, in tokens. */
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

const TASK_LINE = /^Task: (\S+)$/m;
const INPUT_BLOCK = /```json\n([\s\S]*)\n```\s*$/;

export function userMessage(request: Pick<WriteRequest, 'task' | 'input'>): string {
  return [
    `Task: ${request.task}`,
    '',
    'Input:',
    '```json',
    JSON.stringify(request.input, null, 2),
    '```',
  ].join('\n');
}

/** The task and input of a user message written by `userMessage`, or null for any other text. */
export function parseUserMessage(text: string): { task: string; input: Record<string, unknown> } | null {
  const task = TASK_LINE.exec(text)?.[1];
  const block = INPUT_BLOCK.exec(text)?.[1];
  if (!task || block === undefined) return null;
  try {
    const input: unknown = JSON.parse(block);
    if (!input || typeof input !== 'object' || Array.isArray(input)) return null;
    return { task, input: input as Record<string, unknown> };
  } catch {
    return null;
  }
}
