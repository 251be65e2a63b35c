import type { Container } from '../container.ts';
import type { ProjectRow, ProjectScope, WorkItemRecord } from '../modules/work/index.ts';
import type { DemoCalendar } from './calendar.ts';
import type { DemoProject } from './catalog.ts';
import type { DemoActors } from './demo-scope.ts';
import { DEMO_TIMEZONE, type PersonKey } from './people.ts';
import { cycleWindows, planProject, PROJECT_SETUP_DAY, type DemoEvent } from './plan.ts';

/** Demo projects carry this external source; their external id is the catalog key (`<key>:seeding` until filled). */
export const DEMO_SOURCE = 'agency-os-demo';
const SEEDING = ':seeding';
const ADMIN = 20;
const ALL = { limit: 1000, offset: 0 };

/** The workspace's demo projects by catalog key, with whether each is filled. */
export async function findDemoProjects(container: Container, actors: DemoActors) {
  const { rows } = await container.work.projects.list(
    actors.workspaceScope('ava'),
    { key: 'created_at', descending: false },
    ALL,
  );
  const found = new Map<string, { project: ProjectRow; done: boolean; pristine: boolean }>();
  for (const row of rows) {
    const { project } = row;
    if (project.externalSource !== DEMO_SOURCE || !project.externalId) continue;
    const done = !project.externalId.endsWith(SEEDING);
    const pristine = row.totalCycles === 0 && row.totalModules === 0 && row.totalMembers <= 2;
    found.set(project.externalId.replace(SEEDING, ''), { project, done, pristine });
  }
  return found;
}

/** The empty project, marked as still being seeded: a start that finds it so finishes the job. */
export async function createDemoProject(
  container: Container,
  actors: DemoActors,
  def: DemoProject,
  calendar: DemoCalendar,
): Promise<ProjectRow> {
  const created = await container.work.projects.create(
    actors.ctx('ava', calendar.at(PROJECT_SETUP_DAY, 9)),
    actors.workspaceScope('ava'),
    {
      name: def.name,
      identifier: def.identifier,
      description: def.description,
      project_lead: def.lead === 'ava' ? null : actors.ids[def.lead],
      cycle_view: true,
      module_view: true,
      intake_view: true,
      issue_views_view: true,
      page_view: true,
      is_time_tracking_enabled: true,
      timezone: DEMO_TIMEZONE,
      external_source: DEMO_SOURCE,
      external_id: `${def.key}${SEEDING}`,
    },
  );
  return created.project;
}

/**
 * Fills one demo project through the work module's services, in the order things happened: members, states,
 * labels, cycles and modules first, then every item's story (created, planned, started, reviewed, done; comments,
 * links, relations, time), dated in the past so the history and the burndown read as real. Returns the number of
 * work items it made.
 */
export async function fillDemoProject(
  container: Container,
  actors: DemoActors,
  def: DemoProject,
  project: ProjectRow,
  calendar: DemoCalendar,
  signal?: AbortSignal,
): Promise<number> {
  const work = container.work;
  const roles = new Map<PersonKey, number>([
    ['ava', ADMIN],
    [def.lead, ADMIN],
  ]);
  for (const [person, role] of def.members) if (!roles.has(person)) roles.set(person, role);
  const scope = (person: PersonKey) => actors.projectScope(person, project, roles.get(person) ?? null);
  const setup = calendar.at(PROJECT_SETUP_DAY, 9.5);
  const admin = scope('ava');

  for (const [person, role] of def.members) {
    if (person === def.lead || person === 'ava') continue;
    await work.projectMembers.add(actors.ctx('ava', setup), admin, { member: actors.ids[person], role });
  }
  for (const state of def.states) {
    await work.states.create(actors.ctx(def.lead, setup), scope(def.lead), state);
  }
  const states = new Map((await work.states.list(admin, ALL)).rows.map((s) => [s.name, s.id]));
  const labels = new Map<string, string>();
  for (const label of def.labels) {
    const row = await work.labels.create(actors.ctx(def.lead, setup), scope(def.lead), {
      name: label.name,
      color: label.color,
      parent: label.parent ? labels.get(label.parent) : null,
    });
    labels.set(label.name, row.id);
  }
  const cycles: string[] = [];
  for (const [i, window] of cycleWindows.entries()) {
    const record = await work.cycles.create(actors.ctx(def.lead, setup), scope(def.lead), {
      name: def.cycleNames[i]!,
      description: `${def.cycleNames[i]} of ${def.name}.`,
      start_date: calendar.date(window.start),
      end_date: calendar.date(window.end),
    });
    cycles.push(record.cycle.id);
  }
  const sizes = await estimate(container, actors, def, scope(def.lead), setup);
  const plan = planProject(def, calendar);
  const modules = new Map<string, string>();
  for (const module of def.modules) {
    const status = plan.moduleStatus.get(module.name)!;
    const row = await work.modules.create(actors.ctx(def.lead, setup), scope(def.lead), {
      name: module.name,
      description: module.description,
      lead: actors.ids[module.lead],
      members: [...new Set([module.lead, def.lead])].map((p) => actors.ids[p]),
      status: status.status,
      start_date: status.start,
      target_date: status.target,
    });
    modules.set(module.name, row.id);
  }

  const items = new Map<string, WorkItemRecord>();
  const item = (ref: string) => items.get(ref)!;
  /** An item's size: its estimate point on an estimated project, else the legacy `point`. */
  const size = (point: number | null) =>
    sizes ? { estimate_point: point === null ? null : sizes.get(String(point))! } : { point };
  for (const event of plan.events) {
    signal?.throwIfAborted();
    await apply(event);
  }

  async function apply(event: DemoEvent): Promise<void> {
    const ctx = actors.ctx(event.by, event.at);
    const as = scope(event.by);
    switch (event.kind) {
      case 'create': {
        const planned = plan.items.get(event.ref)!;
        const created = await work.workItems.create(ctx, as, {
          name: planned.name,
          ...(planned.descriptionHtml ? { description_html: planned.descriptionHtml } : {}),
          priority: planned.priority,
          state: states.get(planned.state)!,
          assignees: planned.assignees.map((p) => actors.ids[p]),
          labels: planned.labels.map((l) => labels.get(l)!),
          parent: planned.parent ? item(planned.parent).id : null,
          start_date: planned.startDate,
          target_date: planned.targetDate,
          ...size(planned.firstPoint ?? planned.point),
        });
        items.set(event.ref, created);
        return;
      }
      case 'state':
        await work.workItems.update(ctx, as, item(event.ref).id, { state: states.get(event.state)! });
        return;
      case 'estimate':
        await work.workItems.update(ctx, as, item(event.ref).id, size(event.point));
        return;
      case 'cycle':
        await work.cycles.addItems(
          ctx,
          as,
          cycles[event.cycle]!,
          event.refs.map((r) => item(r).id),
        );
        return;
      case 'module':
        await work.modules.addItems(
          ctx,
          as,
          modules.get(event.module)!,
          event.refs.map((r) => item(r).id),
        );
        return;
      case 'comment':
        await work.comments.create(ctx, as, item(event.ref), {
          comment_html: `<p>${event.text}</p>`,
          created_at: event.at.toISOString(),
        });
        return;
      case 'link':
        await work.links.create(ctx, as, item(event.ref), { url: event.url, title: event.title });
        return;
      case 'worklog':
        await work.worklogs.create(ctx, as, item(event.ref).id, {
          duration: event.minutes,
          description: event.description,
        });
        return;
      case 'relation':
        await work.relations.create(ctx, as, item(event.ref), event.type, [item(event.other).id]);
        return;
    }
  }

  // Today's intake queue: submitted just now, the first one already accepted by the lead.
  for (const [i, submission] of def.intake.entries()) {
    const record = await work.intake.create(actors.ctx(submission.by), scope(submission.by), {
      name: submission.name,
      description_html: `<p>${submission.description}</p>`,
      priority: i === 0 ? 'high' : 'medium',
    });
    if (i === 0)
      await work.intake.update(actors.ctx(def.lead), scope(def.lead), record.item.id, { status: 1 });
  }

  await work.projects.update(actors.ctx('ava'), admin, { external_id: def.key });
  return items.size + def.intake.length;
}

/**
 * The project's estimate, when its catalog entry has one: made, given its points and linked by the lead at setup.
 * Answers each value's point id, or undefined for a project sized with the legacy `point`.
 */
async function estimate(
  container: Container,
  actors: DemoActors,
  def: DemoProject,
  lead: ProjectScope,
  at: Date,
): Promise<Map<string, string> | undefined> {
  if (!def.estimate) return undefined;
  const { estimates, projects } = container.work;
  const ctx = actors.ctx(def.lead, at);
  const created = await estimates.create(ctx, lead, { name: def.estimate.name, type: 'points' });
  const points = await estimates.createPoints(
    ctx,
    lead,
    created.id,
    def.estimate.values.map((value, key) => ({ value, key: key + 1 })),
  );
  await projects.update(ctx, lead, { estimate: created.id });
  return new Map(points.map((p) => [p.value, p.id]));
}
