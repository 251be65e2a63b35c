import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newIdentity, newPerson, signUp, type Identity } from './harness.ts';
import { v1, type ProjectRef } from './work-helpers.ts';

/** Helpers of the cycles, modules, time and project-settings specs. */

/** `YYYY-MM-DD`, `offset` days from today (UTC, the zone of the browser and the project here). */
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function patchProject(page: Page, who: Identity, project: ProjectRef, patch: object) {
  const answer = await v1(page, 'PATCH', `/workspaces/${who.slug}/projects/${project.id}/`, patch);
  if (answer.status !== 200) throw new Error(`project not changed: ${JSON.stringify(answer.body)}`);
}

export const projectUrl = (who: Identity, project: ProjectRef, rest: string) =>
  `/${who.slug}/projects/${project.id}/${rest}`;

/** A call to the app's own API (/api), with the page's cookie and Origin. */
export async function api<T = unknown>(page: Page, method: string, path: string, body?: unknown) {
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

/** A second person who signs up and joins the owner's workspace as a member, through an invitation. */
export async function joinWorkspace(browser: Browser, ownerPage: Page, owner: Identity, prefix: string) {
  const who = newIdentity(prefix);
  const person = await newPerson(browser);
  await signUp(person.page, who);
  await person.page.waitForURL('**/new');
  const invited = await api<{ accept_url: string }>(
    ownerPage,
    'POST',
    `/api/workspaces/${owner.slug}/invitations`,
    { email: who.email, role: 'member' },
  );
  expect(invited.status).toBe(201);
  const token = invited.body.accept_url.split('/').pop()!;
  const accepted = await api(person.page, 'POST', '/api/invitations/accept', { token });
  expect(accepted.status).toBeLessThan(300);
  const me = await v1<{ id: string }>(person.page, 'GET', '/users/me/');
  return { ...person, who, id: me.body.id };
}
