import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../platform/db/database.ts';
import { agentsApi } from '../../../../test/agents.ts';
import { newUser, newWorkspace, type TestUser } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { consensus } from '../patterns.ts';
import { assessRisk, deploymentInput } from './deployment-risk.ts';

interface Coordination {
  deployment_id: string;
  decision: string;
  tally: Record<string, number>;
  votes: Array<{ voter: string; approve: boolean | null; reason: string }>;
  risk: { status: string; task_id: string; agent_id: string; correlation_id: string };
  code_review: { status: string; task_id: string; agent_id: string; correlation_id: string } | null;
}

const tuesdayMorning = '2026-03-03T10:00:00Z';
const hoursBefore = (h: number) => new Date(Date.parse(tuesdayMorning) - h * 3_600_000).toISOString();

const smallDiff = [
  'diff --git a/src/price.ts b/src/price.ts',
  '--- a/src/price.ts',
  '+++ b/src/price.ts',
  '@@ -1 +1 @@',
  '-export const vat = 0.2;',
  '+export const vat = 0.21;',
  'diff --git a/src/price.test.ts b/src/price.test.ts',
  '--- a/src/price.test.ts',
  '+++ b/src/price.test.ts',
  '@@ -1 +1 @@',
  "-it('vat', () => expect(vat).toBe(0.2));",
  "+it('vat', () => expect(vat).toBe(0.21));",
].join('\n');

const riskyDiff = [
  'diff --git a/drizzle/0009_orders.sql b/drizzle/0009_orders.sql',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/drizzle/0009_orders.sql',
  `@@ -0,0 +1,200 @@`,
  ...Array.from({ length: 200 }, (_, i) => `+ALTER TABLE orders ADD COLUMN extra_${i} text;`),
  'diff --git a/src/auth/session.ts b/src/auth/session.ts',
  '--- a/src/auth/session.ts',
  '+++ b/src/auth/session.ts',
  '@@ -1 +1,2 @@',
  ' export function load(id) {',
  '+  return db.query("select * from sessions where id = \'" + id + "\'");',
].join('\n');

const failures = [
  { author: 'sam', status: 'failed', finished_at: hoursBefore(3), environment: 'production' },
  { author: 'sam', status: 'rolled_back', finished_at: hoursBefore(20), environment: 'production' },
  { author: 'sam', status: 'success', finished_at: hoursBefore(50), environment: 'production' },
  { author: 'kim', status: 'success', finished_at: hoursBefore(60), environment: 'production' },
  { author: 'kim', status: 'success', finished_at: hoursBefore(70), environment: 'production' },
];

describe('deployment risk rules', () => {
  it('scores a small tested change on a weekday morning low, with nothing to explain', () => {
    const input = deploymentInput.parse({
      deployment: { id: 'dep-1', service: 'shop', author: 'kim', scheduled_at: tuesdayMorning },
      diff: smallDiff,
      pull_request: { approvals: 2 },
      recent_deployments: failures.slice(3),
    });
    expect(assessRisk(input)).toEqual({ risk_score: 0, level: 'low', confidence: 0.7, factors: [] });
  });

  it('adds up size, risky paths, missing tests, the author and recent failures, weighted by environment', () => {
    const input = {
      deployment: { id: 'dep-2', service: 'shop', author: 'sam', scheduled_at: tuesdayMorning },
      diff: riskyDiff,
      pull_request: { approvals: 0, labels: ['hotfix'] },
      recent_deployments: failures,
    };
    const production = assessRisk(deploymentInput.parse(input));
    // Heaviest first.
    expect(production.factors.map((f) => [f.factor, f.points])).toEqual([
      ['author_failure_rate', 17],
      ['risky_paths', 16],
      ['recent_failures', 16],
      ['no_tests', 10],
      ['unreviewed', 10],
      ['change_size', 6],
      ['hotfix', 5],
    ]);
    expect(production).toMatchObject({ risk_score: 80, level: 'critical', confidence: 0.85 });
    const staging = assessRisk(
      deploymentInput.parse({ ...input, deployment: { ...input.deployment, environment: 'staging' } }),
    );
    // Staging weighs everything at 60 %; the environment's own failures are production's, not staging's.
    expect(staging.factors.find((f) => f.factor === 'recent_failures')).toBeUndefined();
    expect(staging.risk_score).toBe(Math.round((80 - 16) * 0.6));
  });

  it('counts a Friday-afternoon deployment as riskier', () => {
    const friday = assessRisk(
      deploymentInput.parse({ deployment: { id: 'dep-3', scheduled_at: '2026-03-06T15:00:00Z' } }),
    );
    expect(friday.factors).toEqual([
      { factor: 'timing', points: 10, detail: 'a Friday afternoon or weekend deployment (UTC)' },
    ]);
  });
});

describe('consensus', () => {
  const votes = (...approve: Array<boolean | null>) =>
    approve.map((a, i) => ({ voter: `v${i}`, approve: a, reason: '' }));
  it('decides by the rule', () => {
    expect(consensus(votes(true, true), 'unanimous').approved).toBe(true);
    expect(consensus(votes(true, null), 'unanimous').approved).toBe(false);
    expect(consensus(votes(true, true, false), 'majority').approved).toBe(true);
    expect(consensus(votes(true, null, false), 'majority').approved).toBe(false);
    expect(consensus(votes(true, null), 'veto')).toMatchObject({ approved: true, for: 1, abstained: 1 });
    expect(consensus(votes(true, false), 'veto').approved).toBe(false);
    expect(consensus([], 'veto').approved).toBe(false);
  });
});

describe('the deployment coordinator through the runtime', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.container.jobs.startWorkers();
    owner = await newUser(t);
  });
  afterAll(() => t?.close());

  it('asks the risk and code-review agents, decides go, and lists the conversation', async () => {
    const workspace = await newWorkspace(t, owner);
    const api = agentsApi(t, workspace, owner);
    const risk = await api.createAgent({ name: 'Risk', agent_type: 'deployment_risk' });
    const reviewer = await api.createAgent({ name: 'Reviewer', agent_type: 'code_review' });
    const coordinator = await api.createAgent({ name: 'Coordinator', agent_type: 'deployment_coordinator' });
    const task = await api.createTask({
      agent_id: coordinator.id,
      task_type: 'coordinate_deployment',
      input: {
        deployment: { id: 'dep-100', service: 'shop', author: 'kim', scheduled_at: tuesdayMorning },
        diff: smallDiff,
        pull_request: { number: 12, title: 'VAT 21%', approvals: 1 },
      },
    });
    const done = await api.settled(task.id, ['completed']);
    const output = done.output_data as unknown as Coordination;
    expect(output).toMatchObject({
      deployment_id: 'dep-100',
      decision: 'go',
      rule: 'unanimous',
      tally: { for: 2, against: 0, abstained: 0 },
      risk: { status: 'answered', agent_id: risk.id },
      code_review: { status: 'answered', agent_id: reviewer.id },
    });
    expect(output.votes[0]!.reason).toBe('risk 0/100 (low), limit 60.');
    const riskTask = await api.task(output.risk.task_id);
    expect(riskTask).toMatchObject({
      parent_task_id: task.id,
      task_type: 'score_deployment',
      status: 'completed',
    });
    expect((riskTask.output_data as { explanation: string }).explanation).toBe(
      'Risk 0/100 (low) for shop to production: nothing in the change or the recent history raises it.',
    );

    const listed = await api.send('GET', `/agent-messages?correlation_id=${output.risk.correlation_id}`);
    expect(listed.statusCode).toBe(200);
    const messages = listed.json<{ results: Array<Record<string, unknown>> }>().results;
    expect(messages.map((m) => [m.message_type, m.from_agent_id, m.to_agent_id])).toEqual([
      ['response', risk.id, coordinator.id],
      ['request', coordinator.id, risk.id],
    ]);
    expect(messages[0]).toMatchObject({
      sender_task_id: task.id,
      task_id: riskTask.id,
      payload: { risk_score: 0 },
    });
    const all = await api.send('GET', `/agent-messages?agent_id=${reviewer.id}&message_type=request`);
    expect(all.json()).toMatchObject({ total_count: 1 });

    const decided = rowsOf<{ payload: { decision: string } }>(
      await t.database.db.execute(
        sql`select payload from domain_events where type = 'deployment.decided' and aggregate_id = 'dep-100'`,
      ),
    );
    expect(decided.map((e) => e.payload.decision)).toEqual(['go']);
  });

  it('says no-go when the risk is too high or the review asks for changes', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    await api.createAgent({ name: 'Risk', agent_type: 'deployment_risk' });
    await api.createAgent({ name: 'Reviewer', agent_type: 'code_review' });
    const coordinator = await api.createAgent({
      name: 'Coordinator',
      agent_type: 'deployment_coordinator',
      configuration: { rule: 'majority', max_risk: 50 },
    });
    const task = await api.createTask({
      agent_id: coordinator.id,
      task_type: 'coordinate_deployment',
      input: {
        deployment: { id: 'dep-200', service: 'shop', author: 'sam', scheduled_at: tuesdayMorning },
        diff: riskyDiff,
        pull_request: { approvals: 0, labels: ['hotfix'] },
        recent_deployments: failures,
      },
    });
    const output = (await api.settled(task.id, ['completed'])).output_data as unknown as Coordination;
    expect(output.decision).toBe('no_go');
    expect(output.tally).toEqual({ for: 0, against: 2, abstained: 0 });
    expect(output.votes[0]!.reason).toBe('risk 80/100 (critical), limit 50.');
    expect(output.votes[1]!.reason).toMatch(/^request_changes: /);
  });

  it('does not wait past the deadline for an agent that cannot answer, and then says no-go', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const risk = await api.createAgent({ name: 'Risk', agent_type: 'deployment_risk' });
    await api.send('PATCH', `/agents/${risk.id}`, { status: 'disabled' });
    const coordinator = await api.createAgent({
      name: 'Coordinator',
      agent_type: 'deployment_coordinator',
      configuration: { response_timeout_seconds: 1, risk_agent_id: risk.id },
    });
    const task = await api.createTask({
      agent_id: coordinator.id,
      task_type: 'coordinate_deployment',
      input: { deployment: { id: 'dep-300' } },
    });
    const output = (await api.settled(task.id, ['completed'])).output_data as unknown as Coordination;
    expect(output).toMatchObject({
      decision: 'no_go',
      tally: { for: 0, against: 0, abstained: 1 },
      code_review: null,
      risk: { status: 'timed_out' },
    });
    const listed = await api.send('GET', `/agent-messages?correlation_id=${output.risk.correlation_id}`);
    expect(
      listed.json<{ results: Array<{ message_type: string }> }>().results.map((m) => m.message_type),
    ).toEqual(['timeout', 'request']);
  });

  it('refuses a coordination without a deployment id or with a diff that is not one', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const coordinator = await api.createAgent({ name: 'C', agent_type: 'deployment_coordinator' });
    for (const input of [{ deployment: {} }, { deployment: { id: 'd' }, diff: 'not a diff' }]) {
      const response = await api.send('POST', '/agent-tasks', {
        agent_id: coordinator.id,
        task_type: 'coordinate_deployment',
        input,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'input' } });
    }
  });
});
