import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newIdentity, newPerson, reviewScreen, screenshot, signUp } from './harness.ts';
import { createItem, createProject, newOwner, v1, type ProjectRef } from './work-helpers.ts';

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let owner: Awaited<ReturnType<typeof newOwner>>;
let bea: Awaited<ReturnType<typeof newPerson>>;
let beaId: string;
let project: ProjectRef;
const beaWho = newIdentity('bea');

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newOwner(browser, 'ari', 'Ari Inbox Co');
  project = await createProject(owner.page, owner.who, 'Spring launch', 'SPR');

  // Bea is invited to the workspace and added to the project.
  const invited = await owner.page.evaluate(
    async ({ slug, email }) => {
      const response = await fetch(`/api/workspaces/${slug}/invitations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, role: 'member' }),
      });
      return (await response.json()) as { accept_url: string };
    },
    { slug: owner.who.slug, email: beaWho.email },
  );
  bea = await newPerson(browser);
  await signUp(bea.page, beaWho);
  await bea.page.waitForURL('**/new');
  const token = invited.accept_url.split('/').pop()!;
  const accepted = await bea.page.evaluate(async (token) => {
    const response = await fetch('/api/invitations/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return response.status;
  }, token);
  expect(accepted).toBeLessThan(300);
  beaId = (await v1<{ id: string }>(bea.page, 'GET', '/users/me/')).body.id;
  const added = await v1(
    owner.page,
    'POST',
    `/workspaces/${owner.who.slug}/projects/${project.id}/members/`,
    {
      member: beaId,
      role: 15,
    },
  );
  expect(added.status).toBeLessThan(300);
});
afterAll(async () => {
  await owner?.context.close();
  await bea?.context.close();
  await browser?.close();
});

const inboxLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /^Notifications/ });
const badge = (page: Page) => page.getByTestId('unread-badge');
const rows = (page: Page) => page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
const badgeText = async (page: Page) =>
  (await badge(page).count()) ? await badge(page).textContent() : null;

describe('the notifications inbox', () => {
  it('shows what is new live, with the unread count, and marks it read', async () => {
    const { page } = bea;
    await page.goto(`/${owner.who.slug}`);
    await inboxLink(page).click();
    await page.waitForURL(`**/${owner.who.slug}/notifications`);
    await expect.poll(() => page.getByText('No notifications yet').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.realtime), { timeout: 15_000 })
      .toBe('live');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // Ari assigns Bea to an item, in Ari's own browser: it appears in Bea's inbox without a reload.
    const item = await createItem(owner.page, owner.who, project, {
      name: 'Write the launch post',
      assignees: [beaId],
    });
    await expect.poll(() => rows(page).count()).toBe(1);
    await expect.poll(() => rows(page).first().textContent()).toContain('assigned you to');
    expect(await rows(page).first().textContent()).toContain('SPR-1');
    await expect.poll(() => badgeText(page)).toBe('1');

    // Ari mentions Bea by name in a comment.
    const handle = beaWho.email.split('@')[0];
    const comment = await v1(
      owner.page,
      'POST',
      `/workspaces/${owner.who.slug}/projects/${project.id}/work-items/${item.id}/comments/`,
      { comment_html: `<p>@${handle} could you add the pricing table?</p>` },
    );
    expect(comment.status).toBe(201);
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await rows(page).first().textContent()).toContain('mentioned you in a comment on');
    expect(await rows(page).first().textContent()).toContain('could you add the pricing table?');
    await expect.poll(() => badgeText(page)).toBe('2');
    expect(await inboxLink(page).getAttribute('aria-current')).toBe('page');
    await reviewScreen(page, bea.errors, 'notifications-inbox');

    // One marked read, then all: the badge goes.
    await rows(page).last().getByRole('button', { name: 'Mark read (SPR-1)' }).click();
    await expect.poll(() => badgeText(page)).toBe('1');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => badge(page).count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /^Mark read/ }).count()).toBe(0);
    await expect.poll(() => page.getByText('You are up to date.').isVisible()).toBe(true);
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    await screenshot(page, 'notifications-read');

    // Each one leads to its work item.
    await rows(page)
      .first()
      .getByRole('link', { name: /Write the launch post/ })
      .click();
    await page.waitForURL(`**/projects/${project.id}/items/${item.id}`);
    expect(bea.errors).toEqual([]);
  });

  it("shows the standup agent's post for the project, with its text, leading to the board", async () => {
    const { page } = bea;
    await page.goto(`/${owner.who.slug}/notifications`);
    await expect.poll(() => rows(page).count()).toBe(2);
    // Something overdue to report; markup in a name stays text.
    await createItem(owner.page, owner.who, project, {
      name: 'Book the <b>venue</b>',
      target_date: '2020-01-01',
    });
    const base = `/workspaces/${owner.who.slug}`;
    const agent = await v1<{ id: string }>(owner.page, 'POST', `${base}/agents`, {
      name: 'Standup',
      agent_type: 'standup',
    });
    expect(agent.status).toBe(201);
    const task = await v1(owner.page, 'POST', `${base}/agent-tasks`, {
      agent_id: agent.body.id,
      task_type: 'daily_standup',
      input: {},
    });
    expect(task.status).toBe(201);

    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(3);
    const standup = rows(page).first();
    expect(await standup.textContent()).toContain('Standup for');
    await expect.poll(() => badgeText(page)).toBe('1');
    const text = await standup.innerText();
    expect(text).toContain('Overdue');
    // One line per item, as the agent wrote it; the name is text, not markup.
    expect(text).toMatch(/\n- SPR-2 Book the <b>venue<\/b>: due 2020-01-01/);
    expect(await standup.locator('b').count()).toBe(0);
    await reviewScreen(page, bea.errors, 'notifications-standup');

    await standup.getByRole('link', { name: 'Spring launch' }).click();
    await page.waitForURL(`**/projects/${project.id}/board`);
    expect(bea.errors).toEqual([]);
  });

  it('archives a notification out of the inbox and its count, and moves it back from the archive', async () => {
    const { page } = bea;
    await page.goto(`/${owner.who.slug}/notifications`);
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    await createItem(owner.page, owner.who, project, { name: 'Print the flyers', assignees: [beaId] });
    const flyers = rows(page).filter({ hasText: 'Print the flyers' });
    await expect.poll(() => flyers.count()).toBe(1);
    const unread = Number(await badgeText(page));
    expect(unread).toBeGreaterThan(0);
    const inboxSize = await rows(page).count();
    await flyers.getByRole('button', { name: /^Archive \(SPR-\d+\)$/ }).click();
    await expect.poll(() => flyers.count()).toBe(0);
    await expect.poll(() => rows(page).count()).toBe(inboxSize - 1);
    await expect.poll(async () => Number(await badgeText(page))).toBe(unread - 1);

    const show = page.getByRole('group', { name: 'Show' });
    await show.getByRole('button', { name: 'Archive', exact: true }).click();
    const archived = page.getByRole('list', { name: 'Archived notifications' }).getByRole('listitem');
    await expect.poll(() => archived.count()).toBe(1);
    expect(await archived.first().textContent()).toContain('Print the flyers');
    expect(
      await show.getByRole('button', { name: 'Archive', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await reviewScreen(page, bea.errors, 'notifications-archive');

    await archived
      .first()
      .getByRole('button', { name: /^Move to inbox \(SPR-\d+\)$/ })
      .click();
    await expect.poll(() => page.getByText('Nothing archived').isVisible()).toBe(true);
    await show.getByRole('button', { name: 'Inbox', exact: true }).click();
    await expect.poll(() => flyers.count()).toBe(1);
    await expect.poll(async () => Number(await badgeText(page))).toBe(unread);
    // The server agrees, after a reload too.
    const inArchive = await v1<{ results: unknown[] }>(
      page,
      'GET',
      `/workspaces/${owner.who.slug}/users/me/notifications/?archived=true`,
    );
    expect(inArchive.body.results).toEqual([]);
    await page.reload();
    await expect.poll(() => flyers.count()).toBe(1);
    expect(bea.errors).toEqual([]);
  });
});
