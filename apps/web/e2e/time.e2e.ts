import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reviewScreen } from './harness.ts';
import { day, patchProject, projectUrl } from './plan-helpers.ts';
import { createItem, createProject, newOwner, v1, type ItemRef, type ProjectRef } from './work-helpers.ts';

let browser: Browser;
let owner: Awaited<ReturnType<typeof newOwner>>;
let project: ProjectRef;
let inCycle: ItemRef;
let outside: ItemRef;
let cycleId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newOwner(browser, 'tim', 'Tim Time Co');
  const { page, who } = owner;
  project = await createProject(page, who, 'Retainer work', 'TIM');
  await patchProject(page, who, project, { cycle_view: true });
  inCycle = await createItem(page, who, project, { name: 'Write the newsletter' });
  outside = await createItem(page, who, project, { name: 'Answer client mail' });
  const base = `/workspaces/${who.slug}/projects/${project.id}`;
  const cycle = await v1<{ id: string }>(page, 'POST', `${base}/cycles/`, {
    name: 'November',
    start_date: day(-2),
    end_date: day(5),
  });
  cycleId = cycle.body.id;
  await v1(page, 'POST', `${base}/cycles/${cycleId}/cycle-issues/`, { issues: [inCycle.id] });
});
afterAll(async () => {
  await owner?.context.close();
  await browser?.close();
});

describe('time tracking', () => {
  it('is off until a project admin turns it on from the work item', async () => {
    const { page } = owner;
    await page.goto(projectUrl(owner.who, project, `items/${inCycle.id}`));
    const section = page.getByRole('region', { name: 'Time' });
    await expect
      .poll(() => section.getByText('Time tracking is off for this project.').isVisible())
      .toBe(true);
    await section.getByRole('button', { name: 'Turn on time tracking' }).click();
    await expect.poll(() => section.getByRole('button', { name: 'Log time' }).isVisible()).toBe(true);
    await expect
      .poll(() => section.getByText('No time logged yet.', { exact: false }).isVisible())
      .toBe(true);
  });

  it('logs time on an item as h:mm and shows its logs and total', async () => {
    const { page, errors } = owner;
    const section = page.getByRole('region', { name: 'Time' });
    await section.getByLabel('Duration (h:mm)').fill('an hour');
    await section.getByRole('button', { name: 'Log time' }).click();
    await expect
      .poll(() =>
        section.getByText('Type a duration as h:mm (1:30), in hours (1.5h) or minutes (90m).').isVisible(),
      )
      .toBe(true);

    await section.getByLabel('Duration (h:mm)').fill('1:30');
    await section.getByLabel('Note').fill('Drafted the copy');
    await section.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => section.getByTestId('item-time-total').textContent()).toBe('1:30');
    await section.getByLabel('Duration (h:mm)').fill('45m');
    await section.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => section.getByTestId('item-time-total').textContent()).toBe('2:15');
    const logs = section.getByRole('list', { name: 'Logged time' }).getByRole('listitem');
    await expect.poll(() => logs.count()).toBe(2);
    expect(await logs.nth(1).textContent()).toContain('Drafted the copy');
    await reviewScreen(page, errors, 'work-item-time');

    // The server stores minutes, logged as the signed-in person.
    const stored = await v1<Array<{ duration: number }>>(
      page,
      'GET',
      `/workspaces/${owner.who.slug}/projects/${project.id}/work-items/${inCycle.id}/worklogs/`,
    );
    expect(stored.body.map((w) => w.duration).sort()).toEqual([45, 90]);
  });

  it('sums the time per cycle and per project on the cycle page and the Time tab', async () => {
    const { page, errors, who } = owner;
    await page.goto(projectUrl(who, project, `items/${outside.id}`));
    const section = page.getByRole('region', { name: 'Time' });
    await section.getByLabel('Duration (h:mm)').fill('1h');
    await section.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => section.getByTestId('item-time-total').textContent()).toBe('1:00');

    await page.goto(projectUrl(who, project, `cycles/${cycleId}`));
    await expect.poll(() => page.getByTestId('cycle-time-total').textContent()).toBe('2:15');
    expect(await page.getByTestId('project-time-total').textContent()).toBe('3:15');
    const perItem = page.getByRole('table', { name: 'Time per work item in this cycle' });
    expect(await perItem.getByRole('row', { name: /Write the newsletter/ }).textContent()).toContain('2:15');

    await page.getByRole('link', { name: 'Time', exact: true }).click();
    await expect.poll(() => page.getByTestId('project-time-total').textContent()).toBe('3:15');
    const table = page.getByRole('table', { name: 'Time logged per work item in Retainer work' });
    await expect
      .poll(() => table.locator('tbody tr').allTextContents())
      .toEqual(['TIM-1Write the newsletter2:15', 'TIM-2Answer client mail1:00']);
    await reviewScreen(page, errors, 'project-time');
  });

  it('deletes a log, and the totals follow', async () => {
    const { page, who } = owner;
    await page.goto(projectUrl(who, project, `items/${outside.id}`));
    const section = page.getByRole('region', { name: 'Time' });
    await section.getByRole('button', { name: 'Delete 1 h logged by You' }).click();
    await expect.poll(() => section.getByTestId('item-time-total').textContent()).toBe('0:00');
    await page.getByRole('link', { name: 'Time', exact: true }).click();
    await expect.poll(() => page.getByTestId('project-time-total').textContent()).toBe('2:15');
  });
});
