import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewScreen } from './harness.ts';
import { day, projectUrl } from './plan-helpers.ts';
import {
  closeOwner,
  createItem,
  ownerWithProject,
  v1,
  type ItemRef,
  type Owner,
  type ProjectRef,
  type StateNamed,
} from './work-helpers.ts';

let browser: Browser;
let owner: Owner;
let project: ProjectRef;
let stateNamed: StateNamed;
let items: ItemRef[];
let sprintUrl: string;

beforeAll(async () => {
  ({ browser, owner, project, stateNamed } = await ownerWithProject('cyd', 'Cyd Cycles Co', {
    name: 'Autumn sprint work',
    identifier: 'CYC',
  }));
  const { page, who } = owner;
  items = [];
  for (const name of ['Draft the brief', 'Design the banner', 'Ship the landing page'])
    items.push(await createItem(page, who, project, { name, state: stateNamed('Todo').id }));
});
afterAll(() => closeOwner(browser, owner));

const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });
const itemNames = (page: Page, list: string) =>
  page.getByRole('list', { name: list }).locator('li a').allTextContents();

describe('cycles', () => {
  it('offers to turn cycles on, then to plan the first one', async () => {
    const { page, errors } = owner;
    await page.goto(projectUrl(owner.who, project, 'board'));
    await page.getByRole('link', { name: 'Cycles' }).click();
    await expect.poll(() => page.getByText('Cycles are off for this project').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Turn on cycles' }).click();
    await expect.poll(() => page.getByText('No cycles yet').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'cycles-empty');
    const stored = await v1<{ cycle_view: boolean }>(
      page,
      'GET',
      `/workspaces/${owner.who.slug}/projects/${project.id}/`,
    );
    expect(stored.body.cycle_view).toBe(true);
  });

  it('creates a cycle with dates and opens it', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'New cycle' }).click();
    const form = dialog(page, 'New cycle');
    await form.getByLabel('Name').fill('Sprint 1');
    await form.getByLabel('Start date').fill(day(-3));
    await form.getByRole('button', { name: 'Create cycle' }).click();
    // Only one date: the form says what is missing and sends nothing.
    await expect
      .poll(() => form.getByText('Give an end date too, or clear the start date for a draft.').isVisible())
      .toBe(true);
    await form.getByLabel('End date').fill(day(3));
    await form.getByRole('button', { name: 'Create cycle' }).click();
    await page.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
    sprintUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { name: 'Sprint 1', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Current', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('No work items in this cycle').isVisible()).toBe(true);
  });

  it('adds work items to the cycle', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'Add work items' }).click();
    const picker = dialog(page, 'Add work items to Sprint 1');
    await picker.getByLabel('Find work items by name or key').fill('CYC');
    for (const item of items) await picker.getByRole('checkbox', { name: new RegExp(item.name) }).check();
    await picker.getByRole('button', { name: 'Add 3 work items' }).click();
    await expect
      .poll(() => itemNames(page, 'Work items of Sprint 1'))
      .toEqual(expect.arrayContaining(items.map((i) => i.name)));
    await expect.poll(() => page.getByText('0 of 3 work items done').isVisible()).toBe(true);
  });

  it('shows progress by state group and a burndown with data once an item is done', async () => {
    const { page, errors, who } = owner;
    const done = await v1(
      page,
      'PATCH',
      `/workspaces/${who.slug}/projects/${project.id}/work-items/${items[0]!.id}/`,
      {
        state: stateNamed('Done').id,
      },
    );
    expect(done.status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByText('1 of 3 work items done').isVisible()).toBe(true);
    const groups = page.getByTestId('state-groups');
    const completed = await groups
      .locator('div')
      .filter({ hasText: 'Completed' })
      .locator('dd')
      .textContent();
    const unstarted = await groups
      .locator('div')
      .filter({ hasText: 'Unstarted' })
      .locator('dd')
      .textContent();
    expect([completed, unstarted]).toEqual(['1', '2']);

    // The chart draws an ideal line and the actual line; today's row of its table says 2 items are open.
    const chart = page.getByTestId('burndown-chart');
    await expect.poll(() => chart.locator('path.recharts-line-curve').count()).toBe(2);
    const today = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${day(0)}T12:00:00Z`),
    );
    const row = page.getByRole('row', { name: new RegExp(`^${today} `) });
    expect((await row.locator('td').allTextContents())[0]).toBe('2');
    await reviewScreen(page, errors, 'cycle-detail');
  });

  it('lists cycles grouped by status, with their progress', async () => {
    const { page, errors, who } = owner;
    const draft = await v1(page, 'POST', `/workspaces/${who.slug}/projects/${project.id}/cycles/`, {
      name: 'Sprint 2',
    });
    expect(draft.status).toBe(201);
    await page.getByRole('link', { name: 'Cycles', exact: true }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: /^Current/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /^Draft/ }).isVisible()).toBe(true);
    const bar = page.getByRole('progressbar', { name: 'Progress of Sprint 1' });
    expect(await bar.getAttribute('aria-valuetext')).toBe('1 of 3 done (33%)');
    await reviewScreen(page, errors, 'cycles-list');
  });

  it('transfers the unfinished items once the cycle has ended, then archives and unarchives it', async () => {
    const { page, who } = owner;
    await page.goto(sprintUrl);
    await page.getByRole('button', { name: 'Edit cycle' }).click();
    const form = dialog(page, 'Edit Sprint 1');
    await form.getByLabel('Start date').fill(day(-6));
    await form.getByLabel('End date').fill(day(-1));
    await form.getByRole('button', { name: 'Save cycle' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Transfer unfinished items' }).isVisible())
      .toBe(true);
    // An ended cycle takes no more items.
    expect(await page.getByRole('button', { name: 'Add work items' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Transfer unfinished items' }).click();
    const transfer = dialog(page, 'Transfer unfinished work of Sprint 1');
    await expect.poll(() => transfer.getByText('2 work items are not done.').isVisible()).toBe(true);
    await transfer.getByLabel('Move them to').selectOption({ label: 'Sprint 2 (draft)' });
    await transfer.getByRole('button', { name: 'Transfer work items' }).click();
    await expect
      .poll(() => page.getByText('Moved the unfinished work items to Sprint 2').isVisible())
      .toBe(true);
    await expect.poll(() => itemNames(page, 'Work items of Sprint 1')).toEqual([items[0]!.name]);

    // The list view filters by cycle: Sprint 2 holds the two unfinished items.
    await page.goto(projectUrl(who, project, 'list'));
    await page.getByRole('button', { name: 'Filter by cycle' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Sprint 2' }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(async () =>
        (await page.getByRole('table').locator('tbody tr td:nth-child(2)').allTextContents()).sort(),
      )
      .toEqual([items[1]!.name, items[2]!.name].sort());

    await page.goto(sprintUrl);
    await page.getByRole('button', { name: 'Archive cycle' }).click();
    await dialog(page, 'Archive Sprint 1?').getByRole('button', { name: 'Archive cycle' }).click();
    await page.waitForURL(/\/cycles$/);
    await page.getByRole('button', { name: /Archived cycles/ }).click();
    await page.getByRole('button', { name: 'Unarchive Sprint 1' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Sprint 1' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /^Completed/ }).isVisible()).toBe(true);
  });
});
