import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/database.ts';
import { agentsApi, waitFor } from '../../../test/agents.ts';
import {
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

/**
 * The deployment coordinator's pipeline as a workflow, end to end: made from its template, run by the real
 * queue and outbox, its pre-checks asked of the real risk and code-review agents, its deploy step POSTing to a
 * deploy hook that is a real HTTP server on loopback, its monitor woken by the deployment store's events.
 */
let t: TestApp;
let owner: TestUser;
let watcher: TestUser;
let workspace: TestWorkspace;
let projectId: string;
let hook: HookServer;
let hookId: string;

/** A Vercel-style deploy hook: answers `{job: {id}}`, one job per idempotency key, failing on request. */
interface HookServer {
  url: string;
  calls: Array<{ path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }>;
  /** Answers 503 to this many calls before it starts deployments again. */
  failNext: number;
  close(): Promise<void>;
}

async function startHook(): Promise<HookServer> {
  const jobs = new Map<string, string>();
  const state = { calls: [] as HookServer['calls'], failNext: 0 };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      state.calls.push({ path: request.url ?? '', headers: request.headers, body });
      if (state.failNext > 0) {
        state.failNext--;
        response.writeHead(503, { 'content-type': 'text/plain' }).end('builder busy');
        return;
      }
      const key = String(request.headers['idempotency-key']);
      if (!jobs.has(key)) jobs.set(key, `job_${jobs.size + 1}`);
      response
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ job: { id: jobs.get(key), state: 'PENDING' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/v1/integrations/deploy/prj_shop/s3cr3t-token`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const goDiff = [
  'diff --git a/src/copy.ts b/src/copy.ts',
  '--- a/src/copy.ts',
  '+++ b/src/copy.ts',
  '@@ -1 +1 @@',
  "-export const title = 'Shop';",
  "+export const title = 'The shop';",
  'diff --git a/src/copy.test.ts b/src/copy.test.ts',
  '--- a/src/copy.test.ts',
  '+++ b/src/copy.test.ts',
  '@@ -1 +1 @@',
  "-it('title', () => expect(title).toBe('Shop'));",
  "+it('title', () => expect(title).toBe('The shop'));",
].join('\n');

const noGoDiff = [
  'diff --git a/src/orders/find.ts b/src/orders/find.ts',
  '--- a/src/orders/find.ts',
  '+++ b/src/orders/find.ts',
  '@@ -1 +1,3 @@',
  ' export function find(db, customer) {',
  '+  const key = "AKIAIOSFODNN7EXAMPLE";',
  '+  return db.query("select * from orders where customer = \'" + customer + "\'");',
].join('\n');

const release = (id: string, diff = goDiff) => ({
  deployment: {
    id,
    service: 'shop',
    environment: 'production',
    author: 'kim',
    ref: 'main',
    scheduled_at: '2026-03-03T10:00:00Z',
  },
  diff,
  pull_request: { number: 42, title: 'Friendlier title', approvals: 2 },
  commit_sha: 'a1b2c3d',
  branch: 'main',
});

interface StepJson {
  key: string;
  status: string;
  attempts: number;
  output: Record<string, unknown> | null;
  error: string | null;
}
interface ExecutionJson {
  id: string;
  status: string;
  error: string | null;
  steps: StepJson[];
}

function api(app: TestApp, user: TestUser) {
  const base = `/api/v1/workspaces/${workspace.slug}`;
  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.request({ method, url: `${base}${url}`, headers: { cookie: user.cookie }, payload });
  const ok = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, status: number, payload?: object) => {
    const r = await send(method, url, payload);
    if (r.statusCode !== status) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
  const execution = (id: string) => ok<ExecutionJson>('GET', `/workflow-executions/${id}`, 200);
  return {
    send,
    pipeline: (body: object) =>
      ok<{ id: string; steps: Array<Record<string, unknown>> }>(
        'POST',
        '/workflows/templates/deployment-pipeline',
        201,
        body,
      ),
    run: (workflowId: string, input: object) =>
      ok<ExecutionJson>('POST', `/workflows/${workflowId}/run`, 201, { input }),
    execution,
    /** Waits until the execution's step `key` is in `status` (or the execution ended, to fail fast). */
    stepIn: (id: string, key: string, status: string, timeoutMs = 60_000) =>
      waitFor(
        async () => {
          const e = await execution(id);
          const step = e.steps.find((s) => s.key === key)!;
          if (step.status !== status && ['completed', 'failed', 'cancelled'].includes(e.status)) {
            throw new Error(`the execution ended ${e.status} (${e.error}) before ${key} was ${status}`);
          }
          return step.status === status && e;
        },
        `step ${key} to be ${status}`,
        timeoutMs,
      ),
    ended: (id: string, timeoutMs = 60_000) =>
      waitFor(
        async () => {
          const e = await execution(id);
          return ['completed', 'failed', 'cancelled'].includes(e.status) && e;
        },
        `execution ${id} to end`,
        timeoutMs,
      ),
    finish: (deploymentId: string, state: string) =>
      ok<Record<string, unknown>>('PATCH', `/deployments/${deploymentId}`, 200, {
        state,
        url: 'https://shop-git-main.example.app',
      }),
  };
}

const statuses = (e: ExecutionJson) => Object.fromEntries(e.steps.map((s) => [s.key, s.status]));

async function deploymentsOf(app: TestApp) {
  return rowsOf<{ id: string; external_id: string; state: string; provider: string; metadata: object }>(
    await app.database.db.execute(sql`
      select id, external_id, state, provider, metadata from deployments
      where workspace_id = ${workspace.id} order by created_at`),
  );
}

async function eventCount(app: TestApp, type: string, aggregateId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await app.database.db.execute(
      sql`select count(*)::int as n from domain_events where type = ${type} and aggregate_id = ${aggregateId}`,
    ),
  );
  return row!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.container.jobs.startWorkers();
  t.container.dispatcher.start();
  hook = await startHook();
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
  watcher = await newMember(t, workspace, 'member');
  const call = (method: 'POST', url: string, payload: object) =>
    t.request({
      method,
      url: `/api/v1/workspaces/${workspace.slug}${url}`,
      headers: { cookie: owner.cookie },
      payload,
    });
  const project = await call('POST', '/projects/', { name: 'Shop', identifier: 'SHOP' });
  projectId = project.json<{ id: string }>().id;
  expect(
    (await call('POST', `/projects/${projectId}/members/`, { member: watcher.id, role: 15 })).statusCode,
  ).toBe(201);
  const agents = agentsApi(t, workspace, owner);
  await agents.createAgent({ name: 'Risk', agent_type: 'deployment_risk' });
  await agents.createAgent({ name: 'Reviewer', agent_type: 'code_review' });
  await agents.createAgent({ name: 'Coordinator', agent_type: 'deployment_coordinator' });
  const created = await call('POST', '/deploy-hooks', {
    name: 'Vercel production',
    provider: 'vercel',
    project_name: 'shop',
    url: hook.url,
  });
  expect(created.statusCode).toBe(201);
  hookId = created.json<{ id: string }>().id;
});
afterAll(async () => {
  await hook?.close();
  await t?.close();
});

describe('deploy hooks', () => {
  it('keep the URL sealed at rest and never show it, only its host', async () => {
    const listed = await t.request({
      method: 'GET',
      url: `/api/v1/workspaces/${workspace.slug}/deploy-hooks`,
      headers: { cookie: watcher.cookie },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('s3cr3t-token');
    expect(listed.json()).toMatchObject({
      results: [
        { id: hookId, name: 'Vercel production', provider: 'vercel', url_host: new URL(hook.url).origin },
      ],
    });
    const [stored] = rowsOf<{ url: string }>(
      await t.database.db.execute(sql`select url from deploy_hooks where id = ${hookId}`),
    );
    expect(stored!.url.startsWith('enc:v1:')).toBe(true);
    expect(stored!.url).not.toContain('s3cr3t');
    // Only managers add hooks: whoever holds the URL can deploy.
    const refused = await t.request({
      method: 'POST',
      url: `/api/v1/workspaces/${workspace.slug}/deploy-hooks`,
      headers: { cookie: watcher.cookie },
      payload: { name: 'Mine', provider: 'vercel', project_name: 'shop', url: hook.url },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the deployment pipeline', () => {
  it('checks, deploys once through the hook, waits for the outcome and tells the project', async () => {
    const call = api(t, owner);
    const workflow = await call.pipeline({ deploy_hook_id: hookId, project_id: projectId });
    expect(workflow.steps.map((s) => s.key)).toEqual([
      'pre_checks',
      'go_no_go',
      'deploy',
      'monitor',
      'notify',
      'outcome',
    ]);
    const before = hook.calls.length;
    const { id } = await call.run(workflow.id, release('rel-1'));
    const waiting = await call.stepIn(id, 'monitor', 'waiting');
    const pre = waiting.steps.find((s) => s.key === 'pre_checks')!;
    expect(pre.output).toMatchObject({ decision: 'go', deployment_id: 'rel-1' });
    const deployed = waiting.steps.find((s) => s.key === 'deploy')!.output!;
    expect(deployed).toMatchObject({
      provider: 'vercel',
      state: 'queued',
      hook_status: 201,
      idempotency_key: `workflow:${id}:deploy`,
    });

    // The hook was called once, with the key and what to deploy.
    const calls = hook.calls.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v1/integrations/deploy/prj_shop/s3cr3t-token');
    expect(calls[0]!.headers['idempotency-key']).toBe(`workflow:${id}:deploy`);
    expect(calls[0]!.body).toEqual({
      environment: 'production',
      ref: 'main',
      commit_sha: 'a1b2c3d',
      branch: 'main',
      idempotency_key: `workflow:${id}:deploy`,
    });
    const recorded = (await deploymentsOf(t)).find((d) => d.id === deployed.deployment_id)!;
    expect(recorded).toMatchObject({
      provider: 'vercel',
      external_id: deployed.external_id,
      state: 'queued',
    });
    expect(recorded.metadata).toMatchObject({ workflow_execution_id: id, release_id: 'rel-1' });

    // The provider reports progress, then success: the monitor wakes on deployment.finished.
    await call.finish(deployed.deployment_id as string, 'building');
    await call.finish(deployed.deployment_id as string, 'ready');
    const done = await call.ended(id);
    expect(done.status).toBe('completed');
    expect(statuses(done)).toEqual({
      pre_checks: 'completed',
      go_no_go: 'completed',
      deploy: 'completed',
      monitor: 'completed',
      notify: 'completed',
      outcome: 'completed',
    });
    const notice = done.steps.find((s) => s.key === 'notify')!.output!;
    expect(notice).toEqual({
      text: 'The deployment of shop to production is live at https://shop-git-main.example.app.',
      state: 'ready',
      receiver_ids: [watcher.id],
    });
    // The project member's inbox has it; whoever started the run is not told of their own deployment.
    const inbox = await t.request({
      method: 'GET',
      url: `/api/v1/workspaces/${workspace.slug}/users/me/notifications/`,
      headers: { cookie: watcher.cookie },
    });
    const deploymentsNoticed = inbox
      .json<{ results: Array<{ kind: string; data: { text: string } }> }>()
      .results.filter((n) => n.kind === 'deployment');
    expect(deploymentsNoticed.map((n) => n.data.text)).toEqual([notice.text]);
    expect(hook.calls.length - before).toBe(1);
    expect(await eventCount(t, 'deployment.finished', deployed.deployment_id as string)).toBe(1);
  });

  it('stops a no-go at the gate with the coordinator’s reasons, and deploys nothing', async () => {
    const call = api(t, owner);
    const workflow = await call.pipeline({ deploy_hook_id: hookId, name: 'Careful pipeline' });
    const before = hook.calls.length;
    const { id } = await call.run(workflow.id, release('rel-2', noGoDiff));
    const done = await call.ended(id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/^Step go_no_go failed: No-go for shop to production \(unanimous: /);
    expect(done.error).toContain('code_review: request_changes');
    expect(statuses(done)).toMatchObject({
      pre_checks: 'completed',
      go_no_go: 'failed',
      deploy: 'cancelled',
    });
    expect(hook.calls.length).toBe(before);
  });

  it('retries a failing hook after its backoff, and fails the step clearly when it keeps failing', async () => {
    const call = api(t, owner);
    const workflow = await call.pipeline({
      deploy_hook_id: hookId,
      deploy_attempts: 3,
      deploy_backoff_seconds: 1,
      monitor_timeout_seconds: 600,
    });
    const deploymentsBefore = (await deploymentsOf(t)).length;
    hook.failNext = 2;
    const before = hook.calls.length;
    const { id } = await call.run(workflow.id, release('rel-3'));
    const waiting = await call.stepIn(id, 'monitor', 'waiting');
    expect(waiting.steps.find((s) => s.key === 'deploy')).toMatchObject({ status: 'completed', attempts: 3 });
    const calls = hook.calls.slice(before);
    expect(calls.map((c) => c.headers['idempotency-key'])).toEqual(Array(3).fill(`workflow:${id}:deploy`));
    // Failed attempts recorded nothing; the one that started a deployment recorded it once.
    expect((await deploymentsOf(t)).length).toBe(deploymentsBefore + 1);
    await call.send('POST', `/workflow-executions/${id}/cancel`, {});

    hook.failNext = 5;
    const failing = await call.run(workflow.id, release('rel-4'));
    const failed = await call.ended(failing.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('Step deploy failed: The deploy hook answered 503: builder busy.');
    expect(failed.steps.find((s) => s.key === 'deploy')).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await deploymentsOf(t)).length).toBe(deploymentsBefore + 1);
    hook.failNext = 0;
  });

  it('fails the monitor when the deployment does not finish in time', async () => {
    const call = api(t, owner);
    const workflow = await call.pipeline({ deploy_hook_id: hookId, monitor_timeout_seconds: 1 });
    const { id } = await call.run(workflow.id, release('rel-5'));
    const done = await call.ended(id);
    expect(done.status).toBe('failed');
    expect(done.error).toBe('Step monitor failed: No deployment.finished event matched within 1 s.');
    expect(statuses(done)).toMatchObject({ deploy: 'completed', monitor: 'failed', notify: 'cancelled' });
  });

  it('refuses a template without a coordinator or with a hook of another workspace', async () => {
    const call = api(t, owner);
    const noHook = await call.send('POST', '/workflows/templates/deployment-pipeline', {
      deploy_hook_id: crypto.randomUUID(),
    });
    expect(noHook.statusCode).toBe(400);
    expect(noHook.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'deploy_hook_id' } });
    const empty = await newWorkspace(t, owner);
    const elsewhere = await t.request({
      method: 'POST',
      url: `/api/v1/workspaces/${empty.slug}/workflows/templates/deployment-pipeline`,
      headers: { cookie: owner.cookie },
      payload: { deploy_hook_id: hookId },
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({
      error: { code: 'AGENT_NOT_FOUND', field: 'coordinator_agent_id' },
    });
  });

  it('resumes at the monitor after every process stopped, without deploying again', async () => {
    const call = api(t, owner);
    const workflow = await call.pipeline({ deploy_hook_id: hookId, project_id: projectId });
    const before = hook.calls.length;
    const { id } = await call.run(workflow.id, release('rel-6'));
    const waiting = await call.stepIn(id, 'monitor', 'waiting');
    const deploymentId = waiting.steps.find((s) => s.key === 'deploy')!.output!.deployment_id as string;

    // Everything that runs workflows stops; a new process starts on the same database.
    await t.container.dispatcher.stop();
    await t.container.bus.stop();
    await t.container.jobs.stop();
    const again = await createTestApp({}, t.database);
    try {
      await again.container.jobs.startWorkers();
      again.container.dispatcher.start();
      await api(again, owner).finish(deploymentId, 'error');
      const done = await api(again, owner).ended(id);
      expect(done.status).toBe('failed');
      expect(done.error).toBe('Step outcome failed: The deployment ended error.');
      expect(statuses(done)).toMatchObject({
        deploy: 'completed',
        monitor: 'completed',
        notify: 'completed',
      });
      expect(done.steps.find((s) => s.key === 'notify')!.output).toMatchObject({
        text: 'The deployment of shop to production ended error at https://shop-git-main.example.app.',
        receiver_ids: [watcher.id],
      });
      // One call to the hook and one start of the deploy step, across the restart.
      expect(hook.calls.length - before).toBe(1);
      const deployStep = rowsOf<{ id: string }>(
        await again.database.db.execute(
          sql`select id from workflow_steps where execution_id = ${id} and key = 'deploy'`,
        ),
      )[0]!;
      expect(await eventCount(again, 'workflow_step.started', deployStep.id)).toBe(1);
    } finally {
      await again.app.close();
      await again.container.dispatcher.stop();
      await again.container.bus.stop();
      await again.container.jobs.stop();
      again.container.redis?.disconnect();
    }
  });
});
