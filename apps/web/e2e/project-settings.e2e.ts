import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reviewScreen } from './harness.ts';
import { joinWorkspace, projectUrl } from './plan-helpers.ts';
import {
  createItem,
  createProject,
  getItem,
  newOwner,
  v1,
  type ItemRef,
  type ProjectRef,
} from './work-helpers.ts';

let browser: Browser;
let owner: Awaited<ReturnType<typeof newOwner>>;
let bob: Awaited<ReturnType<typeof joinWorkspace>>;
let project: ProjectRef;
let item: ItemRef;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newOwner(browser, 'sue', 'Sue Settings Co');
  project = await createProject(owner.page, owner.who, 'Brand refresh', 'SET');
  item = await createItem(owner.page, owner.who, project, { name: 'Pick the typeface' });
  bob = await joinWorkspace(browser, owner.page, owner.who, 'bob');
});
afterAll(async () => {
  await Promise.all([owner?.context.close(), bob?.context.close()]);
  await browser?.close();
});

const projectPath = () => `/workspaces/${owner.who.slug}/projects/${project.id}/`;

describe('project settings', () => {
  it('renames the project', async () => {
    const { page, errors } = owner;
    await page.goto(projectUrl(owner.who, project, 'board'));
    // The project's own Settings tab, not the workspace's Settings in the sidebar.
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 1 }).isVisible()).toBe(true);
    await reviewScreen(page, errors, 'project-settings');
    const name = page.getByLabel('Project name');
    await name.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByText('A project needs a name, e.g. “Website relaunch”.').isVisible())
      .toBe(true);
    await name.fill('Brand refresh 2027');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByText('Brand refresh 2027', { exact: true }).first().isVisible())
      .toBe(true);
    expect((await v1<{ name: string }>(page, 'GET', projectPath())).body.name).toBe('Brand refresh 2027');
  });

  it('switches cycles, modules and time tracking on and off', async () => {
    const { page } = owner;
    for (const feature of ['Cycles', 'Modules', 'Time tracking']) {
      const toggle = page.getByRole('switch', { name: feature });
      expect(await toggle.getAttribute('aria-checked')).toBe('false');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    }
    const stored = await v1<Record<string, boolean>>(page, 'GET', projectPath());
    expect([stored.body.cycle_view, stored.body.module_view, stored.body.is_time_tracking_enabled]).toEqual([
      true,
      true,
      true,
    ]);
    await page.getByRole('switch', { name: 'Modules' }).click();
    await expect
      .poll(() => page.getByRole('switch', { name: 'Modules' }).getAttribute('aria-checked'))
      .toBe('false');
    // With modules off, the Modules tab offers to turn them back on.
    await page.getByRole('link', { name: 'Modules' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Turn on modules' }).isVisible()).toBe(true);
  });

  it('adds a workspace member to the project, who can then be assigned work', async () => {
    const { page, errors } = owner;
    await page.goto(projectUrl(owner.who, project, 'settings'));
    const members = page.getByRole('list', { name: 'Project members' });
    await expect.poll(() => members.getByRole('listitem').count()).toBe(1);
    const form = page.getByRole('form', { name: 'Add a project member' });
    await form.getByLabel('Workspace member').selectOption({ label: `${bob.who.name} (${bob.who.email})` });
    await form.getByLabel('Project role').selectOption('15');
    await form.getByRole('button', { name: 'Add to project' }).click();
    await expect.poll(() => members.getByRole('listitem').count()).toBe(2);
    expect(await members.textContent()).toContain(bob.who.email);
    // Everyone in the workspace is now in the project.
    await expect
      .poll(() =>
        page.getByText('Everyone in the workspace is in this project.', { exact: false }).isVisible(),
      )
      .toBe(true);
    await reviewScreen(page, errors, 'project-settings-members');

    // Bob shows up among the people a work item can be assigned to.
    await page.goto(projectUrl(owner.who, project, `items/${item.id}`));
    await page.getByRole('button', { name: 'Change assignees' }).click();
    await page.getByRole('menuitemcheckbox', { name: bob.who.name }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(
        async () =>
          ((await getItem(page, owner.who, project, item.id)) as ItemRef & { assignees: string[] }).assignees,
      )
      .toEqual([bob.id]);

    // And Bob, in his own browser, now has the project and his assigned item.
    await bob.page.goto(projectUrl(owner.who, project, 'list'));
    await expect.poll(() => bob.page.getByRole('link', { name: 'Pick the typeface' }).isVisible()).toBe(true);
    await expect.poll(() => bob.page.getByText(`Assigned to ${bob.who.name}`).count()).toBe(1);
  });

  it("changes a member's project role and removes them, and both last after a reload", async () => {
    const { page, errors } = owner;
    await page.goto(projectUrl(owner.who, project, 'settings'));
    const members = page.getByRole('list', { name: 'Project members' });
    const bobsRole = members.getByLabel(`Project role of ${bob.who.name}`);
    await expect.poll(() => bobsRole.inputValue()).toBe('15');
    await bobsRole.selectOption('5');
    await expect.poll(() => page.getByText(`${bob.who.name} is now Guest`).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => bobsRole.inputValue()).toBe('5');
    await reviewScreen(page, errors, 'project-settings-roles');

    await members.getByRole('button', { name: `Remove ${bob.who.name} from the project` }).click();
    await expect.poll(() => members.getByRole('listitem').count()).toBe(1);
    await page.reload();
    await expect.poll(() => members.getByRole('listitem').count()).toBe(1);
    expect(await members.textContent()).not.toContain(bob.who.email);
  });

  it('creates a points estimate whose value a work item takes and keeps after a reload', async () => {
    const { page, errors } = owner;
    await page.goto(projectUrl(owner.who, project, 'settings'));
    const form = page.getByRole('form', { name: 'Create an estimate' });
    await expect.poll(() => form.isVisible()).toBe(true);
    await form.getByLabel('Type').selectOption('points');
    await form.getByLabel('Values').fill('1, 2, 3, 4');
    await form.getByRole('button', { name: 'Create estimate' }).click();
    const values = page.getByRole('list', { name: 'Estimate values' });
    await expect.poll(() => values.getByRole('listitem').count()).toBe(4);
    // Fix a value in place, and add one at the end.
    await values.getByLabel('Value 4').fill('5');
    await values.getByLabel('Value 4').press('Enter');
    await page.getByLabel('New value').fill('8');
    await page.getByRole('button', { name: 'Add value' }).click();
    await expect.poll(() => values.getByRole('listitem').count()).toBe(5);
    await reviewScreen(page, errors, 'project-settings-estimate');

    const estimates = `${projectPath()}estimates/`;
    const estimate = (await v1<{ id: string; type: string }>(page, 'GET', estimates)).body;
    expect(estimate.type).toBe('points');
    const points = async () =>
      (
        await v1<Array<{ id: string; value: string }>>(
          page,
          'GET',
          `${estimates}${estimate.id}/estimate-points/`,
        )
      ).body;
    await expect.poll(async () => (await points()).map((p) => p.value)).toEqual(['1', '2', '3', '5', '8']);
    expect((await v1<{ estimate: string }>(page, 'GET', projectPath())).body.estimate).toBe(estimate.id);
    const five = (await points()).find((p) => p.value === '5')!;

    // The work item page now offers the estimate's points.
    await page.goto(projectUrl(owner.who, project, `items/${item.id}`));
    const picker = page.getByLabel('Estimate', { exact: true });
    await expect.poll(() => picker.isVisible()).toBe(true);
    await picker.selectOption({ label: '5 points' });
    await expect
      .poll(
        async () =>
          ((await getItem(page, owner.who, project, item.id)) as { estimate_point?: string }).estimate_point,
      )
      .toBe(five.id);
    await page.reload();
    await expect.poll(() => page.getByLabel('Estimate', { exact: true }).inputValue()).toBe(five.id);
    expect(await page.getByLabel('Estimate', { exact: true }).locator('option:checked').textContent()).toBe(
      '5 points',
    );
    await reviewScreen(page, errors, 'work-item-estimate');
  });

  it('lets a project member change the estimate, as the API does, but not the project admin settings', async () => {
    const added = await v1(owner.page, 'POST', `${projectPath()}members/`, { member: bob.id, role: 15 });
    expect(added.status).toBeLessThan(300);
    const { page, errors } = bob;
    await page.goto(projectUrl(owner.who, project, 'settings'));
    await expect
      .poll(() => page.getByText('and change the estimate as a member of the project').isVisible())
      .toBe(true);
    const values = page.getByRole('list', { name: 'Estimate values' });
    await expect.poll(() => values.getByRole('listitem').count()).toBe(5);
    expect(await values.getByLabel('Value 1').isDisabled()).toBe(false);
    await page.getByLabel('New value').fill('13');
    await page.getByRole('button', { name: 'Add value' }).click();
    await expect.poll(() => values.getByRole('listitem').count()).toBe(6);
    await reviewScreen(page, errors, 'project-settings-estimate-member');

    const estimates = `${projectPath()}estimates/`;
    const estimate = (await v1<{ id: string }>(page, 'GET', estimates)).body;
    const points = await v1<Array<{ value: string; created_by: string }>>(
      page,
      'GET',
      `${estimates}${estimate.id}/estimate-points/`,
    );
    expect(points.body.find((p) => p.value === '13')?.created_by).toBe(bob.id);
    // The project's own settings stay an admin's: Bob reads them only.
    expect(await page.getByRole('button', { name: 'Add to project' }).count()).toBe(0);
  });
});
