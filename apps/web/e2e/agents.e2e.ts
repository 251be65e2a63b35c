import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reviewScreen, screenshot } from './harness.ts';
import { newOwner, v1 } from './work-helpers.ts';

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
