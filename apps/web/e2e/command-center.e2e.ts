import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reviewScreen } from './harness.ts';
import { createItem, createProject, newOwner, projectStates, v1 } from './work-helpers.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const visible = (page: Page, text: string) =>
  expect.poll(() => page.getByText(text).first().isVisible()).toBe(true);

describe('the command center', () => {
  it('tells a new workspace what to do in every panel', async () => {
    const owner = await newOwner(browser, 'eve', 'Eve Empty Co');
    const { page, errors } = owner;
    await visible(page, 'No projects yet');
    await visible(page, 'No agents yet');
    await visible(page, 'Nothing waits for approval');
    await visible(page, 'Nothing overdue');
    await visible(page, 'Nothing stuck');
    await expect.poll(() => page.getByRole('link', { name: 'Create a project' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: 'Create an agent' }).isVisible()).toBe(true);
    await reviewScreen(page, errors, 'command-center-empty');
    await owner.context.close();
  });

  it('charts open work, agent activity and today’s changes, and lists overdue items and approvals live', async () => {
    const owner = await newOwner(browser, 'cal', 'Cal Command Co');
    const { page, errors, who } = owner;
    const project = await createProject(page, who, 'Spring launch', 'SPR');
    const state = await projectStates(page, who, project);
    await createItem(page, who, project, { name: 'Collect ideas' });
    await createItem(page, who, project, { name: 'Sketch the poster' });
    await createItem(page, who, project, { name: 'Book the venue', state: state('Todo').id });
    await createItem(page, who, project, {
      name: 'Send the invitations',
      state: state('In Progress').id,
      target_date: '2024-03-01',
    });
    await createItem(page, who, project, { name: 'Print flyers', state: state('Done').id });

    await page.goto(`/${who.slug}`);
    await expect.poll(() => page.getByTestId('open-work-chart').isVisible()).toBe(true);
    expect(await page.getByTestId('open-backlog').textContent()).toBe('2');
    expect(await page.getByTestId('open-unstarted').textContent()).toBe('1');
    expect(await page.getByTestId('open-started').textContent()).toBe('1');
    // The donut is drawn (one slice per group with items).
    await expect.poll(() => page.getByTestId('open-work-chart').locator('path').count()).toBeGreaterThan(2);
    const overdue = page.getByRole('list', { name: 'Overdue work items' });
    await expect.poll(() => overdue.textContent()).toContain('SPR-4 Send the invitations');
    await expect.poll(() => page.getByTestId('today-chart').isVisible()).toBe(true);
    expect(Number(await page.getByTestId('changes-today').textContent())).toBeGreaterThanOrEqual(6);

    // An agent task that needs approval shows up on the open home page by itself.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.realtime), { timeout: 15_000 })
      .toBe('live');
    const agent = await v1<{ id: string }>(page, 'POST', `/workspaces/${who.slug}/agents`, {
      name: 'Reviewer',
      agent_type: 'code_review',
    });
    expect(agent.status).toBe(201);
    const task = await v1<{ id: string }>(page, 'POST', `/workspaces/${who.slug}/agent-tasks`, {
      agent_id: agent.body.id,
      task_type: 'review_diff',
      description: 'Review the landing page',
      requires_human_approval: true,
      input: {
        diff: 'diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1,1 +1,2 @@\n x\n+const y = eval(input);\n',
      },
    });
    expect(task.status).toBe(201);
    const approvals = page.getByRole('list', { name: 'Tasks waiting for approval' });
    await expect
      .poll(() => approvals.textContent(), { timeout: 30_000 })
      .toContain('Review the landing page');
    await expect.poll(() => page.getByTestId('agent-activity-chart').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'command-center');

    // "Review" leads to the task, where it can be approved.
    await approvals.getByRole('link', { name: 'Review' }).click();
    await page.waitForURL(`**/agents/tasks/${task.body.id}`);
    await expect.poll(() => page.getByRole('button', { name: 'Approve' }).isVisible()).toBe(true);
    await owner.context.close();
  });
});
