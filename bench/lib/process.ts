import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { deferCleanup } from './cleanup.ts';
import { cpuMs } from './proc.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The repository's pinned Node.js 24, the one `npm start` uses. */
export const nodeBin = path.join(repoRoot, 'node_modules', '.bin', 'node');
export const agencyOsBin = path.join(repoRoot, 'apps', 'server', 'bin', 'agency-os.js');

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const OUTPUT_LIMIT = 32_768;

// Last resort if the runner dies without its async clean-up: no child may outlive it.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ServerProcess {
  pid: number;
  url: string;
  /** Milliseconds from spawn until `/ready` first answered 200. */
  readyMs: number;
  /** CPU time the process had used by then: unlike `readyMs`, hardly changed by a busy machine. */
  readyCpuMs: number;
  stop(): Promise<void>;
}

/** A port on 127.0.0.1 that was free a moment ago (for commands that print no listen address). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Spawns `node <args>` with only PATH, HOME and `env` in its environment (nothing leaks in from the shell),
 * serving on 127.0.0.1:`port`, and waits until its `/ready` answers 200.
 */
export async function startServer(options: {
  label: string;
  args: string[];
  port: number;
  env: Record<string, string>;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(nodeBin, options.args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit').catch(() => undefined);
  const stop = deferCleanup(() => stopChild(child, exited));
  try {
    await waitForReady(options.label, url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const readyMs = performance.now() - started;
  return { pid: child.pid!, url, readyMs, readyCpuMs: cpuMs(child.pid!), stop };
}

async function waitForReady(
  label: string,
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${label} exited (${child.exitCode ?? child.signalCode}) before ready:\n${output()}`);
    }
    const status = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0, // not listening yet
    );
    if (status === 200) return;
    await sleep(20);
  }
  throw new Error(`${label} not ready within ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/** SIGTERM (the server's graceful stop), then SIGKILL if it has not exited within the grace period. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  live.delete(child);
}
