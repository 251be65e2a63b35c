import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewScreen } from './harness.ts';
import { projectUrl } from './plan-helpers.ts';
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
let moduleUrl: string;

beforeAll(async () => {
  ({ browser, owner, project, stateNamed } = await ownerWithProject('mo', 'Mo Modules Co', {
    name: 'Checkout rebuild',
    identifier: 'MOD',
  }));
  const { page, who } = owner;
  items = [];
  for (const name of ['Cart page', 'Payment form', 'Order e-mail'])
    items.push(await createItem(page, who, project, { name }));
});
afterAll(() => closeOwner(browser, owner));

const itemNames = (page: Page, list: string) =>
  page.getByRole('list', { name: list }).locator('li a').allTextContents();

describe('modules', () => {
  it('offers to turn modules on, then creates one with a lead', async () => {
    const { page, errors } = owner;
    await page.goto(projectUrl(owner.who, project, 'modules'));
    await expect.poll(() => page.getByText('Modules are off for this project').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Turn on modules' }).click();
    await expect.poll(() => page.getByText('No modules yet').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'modules-empty');

    await page.getByRole('button', { name: 'New module' }).click();
    const form = page.getByRole('dialog', { name: 'New module' });
    await form.getByRole('button', { name: 'Create module' }).click();
    await expect
      .poll(() => form.getByText('Name the module, e.g. “Checkout redesign”.').isVisible())
      .toBe(true);
    await form.getByLabel('Name').fill('Payments');
    await form.getByLabel('Lead').selectOption({ label: 'Mo Example' });
    await form.getByRole('button', { name: 'Create module' }).click();
    await page.waitForURL(/\/modules\/[0-9a-f-]{36}$/);
    moduleUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { name: 'Payments', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByLabel('Lead').inputValue()).not.toBe('');
    expect(await page.getByLabel('Status').inputValue()).toBe('planned');
  });

  it('adds work items, changes status and members, and shows progress', async () => {
    const { page, errors, who } = owner;
    await page.getByRole('button', { name: 'Add work items' }).click();
    const picker = page.getByRole('dialog', { name: 'Add work items to Payments' });
    await picker.getByRole('checkbox', { name: /Cart page/ }).check();
    await picker.getByRole('checkbox', { name: /Payment form/ }).check();
    await picker.getByRole('button', { name: 'Add 2 work items' }).click();
    await expect
      .poll(async () => (await itemNames(page, 'Work items of Payments')).sort())
      .toEqual(['Cart page', 'Payment form']);

    await page.getByLabel('Status').selectOption('in-progress');
    await expect.poll(() => page.getByText('Status: In progress').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Choose module members' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Mo Example' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('module-members').textContent()).toBe('Mo Example');

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
    await expect.poll(() => page.getByText('1 of 2 work items done').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'module-detail');

    const stored = await v1<{ status: string; members: string[]; lead: string }>(
      page,
      'GET',
      `/workspaces/${who.slug}/projects/${project.id}/modules/${moduleUrl.split('/').pop()}/`,
    );
    expect(stored.body.status).toBe('in-progress');
    expect(stored.body.members).toEqual([stored.body.lead]);
  });

  it('lists modules with status and progress, and filters the list view by module', async () => {
    const { page, errors, who } = owner;
    await page.goto(projectUrl(who, project, 'modules'));
    const bar = page.getByRole('progressbar', { name: 'Progress of Payments' });
    await expect.poll(() => bar.getAttribute('aria-valuetext')).toBe('1 of 2 done (50%)');
    await expect
      .poll(() => page.getByRole('list', { name: 'Modules' }).getByText('In progress').isVisible())
      .toBe(true);
    // The lead's name comes from the project's people, a query of its own.
    await expect.poll(() => page.getByText('Led by Mo Example').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'modules-list');

    await page.goto(projectUrl(who, project, 'list'));
    await page.getByRole('button', { name: 'Filter by module' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Payments' }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(async () =>
        (await page.getByRole('table').locator('tbody tr td:nth-child(2)').allTextContents()).sort(),
      )
      .toEqual(['Cart page', 'Payment form']);
  });

  it('takes an item out, archives a completed module and brings it back', async () => {
    const { page } = owner;
    await page.goto(moduleUrl);
    await page.getByRole('button', { name: 'Remove MOD-2 Payment form' }).click();
    await expect.poll(() => itemNames(page, 'Work items of Payments')).toEqual(['Cart page']);
    expect(await page.getByRole('button', { name: 'Archive module' }).count()).toBe(0);
    await page.getByLabel('Status').selectOption('completed');
    await page.getByRole('button', { name: 'Archive module' }).click();
    await page
      .getByRole('dialog', { name: 'Archive Payments?' })
      .getByRole('button', { name: 'Archive module' })
      .click();
    await page.waitForURL(/\/modules$/);
    await expect.poll(() => page.getByText('No modules yet').isVisible()).toBe(true);
    await page.getByRole('button', { name: /Archived modules/ }).click();
    await page.getByRole('button', { name: 'Unarchive Payments' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Payments' }).isVisible()).toBe(true);
  });
});
