import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchBrowser, reviewScreen } from './harness.ts';
import { newOwner } from './work-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('projects', () => {
  it('says what to do when there are none, creates one with a name and identifier, and lists it', async () => {
    const { context, page, errors, who } = await newOwner(browser, 'pia', 'Pia Studio');
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: 'Projects', exact: true })
      .click();
    await page.waitForURL(`**/${who.slug}/projects`);
    // The home page says "No projects yet" too: wait for the projects screen's own words.
    await expect.poll(() => page.getByText(/give it a name and a short identifier/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('No projects yet').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'projects-empty');

    await page.getByRole('button', { name: 'Create your first project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a project' });
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect.poll(() => dialog.getByText('Name the project').isVisible()).toBe(true);
    await dialog.getByLabel('Project name', { exact: true }).fill('Website relaunch');
    expect(await dialog.getByLabel('Identifier', { exact: true }).inputValue()).toBe('WR');
    await dialog.getByLabel('Identifier', { exact: true }).fill('web');
    expect(await dialog.getByLabel('Identifier', { exact: true }).inputValue()).toBe('WEB');
    await expect.poll(() => dialog.getByText('WEB-1').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'project-create');
    await dialog.getByRole('button', { name: 'Create project' }).click();

    // A new project opens on its empty board, with the default states as columns.
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/board$/);
    const board = page.getByTestId('board');
    await expect
      .poll(() => board.getByRole('heading').allTextContents())
      .toEqual(['Backlog0', 'Todo0', 'In Progress0', 'Done0', 'Cancelled0']);
    await expect.poll(() => page.title()).toBe('Board · Website relaunch · Pia Studio · Agency OS');

    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await page.waitForURL(`**/${who.slug}/projects`);
    const list = page.getByRole('list', { name: 'Projects' });
    await expect
      .poll(() => list.getByRole('link').allTextContents())
      .toEqual([expect.stringContaining('Website relaunch')]);
    expect(await list.textContent()).toContain('WEB');
    expect(await list.textContent()).toContain('1 member');
    await reviewScreen(page, errors, 'projects');

    // The identifier is the project's own: a second WEB is refused at that field.
    await page.getByRole('button', { name: 'New project' }).click();
    await dialog.getByLabel('Project name', { exact: true }).fill('Web shop');
    await dialog.getByLabel('Identifier', { exact: true }).fill('WEB');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect
      .poll(() => dialog.getByText('The project identifier is already taken').isVisible())
      .toBe(true);
    expect(await dialog.getByLabel('Identifier', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await closeAll(context);
  });

  it('jumps with g p, creates with c, and lists the shortcuts under ?', async () => {
    const { context, page, errors, who } = await newOwner(browser, 'quinn', 'Quinn Co');
    await expect.poll(() => page.getByRole('heading', { name: /Quinn/ }).isVisible()).toBe(true);
    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await page.waitForURL(`**/${who.slug}/projects`);
    await expect.poll(() => page.getByText('No projects yet').isVisible()).toBe(true);

    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Create a project' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Project name', { exact: true }).fill('Brand book');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/board$/);

    await page.keyboard.press('Shift+?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.isVisible()).toBe(true);
    const text = await help.textContent();
    for (const label of [
      'Create work item',
      'Go to projects',
      'Filter work items',
      'Show keyboard shortcuts',
    ])
      expect(text).toContain(label);
    await reviewScreen(page, errors, 'shortcuts-help');
    await page.keyboard.press('Escape');

    // The palette offers the screen's commands too.
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search screens, workspaces and actions' });
    await search.fill('create work');
    expect((await page.getByRole('option').allTextContents())[0]).toBe('Create work item');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('dialog', { name: 'New work item in Brand book' }).isVisible())
      .toBe(true);
    await closeAll(context);
  });
});
