import { planeRole, type IdentityModule, type WorkspaceAccess } from '../identity/index.ts';

export type WorkspaceRef = WorkspaceAccess['workspace'];
/** Plane's role integers, used at workspace and project level alike. */
export type PlaneRole = 20 | 15 | 5;
export const ADMIN = 20;
export const MEMBER = 15;

export interface Person {
  id: string;
  name: string;
  email: string;
  image: string | null;
}

export interface WorkspacePerson extends Person {
  role: PlaneRole;
}

/** Plane's display name: by default the local part of the e-mail address. */
export function displayName(person: Pick<Person, 'email'>): string {
  return person.email.split('@')[0] ?? person.email;
}

/** What the work core needs to know about people; identity owns them. */
export interface PeopleDirectory {
  workspaceMembers(workspace: WorkspaceRef): Promise<WorkspacePerson[]>;
  user(id: string): Promise<(Person & { timezone: string }) | undefined>;
}

export function identityDirectory(identity: IdentityModule): PeopleDirectory {
  return {
    async workspaceMembers(workspace) {
      const members = await identity.members.list(workspace);
      return members.map((m) => ({
        id: m.userId,
        name: m.name,
        email: m.email,
        image: m.image,
        role: planeRole(m.role),
      }));
    },
    async user(id) {
      const user = await identity.users.findById(id);
      return (
        user && {
          id: user.id,
          name: user.name,
          email: user.email,
          image: user.image,
          timezone: user.timezone,
        }
      );
    },
  };
}
