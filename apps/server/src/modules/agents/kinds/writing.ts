import {
  LlmError,
  type TextWriter,
  type Written,
  type WriteRequest,
} from '../../../platform/llm/text-writer.ts';
import { PermanentTaskError, type TaskContext } from '../registry.ts';

/** What agent kinds write with: the configured language model, offline by default. */
export type Writer = Pick<TextWriter, 'write' | 'templates'>;

/**
 * Writes through the model for a task run: aborted with the run, and a refusal no retry can fix (a bad key,
 * a bad request) fails the task at once with the model's message; rate limits and outages are retried.
 */
export async function writeFor(
  writer: Writer,
  context: TaskContext,
  request: Omit<WriteRequest, 'signal'>,
): Promise<Written> {
  try {
    return await writer.write({ ...request, signal: context.signal });
  } catch (error) {
    if (error instanceof LlmError && !error.retryable) throw new PermanentTaskError(error.message);
    throw error;
  }
}

/** `provider:model` of a written text, as agents report who wrote it. */
export const writtenBy = (written: Written) => `${written.provider}:${written.model}`;

/**
 * Writes an optional part of a task's result: a model that fails (after the SDK's own retries) is reported,
 * not thrown, so the rest of the result stands. A cancelled or timed-out run still stops.
 */
export async function tryWriteFor(
  writer: Writer,
  context: TaskContext,
  request: Omit<WriteRequest, 'signal'>,
): Promise<{ written: Written; by: string } | { error: string }> {
  try {
    const written = await writer.write({ ...request, signal: context.signal });
    return { written, by: writtenBy(written) };
  } catch (error) {
    if (error instanceof LlmError && !context.signal.aborted) return { error: error.message };
    throw error;
  }
}
