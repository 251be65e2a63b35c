import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  createWorkspace,
  launchBrowser,
  newIdentity,
  newPerson,
  reviewScreen,
  screenshot,
  signUp,
} from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name, exact: true }).click();

const visible = (page: Page, role: Parameters<Page['getByRole']>[0], name: string | RegExp) =>
  expect.poll(() => page.getByRole(role, { name }).isVisible()).toBe(true);

describe('members, invitations and the audit trail', () => {
  const olga = newIdentity('olga');
  const bob = newIdentity('bob');
  const carol = newIdentity('carol');

  it('lets an owner invite, a guest of the link preview it, sign up, and join; then roles and leaving follow', async () => {
    const owner = await newPerson(browser);
    await signUp(owner.page, olga);
    await owner.page.waitForURL('**/new');
    await createWorkspace(owner.page, 'Olga Agency', olga.slug);

    // The owner invites Bob as a member and gets the link once.
    await nav(owner.page, 'Members');
    await visible(owner.page, 'heading', 'Pending invitations');
    await expect.poll(() => owner.page.getByText('No pending invitations').isVisible()).toBe(true);
    await reviewScreen(owner.page, owner.errors, 'members');
    await owner.page.getByRole('button', { name: 'Invite people' }).click();
    const invite = owner.page.getByRole('dialog', { name: 'Invite to Olga Agency' });
    await invite.getByLabel('E-mail', { exact: true }).fill(bob.email);
    expect(await invite.getByLabel('Role', { exact: true }).inputValue()).toBe('member');
    await reviewScreen(owner.page, owner.errors, 'invite-dialog');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const sent = owner.page.getByRole('dialog', { name: 'Invitation sent' });
    await expect.poll(() => sent.isVisible()).toBe(true);
    const acceptUrl = (await sent.getByTestId('accept-url').textContent())!;
    expect(acceptUrl).toMatch(/\/invitations\/[A-Za-z0-9_-]{10,}$/);
    await sent.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => owner.page.evaluate(() => navigator.clipboard.readText())).toBe(acceptUrl);
    await screenshot(owner.page, 'invitation-sent');
    await sent.getByRole('button', { name: 'Done' }).click();
    const pending = owner.page.getByRole('list', { name: 'Pending invitations' });
    await expect.poll(() => pending.getByText(bob.email).isVisible()).toBe(true);

    // Bob, in his own browser, sees what the link is for before having an account.
    const guest = await newPerson(browser);
    await guest.page.goto(acceptUrl);
    await visible(guest.page, 'heading', 'Olga Agency');
    await expect.poll(() => guest.page.getByText(bob.email).isVisible()).toBe(true);
    await expect.poll(() => guest.page.getByText('Join as member').isVisible()).toBe(true);
    await reviewScreen(guest.page, guest.errors, 'invitation-preview');

    // He signs up from there with the invited address prefilled, comes back, and joins.
    await guest.page.getByRole('link', { name: 'Create an account to join' }).click();
    await guest.page.waitForURL(/\/signup\?/);
    expect(await guest.page.getByLabel('Work e-mail', { exact: true }).inputValue()).toBe(bob.email);
    await guest.page.getByLabel('Full name', { exact: true }).fill(bob.name);
    await guest.page.getByLabel('Password', { exact: true }).fill(bob.password);
    await guest.page.getByRole('button', { name: 'Create account' }).click();
    await guest.page.waitForURL(/\/invitations\//);
    await guest.page.getByRole('button', { name: 'Join Olga Agency' }).click();
    await guest.page.waitForURL(`**/${olga.slug}`);
    await visible(guest.page, 'heading', /Bob/);

    // As a member, Bob sees the people but none of the controls for managing them.
    await nav(guest.page, 'Members');
    await expect
      .poll(() => guest.page.getByRole('list', { name: 'Members' }).getByText(olga.email).isVisible())
      .toBe(true);
    expect(await guest.page.getByRole('button', { name: 'Invite people' }).count()).toBe(0);
    expect(await guest.page.getByRole('combobox').count()).toBe(0);
    expect(await guest.page.getByRole('heading', { name: 'Pending invitations' }).count()).toBe(0);
    expect(await guest.page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await reviewScreen(guest.page, guest.errors, 'members-as-member');

    // The owner sees Bob joined, and makes him an admin.
    await owner.page.reload();
    const roleOfBob = owner.page.getByRole('combobox', { name: `Role of ${bob.name}` });
    await expect.poll(() => roleOfBob.inputValue()).toBe('member');
    expect(await owner.page.getByRole('list', { name: 'Pending invitations' }).count()).toBe(0);
    await roleOfBob.selectOption('admin');
    await expect.poll(() => owner.page.getByText(`${bob.name} is now admin`).isVisible()).toBe(true);

    // Now Bob may invite people too, but an admin cannot hand out the owner role or touch the owner.
    await guest.page.reload();
    await visible(guest.page, 'button', 'Invite people');
    expect(await guest.page.getByRole('combobox', { name: `Role of ${olga.name}` }).count()).toBe(0);
    await guest.page.getByRole('button', { name: 'Invite people' }).click();
    const roles = await guest.page
      .getByRole('dialog')
      .getByLabel('Role', { exact: true })
      .locator('option')
      .allTextContents();
    expect(roles.map((r) => r.split(' — ')[0])).toEqual(['Admin', 'Member', 'Guest']);
    await guest.page.keyboard.press('Escape');

    // The owner invites Carol and withdraws it again.
    await owner.page.getByRole('button', { name: 'Invite people' }).click();
    await owner.page.getByRole('dialog').getByLabel('E-mail', { exact: true }).fill(carol.email);
    await owner.page.getByRole('dialog').getByLabel('Role', { exact: true }).selectOption('guest');
    await owner.page.getByRole('button', { name: 'Send invitation' }).click();
    await owner.page.getByRole('button', { name: 'Done' }).click();
    await owner.page.getByRole('button', { name: `Withdraw invitation for ${carol.email}` }).click();
    await owner.page
      .getByRole('dialog', { name: 'Withdraw this invitation?' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await expect.poll(() => owner.page.getByText('No pending invitations').isVisible()).toBe(true);

    // Bob leaves; he lands on the screen for a first workspace again.
    await guest.page.getByRole('button', { name: 'Leave', exact: true }).click();
    await guest.page
      .getByRole('dialog', { name: 'Leave Olga Agency?' })
      .getByRole('button', { name: 'Leave workspace' })
      .click();
    await guest.page.waitForURL('**/new');

    // The audit trail tells the whole story, newest first, with names.
    await nav(owner.page, 'Audit trail');
    const trail = owner.page.getByRole('main');
    await expect.poll(() => trail.getByText('left the workspace').isVisible()).toBe(true);
    const story = await trail.getByRole('listitem').locator('p').allTextContents();
    expect(story).toEqual([
      `${bob.name} left the workspace`,
      `You withdrew the invitation for ${carol.email}`,
      `You invited ${carol.email} as guest`,
      `You changed ${bob.name}’s role from member to admin`,
      `${bob.name} accepted an invitation and joined as member`,
      `${bob.name} joined as member`,
      `You invited ${bob.email} as member`,
      'You created the workspace “Olga Agency”',
    ]);
    await reviewScreen(owner.page, owner.errors, 'audit-trail');
    await closeAll(owner.context, guest.context);
  });
});
