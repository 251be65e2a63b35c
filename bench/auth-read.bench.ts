import { createContainer, createLogger } from '../apps/server/src/container.ts';
import { loadConfig } from '../apps/server/src/platform/config/config.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { runMigrations } from '../apps/server/src/platform/db/migrate.ts';
import { systemContext } from '../apps/server/src/platform/events/actor.ts';
import { withCleanup } from './lib/cleanup.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { createBenchDatabase } from './lib/postgres.ts';
import { cpuMs } from './lib/proc.ts';
import { measurement, type Benchmark } from './lib/report.ts';
import { newSecretKey, startAgencyOs, startBaseline } from './lib/servers.ts';
import { median } from './lib/stats.ts';
import { tempDir } from './lib/temp.ts';

const name = 'auth-read';
const CONNECTIONS = 20;
const WARMUP_SECONDS = 2;
const ROUND_SECONDS = 8;
const ROUNDS = 3;
const SLUG = 'bench-agency';
// Every limit that could answer 429 to one busy API key.
const highRateLimits = {
  RATE_LIMIT_PER_MINUTE: '1000000000',
  API_KEY_RATE_LIMIT: '1000000000/minute',
  SERVICE_API_KEY_RATE_LIMIT: '1000000000/minute',
};

interface Seeded {
  userId: string;
  token: string;
}

/** A user who owns the workspace, and an API token of theirs, created through the product's own services. */
async function seed(env: Record<string, string>): Promise<Seeded> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
  const database = await openDatabase(config.database, { poolSize: 2 });
  const container = createContainer(config, database, createLogger(config, process.stderr));
  try {
    await runMigrations(database);
    const { identity } = container;
    const { user } = await (
      await identity.auth.get()
    ).api.signUpEmail({
      body: { email: 'owner@bench.example', password: 'bench-password-long-enough', name: 'Bench Owner' },
    });
    await identity.workspaces.create(systemContext, user.id, { slug: SLUG, name: 'Bench Agency' });
    const { token } = await identity.apiTokens.create({ actor: { type: 'user', id: user.id } }, user.id, {
      label: 'benchmark',
    });
    return { userId: user.id, token };
  } finally {
    await container.close();
  }
}

interface Target {
  url: string;
  headers: Record<string, string>;
}

/** Both servers must answer the same request with the same fields before their speed means anything. */
async function checkSameAnswer(product: Target, baseline: Target): Promise<void> {
  const keys = async (t: Target) => {
    const response = await fetch(t.url, { headers: t.headers });
    if (response.status !== 200) throw new Error(`${t.url}: ${response.status} ${await response.text()}`);
    return Object.keys((await response.json()) as object)
      .sort()
      .join(',');
  };
  const [a, b] = [await keys(product), await keys(baseline)];
  if (a !== b) throw new Error(`the product answers {${a}} but the baseline {${b}}`);
}

const load = (t: Target, durationSeconds: number) =>
  runLoad({ ...t, connections: CONNECTIONS, durationSeconds });

interface Round extends LoadResult {
  /** CPU the server process used per answered request. */
  cpuMsPerRequest: number;
}

async function measuredRound(t: Target, pid: number): Promise<Round> {
  const before = cpuMs(pid);
  const result = await load(t, ROUND_SECONDS);
  return { ...result, cpuMsPerRequest: (cpuMs(pid) - before) / result.requests };
}

export default {
  name,
  description:
    'Authenticated GET /api/workspaces/:slug (X-API-Key, RBAC, database read) on PostgreSQL against a bare ' +
    `Fastify route doing the same read with pg and no auth; autocannon, ${CONNECTIONS} connections, ` +
    `${ROUNDS} alternating rounds of ${ROUND_SECONDS} s`,
  run: () =>
    withCleanup(async (defer) => {
      const database = await createBenchDatabase();
      defer(database.drop);
      const dataDir = tempDir(name);
      defer(dataDir.remove);
      const env = {
        DATABASE_URL: database.url,
        AGENCY_DATA_DIR: dataDir.path,
        AGENCY_SECRET_KEY: newSecretKey(),
      };
      const { userId, token } = await seed(env);

      // The API role alone: the process that answers HTTP, without the job pollers of the worker role.
      // Request logging is off on both sides: what is measured is auth, RBAC and the read, not a log sink.
      const product = await startAgencyOs({ ...env, ...highRateLimits, LOG_LEVEL: 'warn' }, 'api');
      defer(product.stop);
      const bare = await startBaseline('postgres', { DATABASE_URL: database.url, BENCH_USER_ID: userId });
      defer(bare.stop);

      const path = `/api/workspaces/${SLUG}`;
      const targets = {
        product: { url: product.url + path, headers: { 'x-api-key': token } },
        baseline: { url: bare.url + path, headers: {} },
      };
      await checkSameAnswer(targets.product, targets.baseline);
      await load(targets.baseline, WARMUP_SECONDS);
      await load(targets.product, WARMUP_SECONDS);
      // Alternating rounds, so a busy moment on the shared machine hits both sides alike.
      const runs = { product: [] as Round[], baseline: [] as Round[] };
      for (let i = 0; i < ROUNDS; i++) {
        runs.baseline.push(await measuredRound(targets.baseline, bare.pid));
        runs.product.push(await measuredRound(targets.product, product.pid));
      }

      const rps = (rs: Round[]) => rs.map((r) => r.requestsPerSecond);
      const p99 = (rs: Round[]) => rs.map((r) => r.p99Ms);
      const p50 = (rs: Round[]) => rs.map((r) => r.p50Ms);
      const cpu = (rs: Round[]) => rs.map((r) => r.cpuMsPerRequest);
      const baselineLabel = 'bare Fastify + pg, no auth';
      return [
        measurement({
          benchmark: name,
          measure: 'authenticated GET /api/workspaces/:slug, throughput',
          unit: 'req/s',
          value: median(rps(runs.product)),
          baselineLabel,
          baseline: median(rps(runs.baseline)),
          goal: { on: 'ratio', op: '>=', limit: 0.6 },
          runs: { product_rps: rps(runs.product), baseline_rps: rps(runs.baseline) },
        }),
        measurement({
          benchmark: name,
          measure: 'authenticated GET /api/workspaces/:slug, p99 latency',
          unit: 'ms',
          value: median(p99(runs.product)),
          baselineLabel,
          baseline: median(p99(runs.baseline)),
          runs: {
            product_p99_ms: p99(runs.product),
            baseline_p99_ms: p99(runs.baseline),
            product_p50_ms: p50(runs.product),
            baseline_p50_ms: p50(runs.baseline),
          },
        }),
        measurement({
          benchmark: name,
          measure: 'authenticated GET /api/workspaces/:slug, server CPU per request',
          unit: 'ms',
          value: median(cpu(runs.product)),
          baselineLabel,
          baseline: median(cpu(runs.baseline)),
          runs: { product_cpu_ms: cpu(runs.product), baseline_cpu_ms: cpu(runs.baseline) },
        }),
      ];
    }),
} satisfies Benchmark;
