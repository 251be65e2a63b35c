import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from './factories.ts';
import {
  call,
  cleanupProcesses,
  jsonOf,
  PROCESS_TEST_TIMEOUT_MS,
  runAgency,
  startAgencyServer,
  tempDataDir,
  type ProcessEnv,
} from './process.ts';
import { createEmptyPostgresDatabase } from './test-database.ts';

/**
 * The `agency-os` admin commands as a script runs them: a real process, real configuration from the
 * environment, JSON on stdout, a JSON error and exit code 1 on stderr.
 */
afterAll(cleanupProcesses);

interface Cli {
  env: ProcessEnv;
  run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Runs a command that must succeed and returns its parsed --json output. */
  json<T = Record<string, unknown>>(...args: string[]): Promise<T>;
}

function cli(env: ProcessEnv): Cli {
  const run = (...args: string[]) => runAgency(args, { LOG_LEVEL: 'warn', ...env });
  return {
    env,
    run,
    async json<T>(...args: string[]) {
      const result = await run(...args, '--json');
      expect(result, result.stderr).toMatchObject({ code: 0 });
      return jsonOf<T>(result.stdout);
    },
  };
}

/** The JSON error a failed `--json` command prints, after checking it failed with exit code 1. */
function errorOf(result: { code: number | null; stdout: string; stderr: string }) {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  return jsonOf<{ error: { code: string; message: string } }>(result.stderr).error;
}

const password = 'cli-password-1';
const roles = ['owner', 'admin', 'member', 'guest'] as const;

describe('agency-os on the embedded database', () => {
  const dataDir = tempDataDir();
  const agency = cli({ AGENCY_DATA_DIR: dataDir });
  const tokens: { scoped: string; personal: string } = { scoped: '', personal: '' };
  let demo: { email: string; password: string; url: string };

  beforeAll(async () => {
    const migrated = await agency.run('migrate');
    expect(migrated, migrated.stderr).toMatchObject({ code: 0, stdout: 'Migrations are up to date.\n' });
  }, PROCESS_TEST_TIMEOUT_MS);

  it(
    'creates users, a workspace and members of every role, printing JSON',
    async () => {
      const owner = await agency.json<{ id: string; email: string; name: string }>(
        'create-user',
        '--email',
        'boss@cli.test',
        '--password',
        password,
        '--name',
        'The Boss',
      );
      expect(owner).toEqual({ id: expect.any(String), email: 'boss@cli.test', name: 'The Boss' });

      const workspace = await agency.json(
        'create-workspace',
        '--slug',
        'cli-agency',
        '--name',
        'CLI Agency',
        '--owner',
        'boss@cli.test',
      );
      expect(workspace).toEqual({ id: expect.any(String), slug: 'cli-agency', name: 'CLI Agency' });

      for (const role of roles) {
        const user = await agency.json<{ id: string }>(
          'create-user',
          '--email',
          `${role}@cli.test`,
          '--password',
          password,
        );
        const member = await agency.json(
          'add-member',
          '--workspace',
          'cli-agency',
          '--email',
          `${role}@cli.test`,
          '--role',
          role,
        );
        expect(member).toEqual({ workspace: 'cli-agency', user_id: user.id, role });
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'creates API tokens, restricted to a workspace or not',
    async () => {
      const scoped = await agency.json<{ token: string; id: string }>(
        'create-api-token',
        '--email',
        'boss@cli.test',
        '--workspace',
        'cli-agency',
      );
      const personal = await agency.json<{ token: string; id: string }>(
        'create-api-token',
        '--email',
        'member@cli.test',
      );
      for (const t of [scoped, personal])
        expect(t).toEqual({
          token: expect.stringMatching(/^plane_api_[0-9a-f]{32}$/),
          id: expect.any(String),
        });
      tokens.scoped = scoped.token;
      tokens.personal = personal.token;
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'answers mistakes with a JSON error and exit code 1, changing nothing',
    async () => {
      expect(
        errorOf(
          await agency.run(
            'create-workspace',
            '--slug',
            'other',
            '--name',
            'X',
            '--owner',
            'nobody@cli.test',
            '--json',
          ),
        ),
      ).toEqual({ code: 'USER_NOT_FOUND', message: 'No user has the e-mail address nobody@cli.test.' });
      expect(
        errorOf(
          await agency.run(
            'create-workspace',
            '--slug',
            'cli-agency',
            '--name',
            'Again',
            '--owner',
            'boss@cli.test',
            '--json',
          ),
        ),
      ).toEqual({ code: 'WORKSPACE_SLUG_TAKEN', message: 'That workspace URL is already taken.' });
      const badRole = errorOf(
        await agency.run(
          'add-member',
          '--workspace',
          'cli-agency',
          '--email',
          'owner@cli.test',
          '--role',
          'boss',
          '--json',
        ),
      );
      expect(badRole.code).toBe('INVALID_ARGUMENT');
      expect(badRole.message).toContain("'boss' is invalid. use one of owner, admin, member, guest");
      expect(errorOf(await agency.run('create-api-token', '--email', 'nobody@cli.test', '--json')).code).toBe(
        'USER_NOT_FOUND',
      );
      expect(
        errorOf(await agency.run('create-user', '--email', 'boss@cli.test', '--password', password, '--json'))
          .code,
      ).toBe('USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'seeds the demo agency, and seeding again changes nothing',
    async () => {
      demo = await agency.json('seed-demo');
      expect(demo).toEqual({
        url: expect.any(String),
        email: expect.any(String),
        password: expect.any(String),
      });
      expect(await agency.json('seed-demo')).toEqual(demo);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'keeps the running server’s data directory to the server; the commands’ work is all there',
    async () => {
      const server = await startAgencyServer(agency.env);

      const refused = await agency.run(
        'create-user',
        '--email',
        'late@cli.test',
        '--password',
        password,
        '--json',
      );
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim()).toBe(
        `The embedded database in ${dataDir} is in use by another Agency OS process (pid ${server.pid}). ` +
          'Only one process may open it at a time: stop that process first, or run the command against a ' +
          'PostgreSQL database by setting DATABASE_URL.',
      );
      expect(readFileSync(path.join(dataDir, 'agency-os.lock'), 'utf8')).toBe(String(server.pid));

      // The scoped token acts as its owner in its workspace only; the personal one as its user everywhere.
      const scoped = await call<{
        user: { email: string };
        auth: { method: string; workspace_id: string | null };
      }>(server, 'GET', '/api/me', { apiKey: tokens.scoped });
      expect(scoped.status).toBe(200);
      expect(scoped.body.user.email).toBe('boss@cli.test');
      expect(scoped.body.auth).toEqual({ method: 'api_key', workspace_id: expect.any(String) });
      const members = await call<Array<{ email: string; role: string }>>(
        server,
        'GET',
        '/api/workspaces/cli-agency/members',
        { apiKey: tokens.scoped },
      );
      expect(members.status).toBe(200);
      expect(members.body.map((m) => [m.email, m.role]).sort()).toEqual(
        [['boss@cli.test', 'owner'], ...roles.map((r) => [`${r}@cli.test`, r])].sort(),
      );
      expect((await call(server, 'GET', '/api/workspaces/northwind', { apiKey: tokens.scoped })).status).toBe(
        403,
      );
      const personal = await call<{ user: { email: string } }>(server, 'GET', '/api/me', {
        apiKey: tokens.personal,
      });
      expect(personal.body.user.email).toBe('member@cli.test');
      expect((await call(server, 'GET', '/api/me', { apiKey: 'plane_api_' + '0'.repeat(32) })).status).toBe(
        403,
      );

      // The password given to create-user signs in; the refused create-workspace left the workspace as it was.
      const signIn = await call(server, 'POST', '/api/auth/sign-in/email', {
        body: { email: 'boss@cli.test', password },
      });
      expect(signIn.status).toBe(200);
      const own = await call<Array<{ slug: string; name: string; role: string }>>(
        server,
        'GET',
        '/api/workspaces',
        {
          cookie: sessionCookie(signIn.headers.getSetCookie()),
        },
      );
      expect(own.body).toEqual([
        expect.objectContaining({ slug: 'cli-agency', name: 'CLI Agency', role: 'owner' }),
      ]);

      // Every demo person signs in with the printed password and finds their role in the demo workspace.
      const demoMembers = await call<Array<{ email: string; role: string }>>(
        server,
        'POST',
        '/api/auth/sign-in/email',
        { body: { email: demo.email, password: demo.password } },
      ).then((owner) =>
        call<Array<{ email: string; role: string }>>(server, 'GET', '/api/workspaces/northwind/members', {
          cookie: sessionCookie(owner.headers.getSetCookie()),
        }),
      );
      expect(new Set(demoMembers.body.map((m) => m.role))).toEqual(new Set(roles));
      for (const role of roles) {
        const person = demoMembers.body.find((m) => m.role === role)!;
        const session = await call(server, 'POST', '/api/auth/sign-in/email', {
          body: { email: person.email, password: demo.password },
        });
        expect(session.status, `${person.email} (${role})`).toBe(200);
        const mine = await call<Array<{ slug: string; role: string }>>(server, 'GET', '/api/workspaces', {
          cookie: sessionCookie(session.headers.getSetCookie()),
        });
        expect(mine.body).toContainEqual(expect.objectContaining({ slug: 'northwind', role }));
      }

      server.signal('SIGTERM');
      expect((await server.exited).code).toBe(0);
      // The refused command wrote nothing: the same user can be created now.
      expect(
        await agency.json('create-user', '--email', 'late@cli.test', '--password', password),
      ).toMatchObject({ email: 'late@cli.test' });
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'rotates the development secret key in the data directory',
    async () => {
      const keyFile = path.join(dataDir, 'secret.key');
      const before = readFileSync(keyFile, 'utf8');
      const result = await agency.json<{ keyId: string; keyFileRotated: boolean }>('rotate-secret-key');
      expect(result).toMatchObject({ keyId: expect.stringMatching(/^[0-9a-f]{12}$/), keyFileRotated: true });
      expect(readFileSync(keyFile, 'utf8')).not.toBe(before);
      expect(existsSync(`${keyFile}.next`)).toBe(false);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'refuses to run in production without AGENCY_SECRET_KEY, with the reason and no stack trace',
    async () => {
      const empty = tempDataDir();
      const result = await runAgency(['create-user', '--email', 'p@cli.test', '--password', password], {
        AGENCY_DATA_DIR: empty,
        NODE_ENV: 'production',
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        'AGENCY_SECRET_KEY is required in production (try: openssl rand -base64 32)',
      );
      // The database it opened was closed again, lock included.
      expect(existsSync(path.join(empty, 'agency-os.lock'))).toBe(false);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

describe('agency-os on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  const dataDir = tempDataDir();
  let agency: Cli;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    agency = cli({
      DATABASE_URL: database.url,
      AGENCY_DATA_DIR: dataDir,
      AGENCY_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it(
    'runs every admin command against DATABASE_URL, and the server uses what they wrote',
    async () => {
      expect((await agency.run('migrate')).code).toBe(0);
      await agency.json('create-user', '--email', 'pg-owner@cli.test', '--password', password);
      await agency.json('create-user', '--email', 'pg-guest@cli.test', '--password', password);
      await agency.json(
        'create-workspace',
        '--slug',
        'pg-agency',
        '--name',
        'PG Agency',
        '--owner',
        'pg-owner@cli.test',
      );
      await agency.json(
        'add-member',
        '--workspace',
        'pg-agency',
        '--email',
        'pg-guest@cli.test',
        '--role',
        'guest',
      );
      const { token } = await agency.json<{ token: string }>(
        'create-api-token',
        '--email',
        'pg-guest@cli.test',
        '--workspace',
        'pg-agency',
      );
      const demo = await agency.json<{ email: string }>('seed-demo');
      expect(demo.email).toMatch(/@/);
      expect(
        errorOf(
          await agency.run(
            'add-member',
            '--workspace',
            'pg-agency',
            '--email',
            'pg-guest@cli.test',
            '--role',
            'admin',
            '--json',
          ),
        ).code,
      ).toBe('ALREADY_MEMBER');

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ email: string; role: string }>(
          `select u.email, m.role from workspace_members m join users u on u.id = m.user_id
         join workspaces w on w.id = m.workspace_id where w.slug = 'pg-agency' order by u.email`,
        );
        expect(rows).toEqual([
          { email: 'pg-guest@cli.test', role: 'guest' },
          { email: 'pg-owner@cli.test', role: 'owner' },
        ]);
      } finally {
        await client.end();
      }
      // Nothing went to the embedded database.
      expect(readdirSync(dataDir)).toEqual([]);

      const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
      const server = await startAgencyServer({ ...agency.env, REDIS_URL: redisUrl });
      const ready = await call(server, 'GET', '/ready');
      expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
      const me = await call<{ user: { email: string }; workspaces: Array<{ slug: string; role: string }> }>(
        server,
        'GET',
        '/api/me',
        { apiKey: token },
      );
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe('pg-guest@cli.test');
      expect(me.body.workspaces).toEqual([expect.objectContaining({ slug: 'pg-agency', role: 'guest' })]);
      server.signal('SIGTERM');
      expect((await server.exited).code, server.stderr()).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
