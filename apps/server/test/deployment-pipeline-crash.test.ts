import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './agents.ts';
import { workerRig } from './worker-processes.ts';

/**
 * The deployment pipeline's deploy step with real worker processes on PostgreSQL: the worker is SIGKILLed while
 * the deploy hook (a real HTTP server here) has its request and has not answered, so the step's checkpoint never
 * commits. Another worker takes the execution over, calls the hook again with the same idempotency key, and the
 * hook, which honours the key, starts one deployment; the store holds one row and the pipeline finishes once.
 */
const { t, ownerId, workspaceId, startWorker, kill, query } = await workerRig('agency_deploycrash');

const calls: Array<{ key: string; answered: boolean }> = [];
const jobs = new Map<string, string>();
let held: ServerResponse | undefined;
const hook = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const key = String(request.headers['idempotency-key']);
    // The first call is left hanging: the worker dies waiting for it.
    if (calls.length === 0) {
      calls.push({ key, answered: false });
      held = response;
      return;
    }
    calls.push({ key, answered: true });
    if (!jobs.has(key)) jobs.set(key, `job_${jobs.size + 1}`);
    response
      .writeHead(201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ job: { id: jobs.get(key) } }));
  });
});
await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
afterAll(async () => {
  held?.destroy();
  await new Promise<void>((resolve) => hook.close(() => resolve()));
});

describe('the deployment pipeline with worker processes on PostgreSQL', () => {
  it('deploys once when the worker dies while the hook has its request', async () => {
    const ctx = { actor: { type: 'user' as const, id: ownerId } };
    const { service, workflows } = t.container.agents;
    await service.createAgent(ctx, workspaceId, { name: 'Risk', agentType: 'deployment_risk' });
    await service.createAgent(ctx, workspaceId, { name: 'Coordinator', agentType: 'deployment_coordinator' });
    const { port } = hook.address() as AddressInfo;
    const created = await t.container.integrations.deployHooks.create(ctx, workspaceId, {
      name: 'Production',
      provider: 'vercel',
      projectName: 'shop',
      url: `http://127.0.0.1:${port}/v1/integrations/deploy/prj_shop/token`,
    });
    const workflow = await workflows.templates.deploymentPipeline(ctx, workspaceId, {
      deployHookId: created.id,
      deployBackoffSeconds: 1,
    });
    const { execution } = await workflows.service.run(ctx, workspaceId, workflow.id, {
      deployment: {
        id: 'rel-crash',
        service: 'shop',
        environment: 'production',
        author: 'kim',
        scheduled_at: '2026-03-03T10:00:00Z',
      },
      change: { files_changed: 2, additions: 12, deletions: 3 },
    });

    const first = await startWorker();
    await waitFor(async () => held !== undefined, 'the deploy hook to be called', 90_000);
    await kill(first);
    held!.destroy();
    const second = await startWorker();

    const stepOf = async (key: string) =>
      (
        await query<{ status: string; attempts: number; output: Record<string, unknown> | null }>(
          sql`select status, attempts, output from workflow_steps where execution_id = ${execution.id} and key = ${key}`,
        )
      )[0]!;
    await waitFor(async () => (await stepOf('monitor')).status === 'waiting', 'the monitor to wait', 120_000);
    const deployed = (await stepOf('deploy')).output!;
    await t.container.integrations.deployments.update(ctx, workspaceId, deployed.deployment_id as string, {
      state: 'ready',
    });
    await waitFor(
      async () => {
        const [row] = await query<{ status: string }>(
          sql`select status from workflow_executions where id = ${execution.id}`,
        );
        return row!.status === 'completed';
      },
      'the execution to complete',
      120_000,
    );
    expect(second.child.exitCode).toBeNull();

    // Two calls with one key; the hook started one deployment, and the store has one row for it.
    expect(calls).toEqual([
      { key: `workflow:${execution.id}:deploy`, answered: false },
      { key: `workflow:${execution.id}:deploy`, answered: true },
    ]);
    expect([...jobs.values()]).toEqual(['job_1']);
    const rows = await query<{ external_id: string; state: string }>(
      sql`select external_id, state from deployments where workspace_id = ${workspaceId}`,
    );
    expect(rows).toEqual([{ external_id: 'job_1', state: 'ready' }]);
    // The interrupted attempt left no trace: the step completed once, on its first counted attempt.
    expect(await stepOf('deploy')).toMatchObject({ status: 'completed', attempts: 1 });
    // Every step finished once (the monitor by the event it waited for), none started twice.
    const finishes = await query<{ type: string; n: number }>(sql`
      select type, count(*)::int as n from domain_events
      where type in ('workflow_step.started', 'workflow_step.completed', 'workflow_step.event_received')
        and payload->>'execution_id' = ${execution.id}
      group by type order by type`);
    expect(finishes).toEqual([
      { type: 'workflow_step.completed', n: 5 },
      { type: 'workflow_step.event_received', n: 1 },
      { type: 'workflow_step.started', n: 5 },
    ]);
    await kill(second);
  });
});
