import { withCleanup } from './lib/cleanup.ts';
import { createBenchDatabase } from './lib/postgres.ts';
import type { ServerProcess } from './lib/process.ts';
import { measurement, type Benchmark, type Measurement } from './lib/report.ts';
import { idleRssMb } from './lib/proc.ts';
import { newSecretKey, startAgencyOs, startBaseline } from './lib/servers.ts';
import { median } from './lib/stats.ts';
import { tempDir } from './lib/temp.ts';

const COLD_RUNS = 3;
const name = 'startup';

interface Start {
  readyMs: number;
  readyCpuMs: number;
  rssMb: number | undefined;
}

/** Starts a server, optionally samples its idle RSS, and stops it again. */
async function measureStart(start: () => Promise<ServerProcess>, withRss = false): Promise<Start> {
  const server = await start();
  try {
    const rssMb = withRss ? await idleRssMb(server.pid) : undefined;
    return { readyMs: server.readyMs, readyCpuMs: server.readyCpuMs, rssMb };
  } finally {
    await server.stop();
  }
}

/** Alternates product and baseline starts so that a noisy moment on the machine hits both alike. */
async function alternate(product: () => Promise<ServerProcess>, baseline: () => Promise<ServerProcess>) {
  const runs = { product: [] as Start[], baseline: [] as Start[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    const last = i === COLD_RUNS - 1;
    runs.product.push(await measureStart(product, last));
    runs.baseline.push(await measureStart(baseline, last));
  }
  return runs;
}

const ms = (starts: Start[]) => starts.map((s) => s.readyMs);
const cpu = (starts: Start[]) => starts.map((s) => s.readyCpuMs);
const lastRss = (starts: Start[]) => starts.at(-1)!.rssMb!;

const onPglite = () =>
  withCleanup(async (defer): Promise<Measurement[]> => {
    const product = tempDir('pglite');
    defer(product.remove);
    const bare = tempDir('pglite-bare');
    defer(bare.remove);
    const env = { AGENCY_DATA_DIR: product.path };
    const first = await measureStart(() => startAgencyOs(env));
    const firstBare = await measureStart(() => startBaseline('pglite', { AGENCY_DATA_DIR: bare.path }));
    // The baseline reopens the product's own data dir, so both read the same database from disk.
    const { product: cold, baseline: coldBare } = await alternate(
      () => startAgencyOs(env),
      () => startBaseline('pglite', env),
    );
    const baselineLabel = 'bare Fastify + PGlite';
    return [
      measurement({
        benchmark: name,
        measure: 'cold start to /ready, PGlite, existing data dir',
        unit: 'ms',
        value: median(ms(cold)),
        baselineLabel,
        baseline: median(ms(coldBare)),
        goal: { on: 'value', op: '<', limit: 3000 },
        runs: { product_ms: ms(cold), baseline_ms: ms(coldBare) },
      }),
      measurement({
        benchmark: name,
        measure: 'CPU time of that cold start, PGlite',
        unit: 'ms',
        value: median(cpu(cold)),
        baselineLabel,
        baseline: median(cpu(coldBare)),
        runs: { product_cpu_ms: cpu(cold), baseline_cpu_ms: cpu(coldBare) },
      }),
      measurement({
        benchmark: name,
        measure: 'first start to /ready, PGlite (creates database, seeds demo)',
        unit: 'ms',
        value: first.readyMs,
        baselineLabel: 'bare Fastify + new PGlite',
        baseline: firstBare.readyMs,
        runs: {
          product_ms: [first.readyMs],
          baseline_ms: [firstBare.readyMs],
          product_cpu_ms: [first.readyCpuMs],
          baseline_cpu_ms: [firstBare.readyCpuMs],
        },
      }),
      measurement({
        benchmark: name,
        measure: 'idle RSS after start, PGlite',
        unit: 'MB',
        value: lastRss(cold),
        baselineLabel,
        baseline: lastRss(coldBare),
        goal: { on: 'value', op: '<', limit: 400 },
        runs: { product_mb: [lastRss(cold)], baseline_mb: [lastRss(coldBare)] },
      }),
    ];
  });

const onPostgres = () =>
  withCleanup(async (defer): Promise<Measurement[]> => {
    const database = await createBenchDatabase();
    defer(database.drop);
    const dataDir = tempDir('postgres');
    defer(dataDir.remove);
    const env = {
      DATABASE_URL: database.url,
      AGENCY_DATA_DIR: dataDir.path,
      AGENCY_SECRET_KEY: newSecretKey(),
    };
    // The first start migrates the new database; the measured starts find it up to date.
    const first = await measureStart(() => startAgencyOs(env));
    const { product, baseline } = await alternate(
      () => startAgencyOs(env),
      () => startBaseline('postgres', { DATABASE_URL: database.url }),
    );
    const baselineLabel = 'bare Fastify + pg';
    return [
      measurement({
        benchmark: name,
        measure: 'cold start to /ready, PostgreSQL, migrated database',
        unit: 'ms',
        value: median(ms(product)),
        baselineLabel,
        baseline: median(ms(baseline)),
        runs: { product_ms: ms(product), baseline_ms: ms(baseline), first_start_ms: [first.readyMs] },
      }),
      measurement({
        benchmark: name,
        measure: 'CPU time of that cold start, PostgreSQL',
        unit: 'ms',
        value: median(cpu(product)),
        baselineLabel,
        baseline: median(cpu(baseline)),
        runs: { product_cpu_ms: cpu(product), baseline_cpu_ms: cpu(baseline) },
      }),
      measurement({
        benchmark: name,
        measure: 'idle RSS after start, PostgreSQL',
        unit: 'MB',
        value: lastRss(product),
        baselineLabel,
        baseline: lastRss(baseline),
        goal: { on: 'value', op: '<', limit: 150 },
        runs: { product_mb: [lastRss(product)], baseline_mb: [lastRss(baseline)] },
      }),
    ];
  });

export default {
  name,
  description:
    'Cold start of `agency-os start` to /ready and its idle RSS, on PGlite and on PostgreSQL, against bare ' +
    'Fastify servers that only open the same database',
  async run() {
    return [...(await onPglite()), ...(await onPostgres())];
  },
} satisfies Benchmark;
