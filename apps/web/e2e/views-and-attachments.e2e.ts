import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewScreen } from './harness.ts';
import {
  closeOwner,
  createItem,
  ownerWithProject,
  v1,
  type ItemRef,
  type Owner,
  type ProjectRef,
} from './work-helpers.ts';

let browser: Browser;
let owner: Owner;
let project: ProjectRef;
let poster: ItemRef;

beforeAll(async () => {
  ({ browser, owner, project } = await ownerWithProject('vera', 'Vera Views Co', {
    name: 'Autumn launch',
    identifier: 'AUT',
  }));
  const { page, who } = owner;
  poster = await createItem(page, who, project, { name: 'Print the poster', priority: 'urgent' });
  await createItem(page, who, project, { name: 'Order the flyers', priority: 'high' });
  await createItem(page, who, project, { name: 'Tidy the archive', priority: 'low' });
});
afterAll(() => closeOwner(browser, owner));

const rows = (page: Page) => page.getByRole('table').locator('tbody tr td:nth-child(2)').allTextContents();
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
const listUrl = () => `/${owner.who.slug}/projects/${project.id}/list`;

describe('saved views of the list', () => {
  it('saves the filters, order and grouping as a view that brings them back', async () => {
    const { page, errors, who } = owner;
    await page.goto(listUrl());
    await expect.poll(() => rows(page)).toHaveLength(3);
    await page.getByRole('button', { name: 'Filter by priority' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Urgent' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'High' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Sort', { exact: true }).selectOption('name');
    await expect.poll(() => rows(page)).toEqual(['Order the flyers', 'Print the poster']);

    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Save as a new view…' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Hot items');
    await page.getByRole('button', { name: 'Save view' }).click();
    await expect.poll(() => param(page, 'view')).not.toBe(null);
    const views = await v1<{ results: Array<{ name: string; filters: object; order_by: string }> }>(
      page,
      'GET',
      `/workspaces/${who.slug}/projects/${project.id}/views/`,
    );
    expect(views.body.results).toMatchObject([
      { name: 'Hot items', filters: { priority: ['urgent', 'high'] }, order_by: 'name' },
    ]);

    // A bare list, then the view from the menu: its filters and order come back.
    await page.goto(listUrl());
    await expect.poll(() => rows(page)).toHaveLength(3);
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Hot items' }).click();
    await expect.poll(() => rows(page)).toEqual(['Order the flyers', 'Print the poster']);
    expect(param(page, 'priority')).toBe('urgent,high');
    expect(param(page, 'order_by')).toBe('name');
    await reviewScreen(page, errors, 'work-item-list-saved-view');
  });

  it('updates the view after a change, then deletes it', async () => {
    const { page, who } = owner;
    await page.goto(listUrl());
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Hot items' }).click();
    await expect.poll(() => rows(page)).toHaveLength(2);
    await page.getByLabel('Group by', { exact: true }).selectOption('priority');
    const toolbar = page.getByRole('toolbar', { name: 'Filters and display' });
    await expect.poll(() => toolbar.textContent()).toContain('Hot items (changed)');
    await page.getByRole('button', { name: 'Update “Hot items”' }).click();
    await expect.poll(() => toolbar.textContent()).not.toContain('(changed)');
    const path = `/workspaces/${who.slug}/projects/${project.id}/views/`;
    const saved = await v1<{ results: Array<{ display: { group_by: string } }> }>(page, 'GET', path);
    expect(saved.body.results[0]?.display.group_by).toBe('priority');

    await page.getByRole('button', { name: 'Delete the view Hot items' }).click();
    await page.getByRole('button', { name: 'Delete view' }).click();
    await expect.poll(() => param(page, 'view')).toBe(null);
    expect((await v1<{ results: unknown[] }>(page, 'GET', path)).body.results).toEqual([]);
    await page.getByRole('button', { name: 'Saved views' }).click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(['Save as a new view…']);
  });
});

describe('attachments of a work item', () => {
  const itemUrl = () => `/${owner.who.slug}/projects/${project.id}/items/${poster.id}`;
  const attachments = (page: Page) => page.getByRole('list', { name: 'Attachments' });

  it('uploads files, which download with their content and show in the history', async () => {
    const { page, errors } = owner;
    await page.goto(itemUrl());
    await expect
      .poll(() => page.getByText('No files yet. Attach one, or drop files here.').isVisible())
      .toBe(true);
    await page.getByLabel('Attach files').setInputFiles([
      { name: 'poster-brief.txt', mimeType: 'text/plain', buffer: Buffer.from('A2, matte, two colours.') },
      { name: 'sizes.csv', mimeType: 'text/csv', buffer: Buffer.from('a2,420,594\n') },
    ]);
    await expect
      .poll(() => attachments(page).getByRole('link').allTextContents())
      .toEqual(expect.arrayContaining(['poster-brief.txt', 'sizes.csv']));
    expect(await attachments(page).textContent()).toContain('23 bytes');

    // The link answers with a short-lived download link to the very bytes uploaded.
    const href = await attachments(page).getByRole('link', { name: 'poster-brief.txt' }).getAttribute('href');
    const body = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(body).toBe('A2, matte, two colours.');
    await expect
      .poll(() => page.getByRole('list', { name: 'Activity' }).textContent())
      .toContain('attached poster-brief.txt');
    await reviewScreen(page, errors, 'work-item-attachments');
  });

  it('says why a file type is refused, and removes a file', async () => {
    const { page } = owner;
    await page.goto(itemUrl());
    await expect.poll(() => attachments(page).getByRole('link').count()).toBe(2);
    await page.getByLabel('Attach files').setInputFiles({
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<script>alert(1)</script>'),
    });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('page.html was not attached: Invalid file type.');
    expect(await attachments(page).getByRole('link').count()).toBe(2);

    await page.getByRole('button', { name: 'Remove attachment sizes.csv' }).click();
    await expect
      .poll(() => attachments(page).getByRole('link').allTextContents())
      .toEqual(['poster-brief.txt']);
    await expect
      .poll(() => page.getByRole('list', { name: 'Activity' }).textContent())
      .toContain('removed the attachment sizes.csv');
    await page.reload();
    await expect
      .poll(() => attachments(page).getByRole('link').allTextContents())
      .toEqual(['poster-brief.txt']);
  });
});
