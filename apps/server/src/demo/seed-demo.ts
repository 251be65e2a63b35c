import type { Container } from '../container.ts';
import { systemContext } from '../platform/events/actor.ts';
import type { WorkspaceRole } from '../modules/identity/index.ts';

export const DEMO_PASSWORD = 'agency-demo';
export const DEMO_WORKSPACE = 'northwind';

const people: Array<{ name: string; email: string; role: WorkspaceRole }> = [
  { name: 'Ava Chen', email: 'ava@northwind.example', role: 'owner' },
  { name: 'Marcus Reid', email: 'marcus@northwind.example', role: 'owner' },
  { name: 'Priya Nair', email: 'priya@northwind.example', role: 'admin' },
  { name: 'Jonas Weber', email: 'jonas@northwind.example', role: 'admin' },
  { name: 'Leo Martins', email: 'leo@northwind.example', role: 'member' },
  { name: 'Sofia Rossi', email: 'sofia@northwind.example', role: 'member' },
  { name: 'Tom Becker', email: 'tom@northwind.example', role: 'member' },
  { name: 'Dana Kim', email: 'dana@client-brightside.example', role: 'guest' },
  { name: 'Sam Ortiz', email: 'sam@client-brightside.example', role: 'guest' },
];

export interface DemoLogin {
  url: string;
  email: string;
  password: string;
}

/**
 * The demo agency: a workspace with people in every role, all signing in with one password. Running it
 * again changes nothing.
 */
export async function seedDemo(container: Container): Promise<DemoLogin> {
  const { identity } = container;
  const ids = new Map<string, string>();
  for (const person of people) {
    const existing = await identity.users.findByEmail(person.email);
    const id =
      existing?.id ??
      (
        await identity.auth.api.signUpEmail({
          body: { email: person.email, password: DEMO_PASSWORD, name: person.name },
        })
      ).user.id;
    ids.set(person.email, id);
  }
  const owner = people[0]!;
  let workspace = await identity.workspaces.findBySlug(DEMO_WORKSPACE).catch(() => undefined);
  workspace ??= await identity.workspaces.create(systemContext, ids.get(owner.email)!, {
    slug: DEMO_WORKSPACE,
    name: 'Northwind Digital',
    timezone: 'Europe/Berlin',
  });
  const members = new Set((await identity.members.list(workspace)).map((m) => m.email));
  for (const person of people.slice(1)) {
    if (!members.has(person.email))
      await identity.members.add(systemContext, workspace, ids.get(person.email)!, person.role);
  }
  return { url: container.config.publicUrl, email: owner.email, password: DEMO_PASSWORD };
}
