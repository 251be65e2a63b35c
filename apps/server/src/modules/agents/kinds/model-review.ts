import type { TaskContext } from '../registry.ts';
import type { Finding } from './findings.ts';
import { findSecrets } from './secrets.ts';
import { tryWriteFor, type Writer } from './writing.ts';

export const MODEL_REVIEW_TASK = 'code_review.model_review';
/** About 8,000 tokens of diff: enough for a pull request worth reading, bounded for cost and context. */
export const MAX_DIFF_CHARACTERS = 32_000;

/** The language model's own review, apart from the rules' findings. */
export interface ModelReview {
  /** `written` by a real model, `offline` when none is configured, `failed` when the model call failed. */
  status: 'written' | 'offline' | 'failed';
  /** `provider:model`, or null when the call failed before a model answered. */
  model: string | null;
  /** The model's words, unedited; null when it failed. */
  text: string | null;
  error: string | null;
  diff_characters_sent: number;
  diff_truncated: boolean;
  /** Lines not sent because they hold a credential (the model provider must not receive it either). */
  lines_withheld: number;
}

const KEY_BEGIN = /-----BEGIN [A-Z ]*PRIVATE KEY/;
const KEY_END = /-----END [A-Z ]*PRIVATE KEY/;

/** The diff with every line that holds a credential (and every line of a private key) replaced by a marker. */
export function withholdSecrets(diff: string): { text: string; withheld: number } {
  let inKey = false;
  let withheld = 0;
  const lines = diff.split('\n').map((line) => {
    const body = /^[+\- ]/.test(line) ? line.slice(1) : line;
    if (KEY_BEGIN.test(body)) inKey = true;
    const hide = inKey || findSecrets(body).length > 0;
    if (KEY_END.test(body)) inKey = false;
    if (!hide) return line;
    withheld++;
    return `${/^[+\- ]/.test(line) ? line[0] : ''}[line withheld: it holds a credential]`;
  });
  return { text: lines.join('\n'), withheld };
}

/** At most `max` characters, cut after a whole line. */
export function boundDiff(diff: string, max = MAX_DIFF_CHARACTERS): { text: string; truncated: boolean } {
  if (diff.length <= max) return { text: diff, truncated: false };
  const cut = diff.slice(0, max);
  return { text: cut.slice(0, cut.lastIndexOf('\n') + 1), truncated: true };
}

/** Offline there is no reviewer: the text says so, and the rules' findings stand alone. */
const offlineTemplate = () =>
  'No model review was made: no language model is configured (LLM_PROVIDER is offline). ' +
  "The findings above are the rules' alone.";

export function registerModelReview(writer: Writer): void {
  writer.templates.register(MODEL_REVIEW_TASK, offlineTemplate);
}

/**
 * Asks the configured model to review the diff (credentials withheld, bounded in size) with the rules' findings
 * in hand. A model that fails does not fail the review: the failure is reported next to the findings.
 */
export async function modelReview(
  writer: Writer,
  context: TaskContext,
  review: { diff: string; title?: string; repository?: string; findings: Finding[] },
): Promise<ModelReview> {
  const safe = withholdSecrets(review.diff);
  const sent = boundDiff(safe.text);
  const facts = {
    diff_characters_sent: sent.text.length,
    diff_truncated: sent.truncated,
    lines_withheld: safe.withheld,
  };
  const result = await tryWriteFor(writer, context, {
    task: MODEL_REVIEW_TASK,
    instructions: [
      'You are a senior engineer reviewing a change. Automated rules already reported the findings in the input;',
      'do not repeat them. Add what they miss: bugs, wrong logic, unhandled errors, races, unclear names, missing tests.',
      'Name the file and line of each point; at most ten points; say "Nothing to add." when there is nothing.',
      'Lines marked as withheld held credentials. Use only the input.',
      sent.truncated ? 'The diff was cut to its first part: do not judge what you cannot see.' : '',
    ]
      .filter(Boolean)
      .join(' '),
    input: {
      ...(review.title ? { title: review.title } : {}),
      ...(review.repository ? { repository: review.repository } : {}),
      rule_findings: review.findings.map(({ evidence: _evidence, ...f }) => f),
      diff_truncated: sent.truncated,
      diff: sent.text,
    },
    maxOutputTokens: 1200,
  });
  if ('error' in result) return { status: 'failed', model: null, text: null, error: result.error, ...facts };
  const { written, by } = result;
  return {
    status: written.provider === 'offline' ? 'offline' : 'written',
    model: by,
    text: written.text,
    error: null,
    ...facts,
  };
}
