import type { Container } from '../container.ts';
import type { WorkspaceRole } from '../modules/identity/index.ts';
import { systemContext } from '../platform/events/actor.ts';

export const DEMO_PASSWORD = 'agency-demo';
export const DEMO_WORKSPACE = 'northwind';
export const DEMO_TIMEZONE = 'Europe/Berlin';

export const personKeys = ['ava', 'marcus', 'priya', 'jonas', 'leo', 'sofia', 'tom', 'dana', 'sam'] as const;
export type PersonKey = (typeof personKeys)[number];

export const people: Record<PersonKey, { name: string; email: string; role: WorkspaceRole; title: string }> =
  {
    ava: { name: 'Ava Chen', email: 'ava@northwind.example', role: 'owner', title: 'Managing director' },
    marcus: {
      name: 'Marcus Reid',
      email: 'marcus@northwind.example',
      role: 'owner',
      title: 'Client partner',
    },
    priya: { name: 'Priya Nair', email: 'priya@northwind.example', role: 'admin', title: 'Project lead' },
    jonas: { name: 'Jonas Weber', email: 'jonas@northwind.example', role: 'admin', title: 'Tech lead' },
    leo: { name: 'Leo Martins', email: 'leo@northwind.example', role: 'member', title: 'Developer' },
    sofia: { name: 'Sofia Rossi', email: 'sofia@northwind.example', role: 'member', title: 'Designer' },
    tom: { name: 'Tom Becker', email: 'tom@northwind.example', role: 'member', title: 'Developer' },
    dana: {
      name: 'Dana Kim',
      email: 'dana@client-brightside.example',
      role: 'guest',
      title: 'Client (Brightside)',
    },
    sam: {
      name: 'Sam Ortiz',
      email: 'sam@client-brightside.example',
      role: 'guest',
      title: 'Client (Brightside)',
    },
  };

/** The demo's people by key, with their user ids. */
export type PeopleIds = Record<PersonKey, string>;

/** Everyone signs in with the demo password; people who already exist are kept as they are. */
export async function seedPeople(container: Container): Promise<PeopleIds> {
  const { identity } = container;
  const ids = {} as PeopleIds;
  for (const key of personKeys) {
    const person = people[key];
    const existing = await identity.users.findByEmail(person.email);
    ids[key] =
      existing?.id ??
      (
        await (
          await identity.auth.get()
        ).api.signUpEmail({
          body: { email: person.email, password: DEMO_PASSWORD, name: person.name },
        })
      ).user.id;
  }
  return ids;
}

/** The Northwind Digital workspace, owned by Ava, with everyone in their role. */
export async function seedWorkspace(container: Container, ids: PeopleIds) {
  const { identity } = container;
  let workspace = await identity.workspaces.findBySlug(DEMO_WORKSPACE).catch(() => undefined);
  workspace ??= await identity.workspaces.create(systemContext, ids.ava, {
    slug: DEMO_WORKSPACE,
    name: 'Northwind Digital',
    timezone: DEMO_TIMEZONE,
  });
  const members = new Set((await identity.members.list(workspace)).map((m) => m.email));
  for (const key of personKeys) {
    if (!members.has(people[key].email))
      await identity.members.add(systemContext, workspace, ids[key], people[key].role);
  }
  return workspace;
}
