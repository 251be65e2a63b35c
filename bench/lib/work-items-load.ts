import type pg from 'pg';
import { runLoadWithCpu } from './load.ts';
import { measurement, type Measurement } from './report.ts';
import { median } from './stats.ts';
import { getJson } from './timing.ts';

const CONNECTIONS = 32;
const LOAD_WARMUP_SECONDS = 2;
const LOAD_ROUND_SECONDS = 5;
const LOAD_ROUNDS = 3;
const CREATORS = 4;
const CREATE_ROUND_SECONDS = 4;
const CREATE_ROUNDS = 2;
/** Bare inserts number their items from here, far above what the API hands out in the same project. */
const BARE_SEQUENCE_START = 10_000_000;

interface Target {
  url: string;
  headers: Record<string, string>;
}

/** A server under load: where to send the requests, and its process, whose CPU time is read. */
interface LoadTarget extends Target {
  pid: number;
}

const resultIds = async (t: Target) =>
  (await getJson<{ results: Array<{ id: string }> }>(t.url, t.headers)).results.map((r) => r.id);

/**
 * The list under load: autocannon with 32 connections on the product's first page and on the bare Fastify
 * route's, after checking both return the same ids; alternating rounds, medians of the rounds. Throughput and
 * latency move with whatever else runs on the machine; the server's CPU time per request much less.
 */
export async function measureListLoad(
  benchmark: string,
  perPage: number,
  product: LoadTarget,
  bare: LoadTarget,
): Promise<Measurement[]> {
  const [a, b] = [await resultIds(product), await resultIds(bare)];
  if (a.length !== perPage || a.join() !== b.join()) {
    throw new Error(
      `list under load: the API returned ${a.length} ids, the bare route ${b.length}, not the same`,
    );
  }
  const load = (t: LoadTarget, seconds: number) =>
    runLoadWithCpu(
      { url: t.url, headers: t.headers, connections: CONNECTIONS, durationSeconds: seconds },
      t.pid,
    );
  type Round = Awaited<ReturnType<typeof load>>;
  await load(bare, LOAD_WARMUP_SECONDS);
  await load(product, LOAD_WARMUP_SECONDS);
  const runs = { product: [] as Round[], bare: [] as Round[] };
  for (let i = 0; i < LOAD_ROUNDS; i++) {
    runs.bare.push(await load(bare, LOAD_ROUND_SECONDS));
    runs.product.push(await load(product, LOAD_ROUND_SECONDS));
  }
  const rps = (rs: Round[]) => rs.map((r) => r.requestsPerSecond);
  const p99 = (rs: Round[]) => rs.map((r) => r.p99Ms);
  const cpu = (rs: Round[]) => rs.map((r) => r.cpuMsPerRequest);
  const measure = `first page (per_page=${perPage}) at ${CONNECTIONS} connections`;
  const baselineLabel = 'bare Fastify + pg, same rows, no auth, no count';
  return [
    measurement({
      benchmark,
      measure: `${measure}, throughput`,
      unit: 'req/s',
      value: median(rps(runs.product)),
      baselineLabel,
      baseline: median(rps(runs.bare)),
      goal: { on: 'ratio', op: '>=', limit: 0.6 },
      runs: { product_rps: rps(runs.product), baseline_rps: rps(runs.bare) },
    }),
    measurement({
      benchmark,
      measure: `${measure}, p99`,
      unit: 'ms',
      value: median(p99(runs.product)),
      baselineLabel,
      baseline: median(p99(runs.bare)),
      goal: { on: 'value', op: '<', limit: 25 },
      runs: { product_p99_ms: p99(runs.product), baseline_p99_ms: p99(runs.bare) },
    }),
    measurement({
      benchmark,
      measure: `${measure}, server CPU per request`,
      unit: 'ms',
      value: median(cpu(runs.product)),
      baselineLabel,
      baseline: median(cpu(runs.bare)),
      runs: { product_cpu_ms: cpu(runs.product), baseline_cpu_ms: cpu(runs.bare) },
    }),
  ];
}

/** Items per second that `CREATORS` parallel loops of `create` achieve in `seconds`. */
async function rate(seconds: number, create: (n: number) => Promise<void>): Promise<number> {
  let made = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) await create(made++);
  };
  await Promise.all(Array.from({ length: CREATORS }, loop));
  return made / ((performance.now() - t0) / 1000);
}

export interface CreationTarget {
  /** POST URL of the project's work items. */
  url: string;
  headers: Record<string, string>;
  pool: pg.Pool;
  workspaceId: string;
  projectId: string;
  stateId: string;
  userId: string;
}

/**
 * Creating work items: `POST …/work-items/` through the API (sequence number, sort order, default assignee,
 * the "created" activity row, audit and outbox, in one transaction) against a bare INSERT of the item row
 * through pg; both with the same parallelism, alternating rounds. Checks afterwards that every item the API
 * made has its activity row.
 */
export async function measureCreation(benchmark: string, t: CreationTarget): Promise<Measurement[]> {
  let bareSequence = BARE_SEQUENCE_START;
  const viaApi = async (n: number) => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { ...t.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Load item ${n}`, priority: 'medium' }),
    });
    if (response.status !== 201)
      throw new Error(`POST ${t.url}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const bare = async (n: number) => {
    await t.pool.query(
      `insert into work_items (id, workspace_id, project_id, sequence_id, name, description_html, priority,
         state_id, sort_order, created_by)
       values (gen_random_uuid(), $1, $2, $3, $4, '<p></p>', 'medium', $5, 65535, $6)`,
      [t.workspaceId, t.projectId, bareSequence++, `Bare item ${n}`, t.stateId, t.userId],
    );
  };
  await rate(1, bare);
  await rate(1, viaApi);
  const runs = { product: [] as number[], bare: [] as number[] };
  for (let i = 0; i < CREATE_ROUNDS; i++) {
    runs.bare.push(await rate(CREATE_ROUND_SECONDS, bare));
    runs.product.push(await rate(CREATE_ROUND_SECONDS, viaApi));
  }
  const { rows } = await t.pool.query<{ items: number; recorded: number }>(
    `select count(*)::int as items, count(a.id)::int as recorded from work_items w
     left join work_item_activities a on a.work_item_id = w.id and a.verb = 'created'
     where w.project_id = $1 and w.name like 'Load item %'`,
    [t.projectId],
  );
  if (rows[0]!.items === 0 || rows[0]!.items !== rows[0]!.recorded) {
    throw new Error(
      `created ${rows[0]!.items} items through the API, ${rows[0]!.recorded} with an activity row`,
    );
  }
  return [
    measurement({
      benchmark,
      measure: `creating work items (${CREATORS} in parallel, activity recorded)`,
      unit: 'items/s',
      value: median(runs.product),
      baselineLabel: 'bare INSERT of the item row through pg, same parallelism',
      baseline: median(runs.bare),
      runs: { product_per_s: runs.product, baseline_per_s: runs.bare },
    }),
  ];
}
