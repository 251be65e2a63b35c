import { randomBytes } from 'node:crypto';
import type { WorkspaceRole } from '../src/modules/identity/index.ts';
import { systemContext } from '../src/platform/events/actor.ts';
import type { TestApp } from './test-app.ts';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** `Cookie` header value of a signed-in session. */
  cookie: string;
}

export interface TestWorkspace {
  id: string;
  slug: string;
  name: string;
}

const unique = () => randomBytes(4).toString('hex');

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = all.find((c) => c.startsWith('agency_os.session_token='));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return session.split(';')[0]!;
}

/** Signs a new user up through the real HTTP endpoint and returns their session. */
export async function newUser(
  t: TestApp,
  overrides: Partial<Pick<TestUser, 'email' | 'name' | 'password'>> = {},
): Promise<TestUser> {
  const id = unique();
  const body = {
    email: overrides.email ?? `user-${id}@example.test`,
    name: overrides.name ?? `User ${id}`,
    password: overrides.password ?? `pw-${id}-long-enough`,
  };
  const response = await t.request({ method: 'POST', url: '/api/auth/sign-up/email', payload: body });
  if (response.statusCode !== 200) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const user = response.json<{ user: { id: string } }>().user;
  return { id: user.id, ...body, cookie: sessionCookie(response.headers['set-cookie']) };
}

export async function signIn(t: TestApp, email: string, password: string) {
  return t.request({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
}

/** A workspace owned by `owner`, created through the API. */
export async function newWorkspace(
  t: TestApp,
  owner: TestUser,
  slug = `ws-${unique()}`,
): Promise<TestWorkspace> {
  const response = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    headers: { cookie: owner.cookie },
    payload: { slug, name: `Workspace ${slug}` },
  });
  if (response.statusCode !== 201)
    throw new Error(`workspace create failed: ${response.statusCode} ${response.body}`);
  return response.json<TestWorkspace>();
}

/** A new user who is a member of the workspace with the given role. */
export async function newMember(
  t: TestApp,
  workspace: TestWorkspace,
  role: WorkspaceRole,
): Promise<TestUser> {
  const user = await newUser(t);
  const row = await t.container.identity.workspaces.findBySlug(workspace.slug);
  await t.container.identity.members.add(systemContext, row, user.id, role);
  return user;
}

export async function newApiToken(
  t: TestApp,
  user: TestUser,
  options: { workspace?: string; expiresAt?: Date } = {},
): Promise<{ token: string; id: string }> {
  const { token, row } = await t.container.identity.apiTokens.create(
    { actor: { type: 'user', id: user.id } },
    user.id,
    {
      label: 'test token',
      workspaceSlug: options.workspace,
      expiresAt: options.expiresAt,
    },
  );
  return { token, id: row.id };
}
