import type { Browser, Page } from 'playwright-core';
import { createWorkspace, launchBrowser, newIdentity, newPerson, signUp, type Identity } from './harness.ts';

/** Helpers of the project, board and work-item specs: a signed-up owner, and the /api/v1 calls they make. */
export async function newOwner(browser: Browser, prefix: string, workspaceName: string) {
  const who = newIdentity(prefix);
  const person = await newPerson(browser);
  await signUp(person.page, who);
  await person.page.waitForURL('**/new');
  await createWorkspace(person.page, workspaceName, who.slug);
  return { ...person, who };
}

/** A same-origin fetch from the page, with its session cookie and Origin, as the app itself makes it. */
export async function v1<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    { method, path, body },
  );
}

export interface ProjectRef {
  id: string;
  identifier: string;
  name: string;
}
export interface StateRef {
  id: string;
  name: string;
}
export interface ItemRef {
  id: string;
  sequence_id: number;
  name: string;
  state: string;
  priority: string;
  parent: string | null;
}

export async function createProject(page: Page, who: Identity, name: string, identifier: string) {
  const created = await v1<ProjectRef>(page, 'POST', `/workspaces/${who.slug}/projects/`, {
    name,
    identifier,
  });
  if (created.status !== 201) throw new Error(`project not created: ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function projectStates(page: Page, who: Identity, project: ProjectRef) {
  const states = await v1<{ results: StateRef[] }>(
    page,
    'GET',
    `/workspaces/${who.slug}/projects/${project.id}/states/`,
  );
  const byName = (name: string) => states.body.results.find((s) => s.name === name)!;
  return byName;
}

export async function createItem(page: Page, who: Identity, project: ProjectRef, body: object) {
  const created = await v1<ItemRef>(
    page,
    'POST',
    `/workspaces/${who.slug}/projects/${project.id}/work-items/`,
    body,
  );
  if (created.status !== 201) throw new Error(`item not created: ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function getItem(page: Page, who: Identity, project: ProjectRef, id: string) {
  return (await v1<ItemRef>(page, 'GET', `/workspaces/${who.slug}/projects/${project.id}/work-items/${id}/`))
    .body;
}

export type Owner = Awaited<ReturnType<typeof newOwner>>;
export type StateNamed = Awaited<ReturnType<typeof projectStates>>;

/**
 * The start of most specs: a browser, a signed-up owner with a workspace, one project and its states by name.
 * Closes the browser again when a step fails, so a broken setup leaves nothing running.
 */
export async function ownerWithProject(
  prefix: string,
  workspaceName: string,
  project: { name: string; identifier: string },
) {
  const browser = await launchBrowser();
  try {
    const owner = await newOwner(browser, prefix, workspaceName);
    const created = await createProject(owner.page, owner.who, project.name, project.identifier);
    const stateNamed = await projectStates(owner.page, owner.who, created);
    return { browser, owner, project: created, stateNamed };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The afterAll of a spec set up by `ownerWithProject`. */
export async function closeOwner(browser: Browser | undefined, owner: Owner | undefined) {
  await owner?.context.close();
  await browser?.close();
}
