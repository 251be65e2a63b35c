import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseURL,
  closeAll,
  createWorkspace,
  launchBrowser,
  newIdentity,
  newPerson,
  reviewScreen,
  signUp,
} from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const meWith = (token: string) => fetch(`${baseURL()}/api/me`, { headers: { 'x-api-key': token } });

describe('profile and API tokens', () => {
  const dana = newIdentity('dana');

  it('creates a token shown once with a copy button, which works until it is revoked', async () => {
    const { context, page, errors } = await newPerson(browser);
    await signUp(page, dana);
    await page.waitForURL('**/new');
    await createWorkspace(page, 'Dana Digital', dana.slug);

    await page.getByRole('link', { name: dana.name }).click();
    await page.waitForURL('**/me');
    await expect.poll(() => page.getByText('No API tokens').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'profile');

    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API token' });
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => form.getByText('Name the token after where it is used').isVisible()).toBe(true);
    await form.getByLabel('Name', { exact: true }).fill('CI deploys');
    await form.getByLabel('Workspace access', { exact: true }).selectOption(dana.slug);
    await reviewScreen(page, errors, 'api-token-create');
    await form.getByRole('button', { name: 'Create token' }).click();

    const shown = page.getByRole('dialog', { name: 'Copy your new token' });
    await expect.poll(() => shown.isVisible()).toBe(true);
    const token = (await shown.getByTestId('new-token').textContent())!;
    expect(token).toMatch(/^plane_api_[0-9a-f]{32}$/);
    await shown.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expect
      .poll(() => shown.getByRole('button', { name: 'Copied', exact: true }).isVisible())
      .toBe(true);
    await reviewScreen(page, errors, 'api-token-created');
    await shown.getByRole('button', { name: 'I have copied it' }).click();

    // The token acts as Dana, only in her workspace; the list shows it without its value.
    const viaToken = await meWith(token);
    expect(viaToken.status).toBe(200);
    const body = (await viaToken.json()) as { user: { email: string }; workspaces: Array<{ slug: string }> };
    expect(body.user.email).toBe(dana.email);
    expect(body.workspaces.map((w) => w.slug)).toEqual([dana.slug]);
    const list = page.getByRole('list', { name: 'API tokens' });
    await expect.poll(() => list.getByText('CI deploys').isVisible()).toBe(true);
    expect(await list.textContent()).toContain(`plane_api_…${token.slice(-4)}`);
    expect(await list.textContent()).not.toContain(token);
    expect(await list.textContent()).toContain('Dana Digital');

    await page.reload();
    await expect.poll(() => list.getByText('Used just now').isVisible()).toBe(true);
    expect(await page.getByTestId('new-token').count()).toBe(0);

    await list.getByRole('button', { name: 'Revoke CI deploys' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke “CI deploys”?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await expect.poll(() => page.getByText('No API tokens').isVisible()).toBe(true);
    const revoked = await meWith(token);
    expect(revoked.status).toBe(403);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('INVALID_API_KEY');
    await closeAll(context);
  });

  it('saves a new name, shown at once in the sidebar', async () => {
    const { context, page, errors } = await newPerson(browser);
    await page.goto('/login');
    await page.getByLabel('E-mail', { exact: true }).fill(dana.email);
    await page.getByLabel('Password', { exact: true }).fill(dana.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/${dana.slug}`);
    await page.goto('/me');
    await page.getByLabel('Name', { exact: true }).fill('Dana Scully');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByText('Profile saved').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: 'Dana Scully' }).isVisible()).toBe(true);
    await reviewScreen(page, errors, 'profile-saved');
    await closeAll(context);
  });

  it('keeps working on a small laptop screen: the sidebar becomes a drawer', async () => {
    const { context, page, errors } = await newPerson(browser);
    await page.setViewportSize({ width: 960, height: 640 });
    await page.goto('/login');
    await page.getByLabel('E-mail', { exact: true }).fill(dana.email);
    await page.getByLabel('Password', { exact: true }).fill(dana.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/${dana.slug}`);
    const sidebarNav = page.getByRole('navigation', { name: 'Workspace' });
    await expect.poll(() => page.getByRole('button', { name: 'Open navigation' }).isVisible()).toBe(true);
    expect(await sidebarNav.isVisible()).toBe(false);
    await reviewScreen(page, errors, 'workspace-home-small');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect.poll(() => sidebarNav.isVisible()).toBe(true);
    await sidebarNav.getByRole('link', { name: 'Audit trail' }).click();
    await page.waitForURL(`**/${dana.slug}/activity`);
    await expect.poll(() => sidebarNav.isVisible()).toBe(false);
    await closeAll(context);
  });
  it('creates a second workspace from the switcher and switches between the two', async () => {
    const { context, page, errors } = await newPerson(browser);
    await page.goto('/login');
    await page.getByLabel('E-mail', { exact: true }).fill(dana.email);
    await page.getByLabel('Password', { exact: true }).fill(dana.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/${dana.slug}`);

    const switcher = page.getByRole('button', { name: 'Current workspace: Dana Digital' });
    await switcher.click();
    const menu = page.getByRole('menu', { name: 'Switch workspace' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
      .toBe('menuitem');
    await reviewScreen(page, errors, 'workspace-switcher');
    await menu.getByRole('menuitem', { name: 'Create workspace' }).click();
    await page.waitForURL('**/new');
    await createWorkspace(page, 'Second Client', `${dana.slug}-two`);

    await page.getByRole('button', { name: 'Current workspace: Second Client' }).click();
    await page.keyboard.press('ArrowDown');
    expect(await menu.getByRole('menuitem').count()).toBe(3);
    expect(await menu.getByRole('menuitem', { name: 'Dana Digital Owner' }).count()).toBe(1);
    expect(await menu.getByRole('menuitem', { name: 'Second Client Owner current' }).count()).toBe(1);
    await menu.getByRole('menuitem', { name: /Dana Digital/ }).click();
    await page.waitForURL(`**/${dana.slug}`);
    await expect
      .poll(() => page.getByRole('button', { name: 'Current workspace: Dana Digital' }).isVisible())
      .toBe(true);
    await closeAll(context);
  });
});
