import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewScreen } from './harness.ts';
import {
  createItem,
  getItem,
  closeOwner,
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
let labelId: string;
let meId: string;
let brief: ItemRef;

beforeAll(async () => {
  ({ browser, owner, project, stateNamed } = await ownerWithProject('lia', 'Lia List Co', {
    name: 'Spring campaign',
    identifier: 'LST',
  }));
  const { page, who } = owner;
  meId = (await v1<{ id: string }>(page, 'GET', '/users/me/')).body.id;
  labelId = (
    await v1<{ id: string }>(page, 'POST', `/workspaces/${who.slug}/projects/${project.id}/labels/`, {
      name: 'bug',
      color: '#ef4444',
    })
  ).body.id;
  brief = await createItem(page, who, project, {
    name: 'Write the brief',
    priority: 'high',
    state: stateNamed('Todo').id,
    labels: [labelId],
    assignees: [meId],
  });
  await createItem(page, who, project, { name: 'Book the venue', priority: 'low' });
  await createItem(page, who, project, {
    name: 'Fix the landing page',
    priority: 'urgent',
    state: stateNamed('In Progress').id,
  });
});
afterAll(() => closeOwner(browser, owner));

const rows = (page: Page) => page.getByRole('table').locator('tbody tr td:nth-child(2)').allTextContents();
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
const listUrl = () => `/${owner.who.slug}/projects/${project.id}/list`;

async function tick(page: Page, filter: string, option: string) {
  await page.getByRole('button', { name: `Filter by ${filter}` }).click();
  await page.getByRole('menuitemcheckbox', { name: option }).click();
  await page.keyboard.press('Escape');
}

describe('the list view', () => {
  it('shows rows with their properties, newest first', async () => {
    const { page, errors } = owner;
    await page.goto(listUrl());
    await expect
      .poll(() => rows(page))
      .toEqual(['Fix the landing page', 'Book the venue', 'Write the brief']);
    const first = page.getByRole('row').filter({ hasText: 'Write the brief' });
    const text = await first.textContent();
    for (const part of ['LST-1', 'Todo', 'High', 'bug', 'Assigned to Lia Example'])
      expect(text).toContain(part);
    await reviewScreen(page, errors, 'work-item-list');
  });

  it('filters by priority, and the URL says so', async () => {
    const { page } = owner;
    await page.goto(listUrl());
    await tick(page, 'priority', 'High');
    await expect.poll(() => param(page, 'priority')).toBe('high');
    await expect.poll(() => rows(page)).toEqual(['Write the brief']);
    await tick(page, 'priority', 'Urgent');
    await expect.poll(() => param(page, 'priority')).toBe('high,urgent');
    await expect.poll(() => rows(page)).toEqual(['Fix the landing page', 'Write the brief']);
    // The URL alone brings the same list back.
    await page.reload();
    await expect.poll(() => rows(page)).toEqual(['Fix the landing page', 'Write the brief']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => param(page, 'priority')).toBe(null);
    await expect.poll(() => rows(page)).toHaveLength(3);
  });

  it('filters by state', async () => {
    const { page } = owner;
    await page.goto(listUrl());
    await tick(page, 'state', 'In Progress');
    await expect.poll(() => param(page, 'state')).toBe(stateNamed('In Progress').id);
    await expect.poll(() => rows(page)).toEqual(['Fix the landing page']);
  });

  it('filters by label', async () => {
    const { page } = owner;
    await page.goto(listUrl());
    await tick(page, 'label', 'bug');
    await expect.poll(() => param(page, 'labels')).toBe(labelId);
    await expect.poll(() => rows(page)).toEqual(['Write the brief']);
  });

  it('filters by assignee', async () => {
    const { page } = owner;
    await page.goto(listUrl());
    await tick(page, 'assignee', 'Lia Example');
    await expect.poll(() => param(page, 'assignees')).toBe(meId);
    await expect.poll(() => rows(page)).toEqual(['Write the brief']);
  });

  it('filters by name after / focuses the filter box', async () => {
    const { page } = owner;
    await page.goto(listUrl());
    await expect.poll(() => rows(page)).toHaveLength(3);
    await page.keyboard.press('/');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Filter work items by name');
    await page.keyboard.type('venue');
    await expect.poll(() => param(page, 'search')).toBe('venue');
    await expect.poll(() => rows(page)).toEqual(['Book the venue']);
  });

  it('groups by state and sorts by priority', async () => {
    const { page, errors } = owner;
    await page.goto(listUrl());
    await page.getByLabel('Sort', { exact: true }).selectOption('priority');
    await expect.poll(() => param(page, 'order_by')).toBe('priority');
    await expect
      .poll(() => rows(page))
      .toEqual(['Fix the landing page', 'Write the brief', 'Book the venue']);
    await page.getByLabel('Group by', { exact: true }).selectOption('state');
    await expect.poll(() => param(page, 'group')).toBe('state');
    const headers = page.getByRole('columnheader').filter({ hasText: /^(Backlog|Todo|In Progress)/ });
    await expect.poll(() => headers.allTextContents()).toEqual(['Backlog 1', 'Todo 1', 'In Progress 1']);
    await reviewScreen(page, errors, 'work-item-list-grouped');
  });
});

describe('the work item page', () => {
  it('edits a property inline, comments, adds a sub-item and a link, and shows each change in the activity', async () => {
    const { page, errors, who } = owner;
    await page.goto(listUrl());
    await page.getByRole('link', { name: 'Write the brief' }).click();
    await page.waitForURL(`**/items/${brief.id}`);
    await expect.poll(() => page.getByLabel('Work item name').inputValue()).toBe('Write the brief');
    await expect
      .poll(() => page.title())
      .toBe('LST-1 Write the brief · Spring campaign · Lia List Co · Agency OS');
    const activity = page.getByRole('list', { name: 'Activity' });
    await expect.poll(() => activity.textContent()).toContain('Lia Example created the work item');
    await reviewScreen(page, errors, 'work-item');

    // A property: the priority, saved at once and written to the history.
    await page.getByLabel('Priority', { exact: true }).selectOption('urgent');
    await expect.poll(() => activity.textContent()).toContain('changed the priority from High to Urgent');
    expect((await getItem(page, who, project, brief.id)).priority).toBe('urgent');
    await page.getByLabel('State', { exact: true }).selectOption({ label: 'In Progress' });
    await expect.poll(() => activity.textContent()).toContain('changed the state from Todo to In Progress');

    // The description, in the small editor.
    await page.getByRole('button', { name: 'Add a description' }).click();
    const editor = page.getByRole('textbox', { name: 'Description' });
    await editor.click();
    await page.keyboard.type('Two pages, friendly tone.');
    await page.getByRole('button', { name: 'Save description' }).click();
    await expect.poll(() => page.getByText('Two pages, friendly tone.').isVisible()).toBe(true);
    await expect.poll(() => activity.textContent()).toContain('updated the description');

    // A comment.
    await page.getByLabel('Comment', { exact: true }).fill('Looks good <b>so far</b>');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comments = page.getByRole('list', { name: 'Comments' });
    // Typed text stays text: the markup is shown, not applied.
    await expect.poll(() => comments.textContent()).toContain('Looks good <b>so far</b>');
    expect(await comments.locator('b').count()).toBe(0);
    expect(await comments.textContent()).toContain('Lia Example');

    // A sub-item.
    await page.getByLabel('Name of a new sub-item').fill('Check the spelling');
    await page.keyboard.press('Enter');
    const subItems = page.getByRole('list', { name: 'Sub-items' });
    await expect.poll(() => subItems.textContent()).toContain('LST-4Check the spelling');
    const children = await v1<{ results: ItemRef[] }>(
      page,
      'GET',
      `/workspaces/${who.slug}/projects/${project.id}/work-items/?per_page=100`,
    );
    expect(children.body.results.find((i) => i.name === 'Check the spelling')?.parent).toBe(brief.id);

    // A link, added and removed.
    await page.getByLabel('Link URL').fill('https://example.com/brief');
    await page.getByLabel('Link title (optional)').fill('Brief draft');
    await page.getByRole('button', { name: 'Add link' }).click();
    const links = page.getByRole('list', { name: 'Links' });
    await expect
      .poll(() => links.getByRole('link', { name: 'Brief draft' }).getAttribute('href'))
      .toBe('https://example.com/brief');
    await reviewScreen(page, errors, 'work-item-edited');
    await page.getByRole('button', { name: 'Remove link Brief draft' }).click();
    await expect.poll(() => links.count()).toBe(0);

    // All of it is still there after a reload.
    await page.reload();
    await expect.poll(() => page.getByLabel('Priority', { exact: true }).inputValue()).toBe('urgent');
    await expect.poll(() => page.getByText('Two pages, friendly tone.').isVisible()).toBe(true);
    await expect.poll(() => comments.textContent()).toContain('Looks good');
    await expect.poll(() => subItems.textContent()).toContain('Check the spelling');
  });

  it('opens the sub-item from its parent and shows where it belongs', async () => {
    const { page } = owner;
    await page.goto(`/${owner.who.slug}/projects/${project.id}/items/${brief.id}`);
    await page
      .getByRole('list', { name: 'Sub-items' })
      .getByRole('link', { name: 'Check the spelling' })
      .click();
    await expect.poll(() => page.getByLabel('Work item name').inputValue()).toBe('Check the spelling');
    expect(await page.getByRole('link', { name: 'its parent' }).getAttribute('href')).toContain(brief.id);
  });
});
