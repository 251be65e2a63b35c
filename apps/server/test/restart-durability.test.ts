import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionCookie } from './factories.ts';
import {
  call,
  cleanupProcesses,
  startAgencyServer,
  tempDataDir,
  PROCESS_TEST_TIMEOUT_MS,
  type ServerProcess,
  spawnAgency,
  freePort,
} from './process.ts';

/**
 * The embedded database's promises, checked on real processes: what was acknowledged survives SIGKILL,
 * SIGTERM lets a request in flight finish, and one data directory belongs to one process.
 */
afterAll(cleanupProcesses);

const embedded = (dataDir: string) => ({ AGENCY_DATA_DIR: dataDir, AGENCY_DEMO: 'false' });

async function signUp(server: ServerProcess, email: string, password: string): Promise<string> {
  const response = await call(server, 'POST', '/api/auth/sign-up/email', {
    body: { email, password, name: email.split('@')[0] },
  });
  expect(response.status).toBe(200);
  return sessionCookie(response.headers.getSetCookie());
}

async function createToken(server: ServerProcess, cookie: string, label: string, workspace?: string) {
  const response = await call<{ token: string; id: string }>(server, 'POST', '/api/me/api-tokens', {
    cookie,
    body: { label, ...(workspace ? { workspace } : {}) },
  });
  expect(response.status).toBe(201);
  return response.body;
}

describe('restart durability on the embedded database', () => {
  it(
    'keeps everything acknowledged after SIGKILL and takes over the stale lock on restart',
    async () => {
      const dataDir = tempDataDir();
      const first = await startAgencyServer(embedded(dataDir));
      const password = 'durable-password-1';
      const cookie = await signUp(first, 'owner@durable.test', password);
      const created = await call(first, 'POST', '/api/workspaces', {
        cookie,
        body: { slug: 'durable', name: 'Durable Agency' },
      });
      expect(created.status).toBe(201);
      const invited = await call<{ id: string; accept_url: string }>(
        first,
        'POST',
        '/api/workspaces/durable/invitations',
        { cookie, body: { email: 'guest@durable.test', role: 'guest' } },
      );
      expect(invited.status).toBe(201);
      const scoped = await createToken(first, cookie, 'scoped', 'durable');
      const personal = await createToken(first, cookie, 'personal');

      // No shutdown, no flush: the process dies right after the last acknowledgement.
      first.signal('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      expect(readFileSync(path.join(dataDir, 'agency-os.lock'), 'utf8')).toBe(String(first.pid));

      const second = await startAgencyServer(embedded(dataDir));
      expect(readFileSync(path.join(dataDir, 'agency-os.lock'), 'utf8')).toBe(String(second.pid));

      const me = await call<{ user: { email: string }; workspaces: Array<{ slug: string; role: string }> }>(
        second,
        'GET',
        '/api/me',
        { cookie },
      );
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe('owner@durable.test');
      expect(me.body.workspaces).toEqual([expect.objectContaining({ slug: 'durable', role: 'owner' })]);

      const signIn = await call(second, 'POST', '/api/auth/sign-in/email', {
        body: { email: 'owner@durable.test', password },
      });
      expect(signIn.status).toBe(200);

      const scopedMe = await call<{ auth: { method: string; workspace_id: string } }>(
        second,
        'GET',
        '/api/me',
        {
          apiKey: scoped.token,
        },
      );
      expect(scopedMe.status).toBe(200);
      expect(scopedMe.body.auth).toEqual({ method: 'api_key', workspace_id: expect.any(String) });
      const personalMe = await call(second, 'GET', '/api/workspaces/durable', { apiKey: personal.token });
      expect(personalMe.status).toBe(200);

      const tokens = await call<Array<{ id: string; label: string }>>(second, 'GET', '/api/me/api-tokens', {
        cookie,
      });
      expect(tokens.body.map((t) => t.label).sort()).toEqual(['personal', 'scoped']);

      const invitations = await call<Array<{ id: string; email: string; role: string }>>(
        second,
        'GET',
        '/api/workspaces/durable/invitations',
        { cookie },
      );
      expect(invitations.body).toEqual([
        expect.objectContaining({ id: invited.body.id, email: 'guest@durable.test', role: 'guest' }),
      ]);
      const token = new URL(invited.body.accept_url).pathname.split('/').pop()!;
      const preview = await call(second, 'GET', `/api/invitations/${encodeURIComponent(token)}`);
      expect(preview.status).toBe(200);

      const activity = await call<{ results: Array<{ action: string }> }>(
        second,
        'GET',
        '/api/workspaces/durable/activity',
        { cookie },
      );
      expect(activity.body.results.map((a) => a.action)).toEqual(
        expect.arrayContaining(['workspace.created', 'workspace.invitation.created']),
      );

      second.signal('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(path.join(dataDir, 'agency-os.lock'))).toBe(false);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'finishes a request in flight on SIGTERM, then exits 0',
    async () => {
      const dataDir = tempDataDir();
      const server = await startAgencyServer(embedded(dataDir));
      const cookie = await signUp(server, 'slow@durable.test', 'slow-password-1');
      const { token } = await createToken(server, cookie, 'uploader');

      // A large body sent in two halves: the request is in flight from its headers until its last byte.
      const body = Buffer.from(`{"slug":"in-flight","name":"Sent slowly"${' '.repeat(400_000)}}`);
      const half = Math.floor(body.length / 2);
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/api/workspaces`,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': body.length,
              'x-api-key': token,
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.write(body.subarray(0, half));
        void server.waitForOutput(/"msg":"shutting down"/).then(() => req.end(body.subarray(half)), reject);
      });
      await server.waitForOutput(/"url":"\/api\/workspaces"[^\n]*"msg":"incoming request"/);
      server.signal('SIGTERM');

      const answer = await response;
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.text)).toMatchObject({ slug: 'in-flight', role: 'owner' });
      expect(await server.exited).toEqual({ code: 0, signal: null });

      const again = await startAgencyServer(embedded(dataDir));
      const kept = await call(again, 'GET', '/api/workspaces/in-flight', { apiKey: token });
      expect(kept.status).toBe(200);
      again.signal('SIGTERM');
      expect((await again.exited).code).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'refuses a second server on the same data directory while the first runs',
    async () => {
      const dataDir = tempDataDir();
      const first = await startAgencyServer(embedded(dataDir));
      const second = spawnAgency(['start'], { ...embedded(dataDir), PORT: String(await freePort()) });
      const exit = await second.exited;
      expect(exit.code).toBe(1);
      expect(second.stderr()).toContain(
        `The embedded database in ${dataDir} is in use by another Agency OS process (pid ${first.pid}).`,
      );
      expect(second.stderr()).not.toMatch(/\n\s+at /);
      expect((await call(first, 'GET', '/ready')).status).toBe(200);
      expect(readFileSync(path.join(dataDir, 'agency-os.lock'), 'utf8')).toBe(String(first.pid));
      first.signal('SIGTERM');
      expect((await first.exited).code).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'prints the URL and the demo login on a first start, and that login works',
    async () => {
      const dataDir = tempDataDir();
      const server = await startAgencyServer({ AGENCY_DATA_DIR: dataDir });
      const [, email, password] = await server.waitForOutput(/Demo login: (\S+) \/ (\S+)/);
      expect(server.stdout()).toContain(`Open ${server.url}`);
      expect(server.stdout()).toContain(`API reference ${server.url}/api/docs`);
      const signIn = await call(server, 'POST', '/api/auth/sign-in/email', { body: { email, password } });
      expect(signIn.status).toBe(200);
      const cookie = sessionCookie(signIn.headers.getSetCookie());
      const workspaces = await call<Array<{ slug: string; role: string }>>(server, 'GET', '/api/workspaces', {
        cookie,
      });
      expect(workspaces.body).toEqual([expect.objectContaining({ slug: 'northwind', role: 'owner' })]);
      server.signal('SIGTERM');
      expect((await server.exited).code).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
