import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real `agency-os` command (server or CLI) as a child process: the only way to test signals,
 * SIGKILL durability, the data-dir lock and what a person actually sees on the terminal.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const nodeBin = path.join(repoRoot, 'node_modules/.bin/node');
const agencyBin = path.join(repoRoot, 'apps/server/bin/agency-os.js');

/** Upper bounds: a first PGlite start on a busy two-core machine can take a while. */
export const STARTUP_TIMEOUT_MS = 90_000;
export const COMMAND_TIMEOUT_MS = 90_000;
/** For a test that runs several commands or servers one after the other. */
export const PROCESS_TEST_TIMEOUT_MS = 300_000;

export type ProcessEnv = Record<string, string | undefined>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AgencyProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout+stderr match; rejects on exit or after the timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<Exit>;
  signal(signal: NodeJS.Signals): void;
}

export interface ServerProcess extends AgencyProcess {
  port: number;
  url: string;
}

const spawned = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** A port the OS just handed out on 127.0.0.1 (then released for the child to bind). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A fresh data directory, removed by cleanupProcesses(). */
export function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agency-os-proc-'));
  tempDirs.add(dir);
  return dir;
}

/**
 * The child's whole environment: nothing leaks in from the test runner (NODE_ENV=test, a developer's
 * DATABASE_URL) except what a shell needs to run node. With Redis, rejected-key counters per client IP are shared
 * by every test on 127.0.0.1, so the per-IP limit is lifted as in createTestApp (a test of the limit sets its own).
 */
export function agencyEnv(env: ProcessEnv): ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  };
}

export function spawnAgency(args: string[], env: ProcessEnv): AgencyProcess {
  const child = spawn(nodeBin, [agencyBin, ...args], {
    cwd: repoRoot,
    env: agencyEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), notify()));
  child.stderr!.on('data', (chunk: Buffer) => ((err += chunk.toString()), notify()));
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      spawned.delete(child);
      resolve({ code, signal });
      notify();
    });
  });
  let done = false;
  void exited.then(() => (done = true));

  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    signal: (signal) => void child.kill(signal),
    waitForOutput(pattern, timeoutMs = STARTUP_TIMEOUT_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = (out + err).match(pattern);
          if (match) finish(() => resolve(match));
          else if (done)
            finish(() => reject(new Error(`exited before printing ${pattern}:\n${out}\n${err}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs an admin command to completion and returns its exit code and output. */
export async function runAgency(
  args: string[],
  env: ProcessEnv,
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnAgency(args, env);
  const timer = setTimeout(() => proc.signal('SIGKILL'), timeoutMs);
  const { code } = await proc.exited;
  clearTimeout(timer);
  return { code, stdout: proc.stdout(), stderr: proc.stderr() };
}

/** Parses the one JSON document a `--json` command printed. */
export function jsonOf<T>(text: string): T {
  return JSON.parse(text.trim()) as T;
}

/** `agency-os start` on a free port, resolved once `/ready` answers 200. */
export async function startAgencyServer(env: ProcessEnv, args: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawnAgency(['start', ...args], { PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(proc, url);
  } catch (error) {
    proc.signal('SIGKILL');
    throw error;
  }
  return { ...proc, port, url };
}

async function waitForReady(proc: AgencyProcess, url: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${exited ? 'server exited' : 'server not ready'} before /ready:\n${proc.stdout()}\n${proc.stderr()}`,
  );
}

/** For afterAll: SIGKILL anything still running, then remove the data directories. */
export async function cleanupProcesses(): Promise<void> {
  const waits = [...spawned].map(
    (child) => new Promise<void>((resolve) => (child.once('close', () => resolve()), child.kill('SIGKILL'))),
  );
  await Promise.all(waits);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export interface CallOptions {
  body?: unknown;
  cookie?: string;
  apiKey?: string;
}

export interface CallResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** One JSON request over real HTTP, as the browser app (Origin set) or a script (X-API-Key) sends it. */
export async function call<T = Record<string, unknown>>(
  server: { url: string },
  method: string,
  pathname: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { origin: server.url };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}
