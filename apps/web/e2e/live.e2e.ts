import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newIdentity, newPerson, screenshot, signUp } from './harness.ts';
import { createProject, newOwner, v1, type ProjectRef } from './work-helpers.ts';

let browser: Browser;
let owner: Awaited<ReturnType<typeof newOwner>>;
let teammate: Awaited<ReturnType<typeof newPerson>>;
let project: ProjectRef;

/** A same-origin call to the app's own API (/api, not /api/v1), as the page makes it. */
async function appApi<T>(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    { method, path, body },
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newOwner(browser, 'lia', 'Lia Live Co');
  project = await createProject(owner.page, owner.who, 'Live board', 'LIV');

  // A second person of the workspace, invited as a member and added to the project.
  const tom = newIdentity('tom');
  const invited = await appApi<{ accept_url: string }>(
    owner.page,
    'POST',
    `/api/workspaces/${owner.who.slug}/invitations`,
    { email: tom.email, role: 'member' },
  );
  expect(invited.status).toBe(201);
  teammate = await newPerson(browser);
  await signUp(teammate.page, tom);
  await teammate.page.waitForURL('**/new');
  const token = invited.body.accept_url.split('/').pop()!;
  expect((await appApi(teammate.page, 'POST', '/api/invitations/accept', { token })).status).toBeLessThan(
    300,
  );
  const me = await v1<{ id: string }>(teammate.page, 'GET', '/users/me/');
  const added = await v1(
    owner.page,
    'POST',
    `/workspaces/${owner.who.slug}/projects/${project.id}/members/`,
    {
      member: me.body.id,
      role: 15,
    },
  );
  expect(added.status).toBeLessThan(300);
});
afterAll(async () => {
  await owner?.context.close();
  await teammate?.context.close();
  await browser?.close();
});

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}:`) });
const cardsIn = (page: Page, name: string) =>
  column(page, name)
    .locator('[data-testid^="card-"]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')!.slice(5)));

/** Opens the board and waits until the page follows live events; marks the window to prove no reload. */
async function openBoard(page: Page) {
  await page.goto(`/${owner.who.slug}/projects/${project.id}/board`);
  await expect.poll(() => column(page, 'Todo').isVisible()).toBe(true);
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.realtime), { timeout: 15_000 })
    .toBe('live');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

describe('live updates between two people', () => {
  it('shows a card created and moved by one person on the other’s board without a reload', async () => {
    await openBoard(owner.page);
    await openBoard(teammate.page);
    expect(await cardsIn(teammate.page, 'Todo')).toEqual([]);

    // The owner creates a card in Todo; it appears on the teammate's board.
    await owner.page.getByRole('button', { name: 'Add work item to Todo' }).click();
    await owner.page.getByLabel('Name of the new work item in Todo').fill('Shoot the product video');
    await owner.page.keyboard.press('Enter');
    await expect.poll(() => cardsIn(owner.page, 'Todo')).toEqual(['LIV-1']);
    await expect.poll(() => cardsIn(teammate.page, 'Todo')).toEqual(['LIV-1']);
    await expect
      .poll(() => teammate.page.getByTestId('card-LIV-1').textContent())
      .toContain('Shoot the product video');

    // The teammate drags it to In Progress; the owner sees it move.
    await teammate.page.getByTestId('card-LIV-1').dragTo(column(teammate.page, 'In Progress'));
    await expect.poll(() => cardsIn(teammate.page, 'In Progress')).toEqual(['LIV-1']);
    await expect.poll(() => cardsIn(owner.page, 'In Progress')).toEqual(['LIV-1']);
    expect(await cardsIn(owner.page, 'Todo')).toEqual([]);

    // A change made elsewhere (here: the API) arrives too, and neither page was reloaded.
    const items = await v1<{ results: Array<{ id: string }> }>(
      owner.page,
      'GET',
      `/workspaces/${owner.who.slug}/projects/${project.id}/work-items/`,
    );
    await v1(
      owner.page,
      'PATCH',
      `/workspaces/${owner.who.slug}/projects/${project.id}/work-items/${items.body.results[0]!.id}/`,
      {
        name: 'Shoot and edit the product video',
      },
    );
    await expect
      .poll(() => teammate.page.getByTestId('card-LIV-1').textContent())
      .toContain('Shoot and edit the product video');
    expect(await sameDocument(owner.page)).toBe(true);
    expect(await sameDocument(teammate.page)).toBe(true);
    await screenshot(teammate.page, 'live-board-teammate');
  });

  it('shows a new item on the teammate’s list view as it is created', async () => {
    await teammate.page.goto(`/${owner.who.slug}/projects/${project.id}/list`);
    await expect
      .poll(() => teammate.page.evaluate(() => document.documentElement.dataset.realtime))
      .toBe('live');
    await expect.poll(() => teammate.page.getByText('LIV-1').first().isVisible()).toBe(true);
    await v1(owner.page, 'POST', `/workspaces/${owner.who.slug}/projects/${project.id}/work-items/`, {
      name: 'Book the studio',
    });
    await expect.poll(() => teammate.page.getByText('Book the studio').isVisible()).toBe(true);
    expect(teammate.errors).toEqual([]);
  });
});
