import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import type { PeopleDirectory, Person } from './directory.ts';
import type { ProjectScope } from './project-access.ts';
import type { ProjectMemberRow, ProjectMembersRepository } from './project-members.repository.ts';
import { WorkErrors } from './work.errors.ts';

export interface MemberWithPerson {
  membership: ProjectMemberRow;
  person: Person;
}

export class ProjectMembersService {
  private readonly transactor: Writer;
  private readonly members: ProjectMembersRepository;
  private readonly people: PeopleDirectory;

  constructor(transactor: Writer, members: ProjectMembersRepository, people: PeopleDirectory) {
    this.transactor = transactor;
    this.members = members;
    this.people = people;
  }

  async list(scope: ProjectScope): Promise<MemberWithPerson[]> {
    return this.withPeople(scope, await this.members.list(scope.project.id));
  }

  /** The people who belong to the project now, with their roles (Plane's list keeps former members too). */
  async listActive(scope: ProjectScope): Promise<MemberWithPerson[]> {
    return (await this.list(scope)).filter((m) => m.membership.isActive);
  }

  async get(scope: ProjectScope, id: string): Promise<MemberWithPerson> {
    const [found] = await this.withPeople(scope, [await this.find(scope, id)]);
    return found!;
  }

  /** Adds a workspace member to the project, or brings back one who had been removed. */
  async add(ctx: ChangeContext, scope: ProjectScope, input: { member: string; role: number }) {
    const inWorkspace = (await this.people.workspaceMembers(scope.workspace)).some(
      (m) => m.id === input.member,
    );
    if (!inWorkspace) {
      throw new AppError('VALIDATION_FAILED', { field: 'member', message: 'Member not found in workspace' });
    }
    return this.transactor.run(async (tx) => {
      const members = this.members.with(tx);
      const existing = await members.findByUser(scope.project.id, input.member);
      if (existing?.isActive) throw new AppError(WorkErrors.PAYLOAD_INVALID);
      const row = existing
        ? await members.update(existing.id, { role: input.role, isActive: true, updatedBy: scope.userId })
        : await members.insert({
            id: randomUUID(),
            workspaceId: scope.project.workspaceId,
            projectId: scope.project.id,
            memberId: input.member,
            role: input.role,
            sortOrder: await members.nextSortOrder(scope.project.workspaceId, input.member),
            createdBy: scope.userId,
          });
      await recordChange(tx, ctx, {
        workspaceId: scope.project.workspaceId,
        action: 'project.member.added',
        objectType: 'project_member',
        objectId: row.id,
        after: { project_id: scope.project.id, user_id: row.memberId, role: row.role },
      });
      return row;
    });
  }

  async changeRole(ctx: ChangeContext, scope: ProjectScope, id: string, role: number) {
    const before = await this.find(scope, id);
    return this.transactor.run(async (tx) => {
      const row = await this.members.with(tx).update(id, { role, updatedBy: scope.userId });
      await recordChange(tx, ctx, {
        workspaceId: scope.project.workspaceId,
        action: 'project.member.role_changed',
        objectType: 'project_member',
        objectId: id,
        before: { user_id: before.memberId, role: before.role },
        after: { user_id: row.memberId, role: row.role },
      });
      return row;
    });
  }

  /** Removal deactivates the membership (Plane keeps the row and lists it). */
  async remove(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const before = await this.find(scope, id);
    await this.transactor.run(async (tx) => {
      await this.members.with(tx).update(id, { isActive: false, updatedBy: scope.userId });
      await recordChange(tx, ctx, {
        workspaceId: scope.project.workspaceId,
        action: 'project.member.removed',
        objectType: 'project_member',
        objectId: id,
        before: { user_id: before.memberId, role: before.role },
      });
    });
  }

  private async find(scope: ProjectScope, id: string): Promise<ProjectMemberRow> {
    const row = await this.members.find(scope.project.id, id);
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  /** People who have left the workspace are still shown, looked up one by one (rare). */
  private async withPeople(scope: ProjectScope, rows: ProjectMemberRow[]): Promise<MemberWithPerson[]> {
    const byId = new Map<string, Person>(
      (await this.people.workspaceMembers(scope.workspace)).map((p) => [p.id, p]),
    );
    const out: MemberWithPerson[] = [];
    for (const membership of rows) {
      const person = byId.get(membership.memberId) ?? (await this.people.user(membership.memberId));
      if (person) out.push({ membership, person });
    }
    return out;
  }
}
