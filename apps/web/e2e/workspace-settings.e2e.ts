import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reviewScreen } from './harness.ts';
import { closeOwner, newOwner, type Owner } from './work-helpers.ts';

let browser: Browser;
let owner: Owner;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newOwner(browser, 'wes', 'Wes Works');
});
afterAll(() => closeOwner(browser, owner));

const sidebar = () => owner.page.getByRole('navigation').first();

describe('workspace settings', () => {
  it('renames the workspace and changes its time zone, and says what is wrong with an empty name', async () => {
    const { page, errors, who } = owner;
    await page.goto(`/${who.slug}`);
    await sidebar().getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`**/${who.slug}/settings`);
    const name = page.getByLabel('Name', { exact: true });
    await expect.poll(() => name.inputValue()).toBe('Wes Works');
    await reviewScreen(page, errors, 'workspace-settings');

    await name.fill('  ');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('Name the workspace.').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');

    await name.fill('Wes Works Studio');
    await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/Lisbon');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('Workspace settings saved').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Wes Works Studio').first().isVisible()).toBe(true);
    const saved = await page.evaluate(
      async (slug) => (await fetch(`/api/workspaces/${slug}`)).json(),
      who.slug,
    );
    expect(saved).toMatchObject({ name: 'Wes Works Studio', timezone: 'Europe/Lisbon' });
    await page.reload();
    await expect.poll(() => page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Lisbon');
  });

  it('deletes the workspace only once its address is typed', async () => {
    const { page, who } = owner;
    await page.goto(`/${who.slug}/settings`);
    await page.getByRole('button', { name: 'Delete workspace…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Wes Works Studio?' });
    const confirm = dialog.getByRole('button', { name: 'Delete workspace' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(`Type ${who.slug} to confirm`).fill('wrong-slug');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(`Type ${who.slug} to confirm`).fill(who.slug);
    await confirm.click();
    // With no workspace left, the app asks for a new one.
    await page.waitForURL('**/new');
    const mine = await page.evaluate(async () => (await fetch('/api/workspaces')).json());
    expect(mine).toEqual([]);
  });
});
