import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reviewScreen } from './harness.ts';
import { projectUrl } from './plan-helpers.ts';
import { createItem, createProject, newOwner, v1, type ItemRef, type ProjectRef } from './work-helpers.ts';

let browser: Browser;
let owner: Awaited<ReturnType<typeof newOwner>>;
let project: ProjectRef;
let launch: ItemRef;
let copy: ItemRef;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newOwner(browser, 'rel', 'Rel Relations Co');
  const { page, who } = owner;
  project = await createProject(page, who, 'Product launch', 'REL');
  launch = await createItem(page, who, project, { name: 'Publish the launch post' });
  copy = await createItem(page, who, project, { name: 'Approve the final copy' });
});
afterAll(async () => {
  await owner?.context.close();
  await browser?.close();
});

describe('relations on the work item page', () => {
  it('adds a "blocked by" relation through search, seen from both items, and removes it', async () => {
    const { page, errors, who } = owner;
    await page.goto(projectUrl(who, project, `items/${launch.id}`));
    const section = page.getByRole('region', { name: 'Relations' });
    await expect.poll(() => section.getByText('No relations yet.').isVisible()).toBe(true);
    await section.getByLabel('Relation', { exact: true }).selectOption('blocked_by');
    await section.getByLabel('Find a work item to relate').fill('final copy');
    await section.getByRole('button', { name: /Approve the final copy/ }).click();
    const blockedBy = section.getByRole('list', { name: 'Blocked by' });
    await expect
      .poll(() => blockedBy.getByRole('link').allTextContents())
      .toEqual(['Approve the final copy']);
    expect(await blockedBy.textContent()).toContain('REL-2');
    await reviewScreen(page, errors, 'work-item-relations');

    // The other end reads it the other way round.
    await blockedBy.getByRole('link', { name: 'Approve the final copy' }).click();
    await page.waitForURL(`**/items/${copy.id}`);
    const other = page.getByRole('region', { name: 'Relations' }).getByRole('list', { name: 'Blocks' });
    await expect.poll(() => other.getByRole('link').allTextContents()).toEqual(['Publish the launch post']);

    await other.getByRole('button', { name: /Remove relation: blocks REL-1/ }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Relations' }).getByText('No relations yet.').isVisible())
      .toBe(true);
    const stored = await v1<Record<string, unknown[]>>(
      page,
      'GET',
      `/workspaces/${who.slug}/projects/${project.id}/work-items/${launch.id}/relations/`,
    );
    expect(stored.body.blocked_by).toEqual([]);
  });
});
