import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reviewScreen, screenshot } from './harness.ts';
import { createItem, createProject, newOwner, projectStates, v1, type Owner } from './work-helpers.ts';

let browser: Browser;
let owner: Awaited<ReturnType<typeof newOwner>>;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newOwner(browser, 'ava', 'Ava Agents Co');
});
afterAll(async () => {
  await owner?.context.close();
  await browser?.close();
});

const status = (page: Page) => page.getByTestId('task-status').first().textContent();
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

async function runReview(page: Page, description: string) {
  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await page.getByRole('button', { name: 'Run a task' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Run a task' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  // Prefilled from the agent's kind, as the server describes it.
  await expect.poll(() => dialog.getByLabel('Task type', { exact: true }).inputValue()).toBe('review_diff');
  // The example input is a diff that commits a live Stripe key.
  expect(await dialog.getByLabel('Input (JSON)', { exact: true }).inputValue()).toContain('sk_live_');
  await dialog.getByLabel('Description (optional)', { exact: true }).fill(description);
  await dialog.getByLabel('Wait for my approval before it completes').check();
  await reviewScreen(page, owner.errors, 'agent-task-create');
  await dialog.getByRole('button', { name: 'Run task' }).click();
  await page.waitForURL(/\/agents\/tasks\/[0-9a-f-]{36}$/);
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.realtime), { timeout: 15_000 })
    .toBe('live');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

describe('the agent console', () => {
  it('creates an agent, runs a review that needs approval, and approves it with a reason, live', async () => {
    const { page, errors, who } = owner;
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Agents' }).click();
    await expect.poll(() => page.getByText('No agents yet').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'agents-empty');

    await page.getByRole('button', { name: 'Create your first agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an agent' });
    await dialog.getByLabel('Name', { exact: true }).fill('Reviewer');
    // The kinds are the server's own (GET …/agent-kinds), each described as the server describes it.
    const kind = dialog.getByLabel('Kind', { exact: true });
    await expect.poll(() => kind.inputValue()).toBe('code_review');
    expect(await kind.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Code review', 'Security triage', 'Content writer', 'Deployment coordinator']),
    );
    await reviewScreen(page, errors, 'agent-create');
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    const card = page.getByTestId('agent-Reviewer');
    await expect.poll(() => card.isVisible()).toBe(true);
    for (const part of ['Code review', 'Idle', 'review code', 'detect secrets', 'Completed', 'Not run yet'])
      await expect.poll(() => card.textContent()).toContain(part);

    await runReview(page, 'Review the billing client');
    // Pending → in progress → needs approval arrive as events: the page is never reloaded.
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Needs approval');
    expect(await sameDocument(page)).toBe(true);
    const output = page.locator('section', { has: page.getByRole('heading', { name: 'Output' }) });
    await expect.poll(() => output.textContent()).toContain('stripe_live_key');
    await reviewScreen(page, errors, 'agent-task-needs-approval');

    // Rejecting without a reason is refused on the spot; approving takes an optional comment.
    await page.getByLabel('Reason or comment').fill('The key is a test fixture; rotate it anyway.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Completed');
    await expect
      .poll(() => page.getByText('“The key is a test fixture; rotate it anyway.”').isVisible())
      .toBe(true);
    expect(await sameDocument(page)).toBe(true);
    await screenshot(page, 'agent-task-completed');

    // The agents list shows the run in its stats.
    await page.goto(`/${who.slug}/agents`);
    await expect.poll(() => card.textContent()).toContain('100%');
    await reviewScreen(page, errors, 'agents-list');
  });

  it('rejects a result with a reason, and lists tasks with live status and filters', async () => {
    const { page, errors, who } = owner;
    await page.goto(`/${who.slug}/agents`);
    await runReview(page, 'Review the second change');
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Needs approval');
    await page.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.getByText('Say why you reject it').isVisible()).toBe(true);
    await page.getByLabel('Reason or comment').fill('Split the change in two.');
    await page.getByRole('button', { name: 'Reject' }).click();
    // A code review cannot redraft: the task ends rejected, with the reason in its reviews.
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Rejected');
    await expect.poll(() => page.getByText('“Split the change in two.”').isVisible()).toBe(true);

    await page.goto(`/${who.slug}/agents/tasks`);
    const table = page.getByRole('table', { name: 'Agent tasks, newest first' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await page.getByLabel('Status', { exact: true }).selectOption('rejected');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.textContent()).toContain('Review the second change');
    await reviewScreen(page, errors, 'agent-tasks');

    await page.getByRole('link', { name: 'Workflow runs' }).click();
    await expect.poll(() => page.getByText('No workflow has run yet').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'workflow-runs-empty');
  });

  it('shows a workflow run as a step timeline that moves live, and signs off its approval step', async () => {
    const { page, errors, who } = owner;
    const agents = await v1<{ results: Array<{ id: string; name: string }> }>(
      page,
      'GET',
      `/workspaces/${who.slug}/agents`,
    );
    const reviewer = agents.body.results.find((a) => a.name === 'Reviewer')!;
    const workflow = await v1<{ id: string }>(page, 'POST', `/workspaces/${who.slug}/workflows`, {
      name: 'Review and sign off',
      steps: [
        {
          key: 'review',
          name: 'Review the diff',
          type: 'agent',
          agent_id: reviewer.id,
          task_type: 'review_diff',
          input: {
            diff: 'diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -1,1 +1,2 @@\n # Notes\n+More notes.\n',
          },
        },
        { key: 'sign_off', name: 'Sign off', type: 'approval', message: 'Ship it?' },
      ],
    });
    expect(workflow.status).toBe(201);
    await page.goto(`/${who.slug}/agents/workflows`);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.realtime), { timeout: 15_000 })
      .toBe('live');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    expect(
      (await v1(page, 'POST', `/workspaces/${who.slug}/workflows/${workflow.body.id}/run`, {})).status,
    ).toBe(201);

    const run = page.getByTestId('execution-Review and sign off');
    const steps = run.getByRole('list', { name: 'Steps of Review and sign off' });
    await expect.poll(() => steps.getByRole('listitem').count(), { timeout: 30_000 }).toBe(2);
    const approve = run.getByRole('button', { name: 'Approve Sign off' });
    await expect.poll(() => approve.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await steps.getByRole('listitem').first().textContent()).toContain('Completed');
    expect(await run.getByRole('link', { name: 'Open its task' }).count()).toBe(1);
    await reviewScreen(page, errors, 'workflow-runs');

    await run.getByLabel('Reason or comment for Sign off').fill('Looks good.');
    await approve.click();
    await expect
      .poll(() => steps.getByRole('listitem').last().textContent(), { timeout: 30_000 })
      .toContain('Approved: “Looks good.”');
    await expect.poll(() => run.locator('> div').first().textContent()).toContain('Completed');
    expect(await sameDocument(page)).toBe(true);
    await screenshot(page, 'workflow-run-completed');
  });
});

interface TaskOut {
  id: string;
  status: string;
  output_data: Record<string, unknown> | null;
}

/** Agent outputs as people read them: each built-in kind's answer rendered, its JSON one click away. */
describe('agent outputs', () => {
  let reader: Owner;
  beforeAll(async () => {
    reader = await newOwner(browser, 'olga', 'Olga Outputs Co');
  });
  afterAll(async () => {
    await reader?.context.close();
  });

  const createAgent = async (name: string, agentType: string) => {
    const created = await v1<{ id: string }>(reader.page, 'POST', `/workspaces/${reader.who.slug}/agents`, {
      name,
      agent_type: agentType,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  /** Gives the agent a task through the API and waits until it has answered. */
  const runTask = async (agentId: string, taskType: string, input: Record<string, unknown>) => {
    const path = `/workspaces/${reader.who.slug}/agent-tasks`;
    const created = await v1<TaskOut>(reader.page, 'POST', path, {
      agent_id: agentId,
      task_type: taskType,
      input,
    });
    expect(created.status).toBe(201);
    const settled = () => v1<TaskOut>(reader.page, 'GET', `${path}/${created.body.id}`).then((r) => r.body);
    await expect
      .poll(async () => (await settled()).status, { timeout: 30_000 })
      .toMatch(/^(completed|needs_approval)$/);
    return settled();
  };

  const openTask = async (id: string) => {
    await reader.page.goto(`/${reader.who.slug}/agents/tasks/${id}`);
    const output = reader.page.locator('section', {
      has: reader.page.getByRole('heading', { name: 'Output' }),
    });
    await expect.poll(() => output.getByRole('heading').count()).toBeGreaterThan(1);
    return output;
  };

  it('shows a code review as findings by severity, the model note and the security hand-off', async () => {
    const { page, errors } = reader;
    await createAgent('Sentinel', 'security');
    const reviewer = await createAgent('Reviewer', 'code_review');
    const task = await runTask(reviewer, 'review_diff', {
      title: 'Bills',
      diff: [
        'diff --git a/src/billing.ts b/src/billing.ts',
        '--- a/src/billing.ts',
        '+++ b/src/billing.ts',
        '@@ -1,1 +1,3 @@',
        ' export const region = "eu";',
        '+export const apiKey = "sk_live_51Habcdefghijklmnopqrstuv";',
        '+export const find = (db, id) => db.query("select * from bills where id = " + id);',
        '',
      ].join('\n'),
    });
    const review = task.output_data as {
      findings: Array<{ severity: string; rule: string; file: string | null; line: number | null }>;
    };
    const output = await openTask(task.id);
    expect(await output.textContent()).toContain('Request changes');

    // One group per severity, with where, which rule and what is wrong.
    const severities = [...new Set(review.findings.map((f) => f.severity))];
    expect(severities).toEqual(expect.arrayContaining(['critical', 'high']));
    for (const severity of severities) {
      const group = review.findings.filter((f) => f.severity === severity);
      const heading = output.getByRole('heading', { name: `${group.length} ${severity} finding` });
      expect(await heading.isVisible()).toBe(true);
      const list = output.getByTestId(`findings-${severity}`);
      expect(await list.getByRole('listitem').count()).toBe(group.length);
      for (const finding of group) expect(await list.textContent()).toContain(finding.rule);
    }
    const secret = output
      .getByTestId('findings-critical')
      .getByRole('listitem')
      .filter({ hasText: 'stripe_live_key' });
    expect(await secret.textContent()).toContain('src/billing.ts:2');

    // Offline there is no model review: the page says so in words.
    const model = output.getByRole('region', { name: 'Model review' });
    expect(await model.textContent()).toContain('No model review was made');

    // The JSON is there for whoever wants it, folded away.
    const raw = output.getByLabel('JSON');
    expect(await raw.isVisible()).toBe(false);
    await reviewScreen(page, errors, 'agent-output-code-review');
    await output.getByText('Raw output').click();
    await expect.poll(() => raw.isVisible()).toBe(true);
    expect(await raw.textContent()).toContain('"security_task_id"');
    await model.scrollIntoViewIfNeeded();
    await screenshot(page, 'agent-output-code-review-model');

    // The security findings went to the security agent; its triage reads as steps.
    await output.getByRole('link', { name: 'Open the security review' }).click();
    await page.waitForURL(/\/agents\/tasks\/[0-9a-f-]{36}$/);
    const triage = page.locator('section', { has: page.getByRole('heading', { name: 'Output' }) });
    await expect
      .poll(() => triage.getByRole('region', { name: 'What to do' }).textContent(), {
        timeout: 30_000,
      })
      .toContain('Roll the Stripe key');
    await reviewScreen(page, errors, 'agent-output-security-review');
  });

  it('shows a deployment risk as a score with its level, the weighing factors and the scorer', async () => {
    const { page, errors } = reader;
    const scorer = await createAgent('Risk', 'deployment_risk');
    const task = await runTask(scorer, 'score_deployment', {
      deployment: {
        id: 'rel-42',
        service: 'checkout',
        environment: 'production',
        author: 'olga',
        scheduled_at: '2026-11-21T15:00:00Z',
      },
      change: { files_changed: 40, additions: 900, deletions: 300 },
      pull_request: { approvals: 0, labels: ['hotfix'] },
    });
    const risk = task.output_data as {
      risk_score: number;
      level: string;
      top_factors: Array<{ factor: string; points: number }>;
    };
    const output = await openTask(task.id);
    expect(await output.getByTestId('risk-score').textContent()).toBe(`${risk.risk_score} / 100`);
    const meter = output.getByRole('meter', { name: 'Risk score' });
    expect(await meter.getAttribute('aria-valuenow')).toBe(String(risk.risk_score));
    expect(await output.textContent()).toContain(
      `${risk.level[0]!.toUpperCase()}${risk.level.slice(1)} risk`,
    );
    expect(await output.textContent()).toMatch(/Confidence \d+%/);

    const factors = output.getByRole('table', { name: 'Risk factors, heaviest first' });
    expect(await factors.getByRole('row').count()).toBe(risk.top_factors.length + 1);
    const size = factors.getByRole('row', { name: /Change size/ });
    const points = risk.top_factors.find((f) => f.factor === 'change_size')!.points;
    expect(await size.textContent()).toContain(`Raises risk+${points} points`);
    expect(await size.textContent()).toContain('1200 changed line(s) in 40 file(s)');

    // A new workspace has no deployment history: the rules scored it, and the page says why.
    const scored = await output.getByRole('region', { name: 'How it was scored' }).textContent();
    expect(scored).toContain('Rules scored it');
    expect(scored).toContain('the model needs 30');
    await reviewScreen(page, errors, 'agent-output-deployment-risk');
  });

  it("shows a standup as each project's moved, completed, blocked and overdue items, linked", async () => {
    const { page, errors, who } = reader;
    const project = await createProject(page, who, 'Launch site', 'LAU');
    const stateNamed = await projectStates(page, who, project);
    const item = (name: string, extra: object = {}) =>
      createItem(page, who, project, { name, state: stateNamed('Todo').id, ...extra });
    const post = await item('Write the launch post');
    const footer = await item('Fix the footer');
    await item('Ship the pricing page', { target_date: '2020-01-01' });
    const publish = await item('Publish the launch');
    const itemPath = (id: string) => `/workspaces/${who.slug}/projects/${project.id}/work-items/${id}/`;
    const moveTo = async (id: string, state: string) =>
      expect((await v1(page, 'PATCH', itemPath(id), { state: stateNamed(state).id })).status).toBe(200);
    await moveTo(post.id, 'In Progress');
    await moveTo(footer.id, 'Done');
    const blocked = await v1(page, 'POST', `${itemPath(publish.id)}relations/`, {
      relation_type: 'blocked_by',
      issues: [post.id],
    });
    expect(blocked.status).toBe(201);

    const standup = await createAgent('Standup', 'standup');
    const task = await runTask(standup, 'daily_standup', {});
    const output = await openTask(task.id);
    const news = output.getByTestId('standup-LAU');
    expect(await news.getByRole('heading', { name: 'Launch site (LAU)' }).isVisible()).toBe(true);
    const list = (name: RegExp) => news.getByRole('list', { name });
    expect(await list(/^Moved/).textContent()).toContain('LAU-1 Write the launch post Todo → In Progress');
    expect(await list(/^Completed/).textContent()).toContain('LAU-2 Fix the footer Done');
    expect(await list(/^Blocked/).textContent()).toContain(
      'LAU-4 Publish the launch (Todo), blocked by LAU-1',
    );
    expect(await list(/^Overdue/).textContent()).toContain('LAU-3 Ship the pricing page due 2020-01-01');
    await reviewScreen(page, errors, 'agent-output-standup');

    // Each item links to its page.
    const link = list(/^Moved/).getByRole('link', { name: 'LAU-1 Write the launch post' });
    await expect
      .poll(() => link.getAttribute('href'))
      .toBe(`/${who.slug}/projects/${project.id}/items/${post.id}`);
    await link.click();
    await page.waitForURL(`**/projects/${project.id}/items/${post.id}`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Write the launch post' }).isVisible())
      .toBe(true);
  });

  // Uses the risk and code-review agents the tests above created.
  it('shows a go / no-go with each vote and its reason, and a draft post as its channel shows it', async () => {
    const { page, errors } = reader;
    const coordinator = await createAgent('Coordinator', 'deployment_coordinator');
    const decided = await runTask(coordinator, 'coordinate_deployment', {
      deployment: {
        id: 'rel-43',
        service: 'checkout',
        environment: 'staging',
        scheduled_at: '2026-11-24T10:00:00Z',
      },
      diff: 'diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -1,1 +1,2 @@\n # Notes\n+More notes.\n',
    });
    const decision = decided.output_data as { decision: string; votes: Array<{ reason: string }> };
    let output = await openTask(decided.id);
    expect(await output.textContent()).toContain(decision.decision === 'go' ? 'Go' : 'No-go');
    expect(await output.textContent()).toContain('Unanimous: every agent answers and every one is for it.');
    const votes = output.getByRole('region', { name: 'Votes' }).getByRole('listitem');
    expect(await votes.count()).toBe(2);
    expect(await votes.first().textContent()).toContain(`Deployment risk: for${decision.votes[0]!.reason}`);
    expect(await votes.last().textContent()).toContain('Code review: for');
    expect(await output.getByRole('link', { name: 'Open its task' }).count()).toBe(2);
    await reviewScreen(page, errors, 'agent-output-deployment-coordinator');

    const writer = await createAgent('Writer', 'content_writer');
    const drafted = await runTask(writer, 'draft_post', {
      channel: 'x',
      brief: 'Our new checkout is live. It takes half the clicks it used to.',
      keywords: ['checkout'],
      link: 'https://example.com/checkout',
    });
    const draft = drafted.output_data as { text: string; characters: number };
    output = await openTask(drafted.id);
    expect(await output.getByTestId('content-preview').textContent()).toBe(draft.text);
    expect(await output.textContent()).toContain(`${draft.characters} of 280 characters`);
    const length = output.getByRole('meter', { name: "Length against the channel's limit" });
    expect(await length.getAttribute('aria-valuenow')).toBe(String(draft.characters));
    await reviewScreen(page, errors, 'agent-output-content-draft');

    // A blog article's Markdown reads as an article: its title a heading, its points a list.
    const article = await runTask(writer, 'draft_post', {
      channel: 'blog',
      title: 'A faster checkout',
      brief:
        'Our new checkout is live. It takes half the clicks it used to. Card data never touches our servers.',
      keywords: ['one page', 'saved cards'],
    });
    output = await openTask(article.id);
    const preview = output.getByTestId('content-preview');
    expect(await preview.getByRole('heading', { name: 'A faster checkout', level: 4 }).isVisible()).toBe(
      true,
    );
    expect(await preview.getByRole('listitem').allTextContents()).toEqual(['One page', 'Saved cards']);
    expect(await preview.textContent()).not.toContain('#');
    await preview.getByRole('listitem').last().scrollIntoViewIfNeeded();
    await reviewScreen(page, errors, 'agent-output-blog-draft');
  });
});
