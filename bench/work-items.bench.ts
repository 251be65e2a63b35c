import pg from 'pg';
import { createContainer, createLogger } from '../apps/server/src/container.ts';
import { loadConfig } from '../apps/server/src/platform/config/config.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { runMigrations } from '../apps/server/src/platform/db/migrate.ts';
import { systemContext, type ChangeContext } from '../apps/server/src/platform/events/actor.ts';
import { withCleanup } from './lib/cleanup.ts';
import { createBenchDatabase } from './lib/postgres.ts';
import { measurement, type Benchmark, type Measurement } from './lib/report.ts';
import { newSecretKey, startAgencyOs, startBaseline } from './lib/servers.ts';
import { median, percentile } from './lib/stats.ts';
import { tempDir } from './lib/temp.ts';
import { getJson, timeSequential } from './lib/timing.ts';
import { measureCreation, measureListLoad } from './lib/work-items-load.ts';
import { firstPageSql, itemColumns, newestFirst, visible } from './lib/work-items-sql.ts';

const name = 'work-items';
const ITEMS = 100_000;
const PER_PAGE = 100;
/** The page size of the list under load (the issue's goal). */
const LOAD_PER_PAGE = 50;
/** The deep page: 100:900:0 starts at item 90,001 of 100,000. */
const DEEP_PAGE = 900;
const ROUNDS = 3;
const PER_ROUND = 15;
const WARMUP = 3;
const SLUG = 'bench-items';
const IDENTIFIER = 'BEN';
const SEARCH_WORD = 'brochure';
const highRateLimits = {
  RATE_LIMIT_PER_MINUTE: '1000000000',
  API_KEY_RATE_LIMIT: '1000000000/minute',
  SERVICE_API_KEY_RATE_LIMIT: '1000000000/minute',
};

// The words item names and descriptions are made of; their counts are coprime, so filters and words mix freely.
const verbs =
  'Draft Review Publish Design Plan Schedule Approve Test Ship Audit Refresh Translate Measure Fix Write Record Edit Pitch Budget Brief Launch Sketch Check'.split(
    ' ',
  );
const nouns =
  'brochure banner landing newsletter video podcast webinar report dashboard logo storyboard script campaign persona survey keyword sitemap funnel invoice contract proposal moodboard headline tagline checkout onboarding pricing roadmap release'.split(
    ' ',
  );
const clients =
  'Acme Globex Initech Umbrella Hooli Stark Wayne Wonka Tyrell Cyberdyne Soylent Gringotts Oscorp'.split(' ');
const reasons =
  'the spring sale|the board meeting|the trade fair|the product launch|the new season|the annual report|the press day'.split(
    '|',
  );

interface Seeded {
  token: string;
  workspaceId: string;
  projectId: string;
  userIds: string[];
  labelIds: string[];
  startedStateId: string;
  seedSeconds: number;
}

/**
 * People, workspace, API token, project (with its default states) and labels through the product's services;
 * then the 100,000 items in one `insert … select generate_series` (see `bulkInsert`).
 */
async function seed(env: Record<string, string>): Promise<Seeded> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
  const database = await openDatabase(config.database, { poolSize: 2 });
  const container = createContainer(config, database, createLogger(config, process.stderr));
  try {
    await runMigrations(database);
    const { identity, work } = container;
    const signUp = async (n: number) =>
      (
        await (
          await identity.auth.get()
        ).api.signUpEmail({
          body: {
            email: `person${n}@bench.example`,
            password: 'bench-password-long-enough',
            name: `Bench Person ${n}`,
          },
        })
      ).user.id;
    const owner = await signUp(0);
    const workspace = await identity.workspaces.create(systemContext, owner, { slug: SLUG, name: 'Bench' });
    const { token } = await identity.apiTokens.create({ actor: { type: 'user', id: owner } }, owner, {
      label: 'benchmark',
    });
    const others: string[] = [];
    for (let n = 1; n < 6; n++) {
      const id = await signUp(n);
      await identity.members.add(systemContext, workspace, id, 'member');
      others.push(id);
    }
    const ctx: ChangeContext = { actor: { type: 'user', id: owner } };
    const wsScope = { workspace, userId: owner, workspaceRole: 20 as const };
    const { project } = await work.projects.create(ctx, wsScope, {
      name: 'Bench project',
      identifier: IDENTIFIER,
    });
    const scope = { ...wsScope, project, projectRole: 20 };
    for (const member of others) await work.projectMembers.add(ctx, scope, { member, role: 15 });
    const labelIds: string[] = [];
    for (let n = 0; n < 11; n++) {
      labelIds.push((await work.labels.create(ctx, scope, { name: `label-${n}` })).id);
    }
    const t0 = performance.now();
    const userIds = [owner, ...others];
    const startedStateId = await bulkInsert(env.DATABASE_URL!, {
      workspaceId: workspace.id,
      projectId: project.id,
      owner,
      userIds,
      labelIds,
    });
    return {
      token,
      workspaceId: workspace.id,
      projectId: project.id,
      userIds,
      labelIds,
      startedStateId,
      seedSeconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await container.close();
  }
}

/**
 * The shortcut: 100,000 items through `WorkItemsService.create` would take most of an hour here, so the items
 * go in with one `insert … select generate_series`, filling the columns the service fills (number, name,
 * description and its text, priority, state spread over the five default states, sort order stepped by 10,000
 * per state as the service does, completed_at in completed states, created_by, dates a minute apart), with one
 * or two assignees and labels each and the one "created" activity row the service writes. Not written: the
 * outbox event of each creation (no reader of the list looks at it).
 */
async function bulkInsert(
  url: string,
  s: { workspaceId: string; projectId: string; owner: string; userIds: string[]; labelIds: string[] },
): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: states } = await client.query<{ id: string; group: string }>(
      `select id, "group" from states where project_id = $1 and deleted_at is null and not is_triage
       order by sequence, name`,
      [s.projectId],
    );
    const stateIds = states.map((r) => r.id);
    const completed = states.filter((r) => r.group === 'completed').map((r) => r.id);
    await client.query('begin');
    await client.query(
      `insert into work_items (id, workspace_id, project_id, sequence_id, name, description_html,
         description_stripped, priority, state_id, sort_order, completed_at, created_by, created_at, updated_at)
       select gen_random_uuid(), $1, $2, g, t.name, '<p>' || t.body || '</p>', t.body,
         (array['urgent','high','medium','low','none'])[1 + g % 5],
         t.state, 65535 + (g / $4::int) * 10000,
         case when t.state = any($6::uuid[]) then t.at end, $3, t.at, t.at
       from generate_series(1, ${ITEMS}) g,
       lateral (select
         ($7::text[])[1 + g % ${verbs.length}] || ' ' || ($8::text[])[1 + g % ${nouns.length}] || ' for '
           || ($9::text[])[1 + g % ${clients.length}] as name,
         'We need the ' || ($8::text[])[1 + (g / 7) % ${nouns.length}] || ' ready before '
           || ($10::text[])[1 + g % ${reasons.length}] || '. Ask ' || ($9::text[])[1 + g % ${clients.length}]
           || ' for the assets.' as body,
         ($5::uuid[])[1 + g % $4::int] as state,
         now() - make_interval(mins => ${ITEMS} - g) as at) t`,
      [
        s.workspaceId,
        s.projectId,
        s.owner,
        stateIds.length,
        stateIds,
        completed,
        verbs,
        nouns,
        clients,
        reasons,
      ],
    );
    const users = s.userIds.length;
    const labels = s.labelIds.length;
    await client.query(
      `insert into work_item_assignees (work_item_id, assignee_id, workspace_id, project_id, created_by, created_at)
       select w.id, ($2::uuid[])[1 + (w.sequence_id + k) % ${users}], w.workspace_id, w.project_id, $3, w.created_at
       from work_items w, generate_series(0, 1) k
       where w.project_id = $1 and (k = 0 or w.sequence_id % 3 = 0)`,
      [s.projectId, s.userIds, s.owner],
    );
    await client.query(
      `insert into work_item_labels (work_item_id, label_id, workspace_id, project_id, created_by, created_at)
       select w.id, ($2::uuid[])[1 + (w.sequence_id + 4 * k) % ${labels}], w.workspace_id, w.project_id, $3,
         w.created_at
       from work_items w, generate_series(0, 1) k
       where w.project_id = $1 and (k = 0 or w.sequence_id % 2 = 0)`,
      [s.projectId, s.labelIds, s.owner],
    );
    await client.query(
      `insert into work_item_activities (id, workspace_id, project_id, work_item_id, verb, comment, actor_id,
         actor_type, epoch, created_at, updated_at)
       select gen_random_uuid(), w.workspace_id, w.project_id, w.id, 'created', 'created the issue', $2, 'user',
         extract(epoch from w.created_at), w.created_at, w.created_at
       from work_items w where w.project_id = $1`,
      [s.projectId, s.owner],
    );
    await client.query(`update work_item_sequences set last_value = ${ITEMS} where project_id = $1`, [
      s.projectId,
    ]);
    await client.query('commit');
    await client.query('analyze');
    return states.find((r) => r.group === 'started')!.id;
  } finally {
    await client.end();
  }
}

interface Scenario {
  measure: string;
  /** Path and query under /api/v1/workspaces/{slug}/. */
  path: string;
  ids(body: unknown): string[];
  sql: string;
  params: unknown[];
  goal?: number;
}

function scenarios(s: Seeded): Scenario[] {
  const list = `projects/${s.projectId}/work-items/`;
  const pageIds = (body: unknown) => (body as { results: Array<{ id: string }> }).results.map((r) => r.id);
  const assignee = s.userIds[1]!;
  const label = s.labelIds[2]!;
  return [
    {
      measure: `first page of the list (per_page=${PER_PAGE})`,
      path: `${list}?per_page=${PER_PAGE}`,
      ids: pageIds,
      sql: firstPageSql(PER_PAGE),
      params: [s.projectId],
    },
    {
      measure: 'filtered list (state_group + assignees + labels)',
      path: `${list}?per_page=${PER_PAGE}&state_group=started&assignees=${assignee}&labels=${label}`,
      ids: pageIds,
      sql: `select ${itemColumns} from work_items w join states s on s.id = w.state_id and s."group" = 'started'
        where ${visible}
          and exists (select 1 from work_item_assignees wa where wa.work_item_id = w.id and wa.assignee_id = $2)
          and exists (select 1 from work_item_labels wl where wl.work_item_id = w.id and wl.label_id = $3)
        ${newestFirst} limit ${PER_PAGE}`,
      params: [s.projectId, assignee, label],
      goal: 50,
    },
    {
      measure: `deep cursor page (${PER_PAGE}:${DEEP_PAGE}:0, offset ${PER_PAGE * DEEP_PAGE})`,
      path: `${list}?per_page=${PER_PAGE}&cursor=${PER_PAGE}:${DEEP_PAGE}:0`,
      ids: pageIds,
      // The page's ids first, then their assignees and labels: as the product reads a page.
      sql: `select ${itemColumns} from work_items w where w.id in (select w.id from work_items w
        where ${visible} ${newestFirst} limit ${PER_PAGE} offset ${PER_PAGE * DEEP_PAGE}) ${newestFirst}`,
      params: [s.projectId],
    },
    {
      measure: `full-text search (search=${SEARCH_WORD}, 10 hits)`,
      path: `work-items/search/?search=${SEARCH_WORD}`,
      ids: (body) => (body as { issues: Array<{ id: string }> }).issues.map((r) => r.id),
      sql: `select w.id, w.name, w.sequence_id, w.project_id, p.identifier
        from work_items w join projects p on p.id = w.project_id
        where w.workspace_id = $1 and w.deleted_at is null and w.archived_at is null and not w.is_draft
          and w.search_vector @@ to_tsquery('simple', $2)
        order by ts_rank(w.search_vector, to_tsquery('simple', $2)) desc, w.created_at desc, w.sequence_id desc
        limit 10`,
      params: [s.workspaceId, `'${SEARCH_WORD}':*`],
      goal: 50,
    },
  ];
}

export default {
  name,
  description:
    `Work items on PostgreSQL, one project of ${ITEMS.toLocaleString('en-US')} items: first page, filtered list, ` +
    'deep cursor page and full-text search over HTTP with an API key (`agency-os start --role api`), against ' +
    `the same rows from one hand-written SQL query through pg in the bench process (the floor); ${ROUNDS} ` +
    `alternating rounds of ${PER_ROUND} sequential requests each. Then the first page (per_page=${LOAD_PER_PAGE}) ` +
    'under autocannon load against a bare Fastify + pg route, and creating work items through the API against ' +
    'bare INSERTs',
  timeLimitSeconds: 360,
  run: () =>
    withCleanup(async (defer): Promise<Measurement[]> => {
      const database = await createBenchDatabase();
      defer(database.drop);
      const dataDir = tempDir(name);
      defer(dataDir.remove);
      const env = {
        DATABASE_URL: database.url,
        AGENCY_DATA_DIR: dataDir.path,
        AGENCY_SECRET_KEY: newSecretKey(),
        AGENCY_DEMO: 'false',
      };
      const seeded = await seed(env);
      console.log(`  seeded ${ITEMS.toLocaleString('en-US')} items in ${seeded.seedSeconds.toFixed(1)} s`);
      const product = await startAgencyOs({ ...env, ...highRateLimits, LOG_LEVEL: 'warn' }, 'api');
      defer(product.stop);
      // The floor's pool: the product's default size, in this process.
      const pool = new pg.Pool({ connectionString: database.url, max: 20 });
      defer(() => pool.end());
      const headers = { 'x-api-key': seeded.token };
      const base = `${product.url}/api/v1/workspaces/${SLUG}/`;

      const results: Measurement[] = [];
      for (const sc of scenarios(seeded)) {
        const viaApi = () => getJson<unknown>(base + sc.path, headers);
        const viaSql = () => pool.query<{ id: string }>(sc.sql, sc.params);
        // Same rows, same order, before any timing.
        const [apiIds, sqlIds] = [sc.ids(await viaApi()), (await viaSql()).rows.map((r) => r.id)];
        if (apiIds.length === 0 || apiIds.join() !== sqlIds.join()) {
          const at = Math.max(
            0,
            apiIds.findIndex((id, i) => id !== sqlIds[i]),
          );
          const first = (ids: string[]) => `at ${at}: ${ids.slice(at, at + 3).join(', ')}`;
          throw new Error(
            `${sc.measure}: the API returned ${apiIds.length} rows (${first(apiIds)} …), the floor ` +
              `${sqlIds.length} (${first(sqlIds)} …): not the same rows`,
          );
        }
        await timeSequential(WARMUP, viaSql);
        await timeSequential(WARMUP, viaApi);
        const runs = { product: [] as number[][], floor: [] as number[][] };
        for (let i = 0; i < ROUNDS; i++) {
          runs.floor.push(await timeSequential(PER_ROUND, viaSql));
          runs.product.push(await timeSequential(PER_ROUND, viaApi));
        }
        // Medians of the rounds' percentiles: one busy moment on the shared machine moves one round, not all.
        const p = (rs: number[][], q: number) => median(rs.map((r) => percentile(r, q)));
        const baselineLabel = `the same ${apiIds.length} rows by one SQL query through pg, in-process`;
        console.log(
          `  ${sc.measure}: p95 ${p(runs.product, 95).toFixed(1)} ms, floor ${p(runs.floor, 95).toFixed(1)} ms`,
        );
        const roundFigures = {
          product_ms: runs.product.flat(),
          floor_ms: runs.floor.flat(),
        };
        results.push(
          measurement({
            benchmark: name,
            measure: `${sc.measure}, p50`,
            unit: 'ms',
            value: p(runs.product, 50),
            baselineLabel,
            baseline: p(runs.floor, 50),
            runs: roundFigures,
          }),
          measurement({
            benchmark: name,
            measure: `${sc.measure}, p95`,
            unit: 'ms',
            value: p(runs.product, 95),
            baselineLabel,
            baseline: p(runs.floor, 95),
            ...(sc.goal ? { goal: { on: 'value' as const, op: '<' as const, limit: sc.goal } } : {}),
            runs: {},
          }),
        );
      }
      const bare = await startBaseline('postgres', { DATABASE_URL: database.url });
      defer(bare.stop);
      const listPath = `/api/v1/workspaces/${SLUG}/projects/${seeded.projectId}/work-items/`;
      const loadQuery = `?per_page=${LOAD_PER_PAGE}`;
      results.push(
        ...(await measureListLoad(
          name,
          LOAD_PER_PAGE,
          { url: product.url + listPath + loadQuery, headers, pid: product.pid },
          { url: bare.url + listPath + loadQuery, headers: {}, pid: bare.pid },
        )),
      );
      // Last: the items it creates go to the top of the list the measures above read.
      results.push(
        ...(await measureCreation(name, {
          url: product.url + listPath,
          headers,
          pool,
          workspaceId: seeded.workspaceId,
          projectId: seeded.projectId,
          stateId: seeded.startedStateId,
          userId: seeded.userIds[0]!,
        })),
      );
      return results;
    }),
} satisfies Benchmark;
