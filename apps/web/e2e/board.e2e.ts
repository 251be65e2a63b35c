import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewScreen, screenshot } from './harness.ts';
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
let first: ItemRef;

beforeAll(async () => {
  ({ browser, owner, project, stateNamed } = await ownerWithProject('bea', 'Bea Board Co', {
    name: 'Launch campaign',
    identifier: 'BRD',
  }));
});
afterAll(() => closeOwner(browser, owner));

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}:`) });
const cardsIn = (page: Page, name: string) =>
  column(page, name)
    .locator('[data-testid^="card-"]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')!.slice(5)));
const boardUrl = () => `/${owner.who.slug}/projects/${project.id}/board`;

describe('the board', () => {
  it('shows cards by state with key, priority, assignee and labels, and creates cards in a column', async () => {
    const { page, errors, who } = owner;
    const me = await v1<{ id: string }>(page, 'GET', '/users/me/');
    const label = await v1<{ id: string }>(
      page,
      'POST',
      `/workspaces/${who.slug}/projects/${project.id}/labels/`,
      {
        name: 'copy',
        color: '#0ea5e9',
      },
    );
    first = await createItem(page, who, project, {
      name: 'Write the launch brief',
      priority: 'high',
      assignees: [me.body.id],
      labels: [label.body.id],
    });
    await page.goto(boardUrl());
    const card = page.getByTestId('card-BRD-1');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await cardsIn(page, 'Backlog')).toEqual(['BRD-1']);
    // Labels and people arrive with their own requests: the card fills in as they do.
    for (const part of ['Write the launch brief', 'Priority: High', 'Assigned to Bea Example', 'copy'])
      await expect.poll(() => card.textContent()).toContain(part);

    // Quick-create in the Todo column: the card lands there, numbered next.
    await page.getByRole('button', { name: 'Add work item to Todo' }).click();
    await page.getByLabel('Name of the new work item in Todo').fill('Book the photographer');
    await page.keyboard.press('Enter');
    await expect.poll(() => cardsIn(page, 'Todo')).toEqual(['BRD-2']);

    // `c` opens the full form anywhere in the project.
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'New work item in Launch campaign' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Name', { exact: true }).fill('Draft the press release');
    await dialog.getByLabel('State', { exact: true }).selectOption({ label: 'In Progress' });
    await dialog.getByLabel('Priority', { exact: true }).selectOption('urgent');
    await reviewScreen(page, errors, 'work-item-create');
    await dialog.getByRole('button', { name: 'Create work item' }).click();
    await expect.poll(() => cardsIn(page, 'In Progress')).toEqual(['BRD-3']);
    await expect.poll(() => page.getByText('Created BRD-3').isVisible()).toBe(true);
    await reviewScreen(page, errors, 'board');
  });

  it('moves a dragged card to another column and keeps it there after a reload', async () => {
    const { page } = owner;
    await page.goto(boardUrl());
    await expect.poll(() => cardsIn(page, 'Backlog')).toEqual(['BRD-1']);
    await page.getByTestId('card-BRD-1').dragTo(column(page, 'In Progress'));
    await expect.poll(() => cardsIn(page, 'In Progress')).toEqual(['BRD-1', 'BRD-3']);
    expect(await cardsIn(page, 'Backlog')).toEqual([]);
    await expect
      .poll(async () => (await getItem(page, owner.who, project, first.id)).state)
      .toBe(stateNamed('In Progress').id);
    await page.reload();
    await expect.poll(() => cardsIn(page, 'In Progress')).toEqual(['BRD-1', 'BRD-3']);
    expect(await column(page, 'In Progress').getByRole('heading').textContent()).toBe('In Progress2');
  });

  it('moves a card from the keyboard with its Move menu', async () => {
    const { page, errors } = owner;
    await page.goto(boardUrl());
    const button = page.getByRole('button', { name: 'Move BRD-2' });
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Move BRD-2' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Move to Backlog',
      'Move to In Progress',
      'Move to Done',
      'Move to Cancelled',
    ]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Move to Backlog');
    await reviewScreen(page, errors, 'board-move-menu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => cardsIn(page, 'Done')).toEqual(['BRD-2']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move BRD-2');
    await page.reload();
    await expect.poll(() => cardsIn(page, 'Done')).toEqual(['BRD-2']);
  });

  it('puts the card back and says why when the server refuses the move (its state was deleted meanwhile)', async () => {
    const { page, errors, who } = owner;
    await page.goto(boardUrl());
    await expect.poll(() => cardsIn(page, 'In Progress')).toEqual(['BRD-1', 'BRD-3']);
    // Someone else deletes the (empty) Cancelled state while this board is open.
    const cancelled = stateNamed('Cancelled');
    const deleted = await v1(
      page,
      'DELETE',
      `/workspaces/${who.slug}/projects/${project.id}/states/${cancelled.id}/`,
    );
    expect(deleted.status).toBe(204);

    // The last column is past the right edge of a laptop screen: scroll the board to it first.
    await column(page, 'Cancelled').scrollIntoViewIfNeeded();
    await page.getByTestId('card-BRD-1').dragTo(column(page, 'Cancelled'));
    const alert = page.getByRole('alert').filter({ hasText: 'Could not move BRD-1 to Cancelled' });
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect(await alert.textContent()).toContain('“Cancelled” no longer exists.');
    await expect.poll(() => cardsIn(page, 'In Progress')).toEqual(['BRD-1', 'BRD-3']);
    // The board now shows the states the project has.
    await expect.poll(() => column(page, 'Cancelled').count()).toBe(0);
    expect((await getItem(page, who, project, first.id)).state).toBe(stateNamed('In Progress').id);
    await screenshot(page, 'board-move-refused');
    expect(errors).toEqual([]);
  });
});
