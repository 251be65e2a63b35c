import type { StandupInbox, StandupProject, StandupSource } from './modules/agents/index.ts';
import type { IdentityModule } from './modules/identity/index.ts';
import type { ProjectPulse, WorkModule } from './modules/work/index.ts';

/**
 * The standup agent's view of a workspace: the work module's pulse of its projects (what moved, is blocked,
 * stuck or overdue), in the workspace's time zone, with the names of the people who moved items.
 */
export function standupSource(
  work: Pick<WorkModule, 'pulse'>,
  identity: Pick<IdentityModule, 'users' | 'workspaces'>,
): StandupSource {
  return async (workspaceId, { since, until, stuckDays, projectId }) => {
    const workspace = await identity.workspaces.findById(workspaceId);
    const timeZone = workspace?.timezone ?? 'UTC';
    const pulse = await work.pulse.pulse(workspaceId, { since, until, stuckDays, projectId, timeZone });
    const names = new Map<string, Promise<string>>();
    const nameOf = (id: string) => {
      if (!names.has(id)) {
        names.set(
          id,
          identity.users.findById(id).then((u) => u?.name || u?.email || 'Someone'),
        );
      }
      return names.get(id)!;
    };
    const projects = await Promise.all(pulse.projects.map((p) => projectOf(p, nameOf)));
    return { timeZone, today: pulse.today, projects };
  };
}

/** Standups land in the inboxes of their projects' members as `standup` notifications (no work item). */
export function standupInbox(work: Pick<WorkModule, 'notifyProject'>): StandupInbox {
  return (tx, ctx, notice) =>
    work.notifyProject(tx, ctx, {
      workspaceId: notice.workspaceId,
      projectId: notice.projectId,
      kind: 'standup',
      data: {
        text: notice.text,
        agent_id: notice.agentId,
        task_id: notice.taskId,
        since: notice.since,
        until: notice.until,
      },
    });
}

async function projectOf(p: ProjectPulse, nameOf: (id: string) => Promise<string>): Promise<StandupProject> {
  const item = (i: { ref: string; name: string; state: string }) => ({
    ref: i.ref,
    name: i.name,
    state: i.state,
  });
  const moves = await Promise.all(
    p.moved.map(async (move) => ({ move, by: await Promise.all(move.actorIds.map(nameOf)) })),
  );
  return {
    id: p.id,
    identifier: p.identifier,
    name: p.name,
    member_ids: p.memberIds,
    moved: moves
      .filter(({ move }) => !move.completed)
      .map(({ move, by }) => ({ ...item(move), from: move.from, by })),
    completed: moves.filter(({ move }) => move.completed).map(({ move, by }) => ({ ...item(move), by })),
    blocked: p.blocked.map((b) => ({ ...item(b), blocked_by: b.blockedBy.map(item) })),
    stuck: p.stuck.map((s) => ({ ...item(s), idle_days: s.idleDays, last_change_at: s.lastChangeAt })),
    overdue: p.overdue.map((o) => ({ ...item(o), target_date: o.targetDate, days_overdue: o.daysOverdue })),
  };
}
