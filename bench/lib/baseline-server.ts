/**
 * The baselines the benchmarks compare Agency OS with: a bare Fastify server with none of the product on it.
 * BENCH_BASELINE=pglite opens the PGlite data dir at AGENCY_DATA_DIR/pgdata (creating it if empty);
 * BENCH_BASELINE=postgres opens a `pg` pool on DATABASE_URL and serves GET /api/workspaces/:slug with the
 * same read the product's guard makes, for BENCH_USER_ID and without any authentication, and
 * GET /api/v1/workspaces/:slug/projects/:project/work-items/?per_page=N with the first page of the project's work
 * items (one query, no count, no authentication).
 * Both answer GET /ready after a `select 1`. Run as a child process by the benchmarks, never by hand.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';
import { firstPageSql, itemJson, type ItemRow } from './work-items-sql.ts';

const membershipBySlug = `
  select w.id, w.slug, w.name, w.timezone, w.created_by, w.created_at, w.updated_at, m.role
  from workspaces w inner join workspace_members m on m.workspace_id = w.id
  where w.slug = $1 and m.user_id = $2
  limit 1`;

interface MembershipRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  role: string;
  created_at: Date;
  updated_at: Date;
}

const env = process.env;
const app = Fastify();
let close: () => Promise<void>;
let ping: () => Promise<unknown>;

if (env.BENCH_BASELINE === 'pglite') {
  mkdirSync(env.AGENCY_DATA_DIR!, { recursive: true });
  const db = await PGlite.create(`${env.AGENCY_DATA_DIR}/pgdata`);
  ping = () => db.query('select 1');
  close = () => db.close();
} else {
  // The same pool size as the product's default.
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 });
  ping = () => pool.query('select 1');
  close = () => pool.end();
  app.get<{ Params: { slug: string } }>('/api/workspaces/:slug', async (request, reply) => {
    const { rows } = await pool.query<MembershipRow>(membershipBySlug, [
      request.params.slug,
      env.BENCH_USER_ID,
    ]);
    const w = rows[0];
    if (!w) return reply.status(404).send({ error: { code: 'NOT_FOUND' } });
    return {
      id: w.id,
      slug: w.slug,
      name: w.name,
      timezone: w.timezone,
      role: w.role,
      created_at: w.created_at,
      updated_at: w.updated_at,
    };
  });
  app.get<{ Params: { project: string }; Querystring: { per_page?: string } }>(
    '/api/v1/workspaces/:slug/projects/:project/work-items/',
    async (request) => {
      const perPage = Math.min(1000, Math.max(1, Number(request.query.per_page ?? 1000) || 1000));
      const { rows } = await pool.query<ItemRow>(firstPageSql(perPage), [request.params.project]);
      return { results: rows.map(itemJson) };
    },
  );
}

app.get('/ready', async () => {
  await ping();
  return { status: 'ready' };
});

process.once('SIGTERM', () => {
  void app
    .close()
    .then(close)
    .then(() => process.exit(0));
});

await app.listen({ host: '127.0.0.1', port: Number(env.PORT) });
