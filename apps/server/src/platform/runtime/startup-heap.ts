import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Long enough for the start's last work (the first /ready, the job workers' first poll) to be done. */
const SETTLE_MS = 1000;

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Loading the server's code grows V8's heap, its young generation most, far beyond what the process keeps
 * live, and V8 does not give that memory back while the process idles (docs/benchmarks.md, "Idle memory").
 * One memory-reducing collection once the server is up returns it, about 70 MB, for ~0.15 s of CPU; under
 * traffic the heap grows again as far as the load needs. The collector is reached the way test tools reach
 * it without `--expose-gc` on the command line: the flag set at run time, `gc` taken from a new context.
 */
export function releaseStartupHeap(): void {
  const timer = setTimeout(() => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as Gc;
    setFlagsFromString('--no-expose-gc');
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  }, SETTLE_MS);
  timer.unref();
}
