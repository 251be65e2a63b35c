import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createContainer, createLogger, type Container } from '../src/container.ts';
import { loadConfig, type Config } from '../src/platform/config/config.ts';
import type { Database } from '../src/platform/db/database.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_ORIGIN = 'http://127.0.0.1:3000';
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

/** Captured JSON log lines, so tests can assert what was (and was not) logged. */
export class LogSink extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }

  find(predicate: (line: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
    return this.lines.find(predicate);
  }
}

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  config: Config;
  database: Database;
  logs: LogSink;
  /** inject() with the browser's Origin header set, as the web app would send it. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The real application on a fresh database, configured as in production but for test-friendly limits. */
export async function createTestApp(env: Record<string, string> = {}, database?: Database): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'agency-os-app-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: TEST_ORIGIN,
    AGENCY_SECRET_KEY: TEST_SECRET_KEY,
    AGENCY_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    ...env,
  });
  const db = database ?? (await createTestDatabase());
  const logs = new LogSink();
  const container = createContainer(config, db, createLogger(config, logs));
  const app = await buildApp(container);
  await app.ready();
  return {
    app,
    container,
    config,
    database: db,
    logs,
    request: (options) => app.inject({ ...options, headers: { origin: TEST_ORIGIN, ...options.headers } }),
    async close() {
      await app.close();
      await container.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
