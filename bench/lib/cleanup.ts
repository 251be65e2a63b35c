/**
 * Every process, temp dir and database a benchmark creates registers how to undo it here, so that an error,
 * Ctrl-C or the time limit still leaves nothing behind.
 */
type Undo = () => Promise<void> | void;

const pending = new Set<() => Promise<void>>();

/** Registers `undo` and returns a function that runs it once (and forgets it). */
export function deferCleanup(undo: Undo): () => Promise<void> {
  let done: Promise<void> | undefined;
  const once = () => {
    pending.delete(once);
    done ??= Promise.resolve().then(undo);
    return done;
  };
  pending.add(once);
  return once;
}

/** Undoes everything still registered, newest first; failures are reported, not thrown. */
export async function cleanupAll(): Promise<void> {
  for (const undo of [...pending].reverse()) {
    await undo().catch((error: unknown) => console.error('cleanup failed:', error));
  }
}

/** Runs `work` with a stack for its own undo steps, which run newest first however `work` ends. */
export async function withCleanup<T>(
  work: (defer: (undo: () => Promise<void>) => void) => Promise<T>,
): Promise<T> {
  const stack: Array<() => Promise<void>> = [];
  try {
    return await work((undo) => stack.push(undo));
  } finally {
    for (const undo of stack.reverse()) await undo();
  }
}
