import type { Container } from '../container.ts';
import { DemoCalendar } from './calendar.ts';
import { demoProjects } from './catalog.ts';
import { DemoActors } from './demo-scope.ts';
import { seedDeployments } from './deployments.ts';
import { seedAgents, seedStickies } from './extras.ts';
import { seedDeploymentPipeline } from './pipeline.ts';
import { DEMO_PASSWORD, DEMO_TIMEZONE, DEMO_WORKSPACE, people, seedPeople, seedWorkspace } from './people.ts';
import { createDemoProject, fillDemoProject, findDemoProjects } from './projects.ts';

export { DEMO_PASSWORD, DEMO_WORKSPACE } from './people.ts';

export interface DemoLogin {
  url: string;
  email: string;
  password: string;
}

export interface DemoAgency {
  projects: number;
  workItems: number;
  stickies: number;
  agentTasks: number;
  deployments: number;
}

/**
 * The demo agency, in two steps so that a first start can print its URL at once:
 * 1. `prepareDemo` (quick): the people, the workspace, and each demo project, still empty and marked as being
 *    seeded;
 * 2. `seedDemoAgency` (seconds): fills every project still marked, then notes and agents.
 * A start that finds a project still marked (the process stopped half-way) fills it again: a project left half
 * filled is deleted and made anew. Running either step again changes nothing.
 */
export async function seedDemo(container: Container): Promise<DemoLogin> {
  const login = await prepareDemo(container);
  await seedDemoAgency(container);
  return login;
}

export async function prepareDemo(container: Container): Promise<DemoLogin> {
  const actors = await demoActors(container, true);
  const existing = await findDemoProjects(container, actors!);
  const calendar = new DemoCalendar(new Date(), DEMO_TIMEZONE);
  for (const def of demoProjects) {
    if (!existing.has(def.key)) await createDemoProject(container, actors!, def, calendar);
  }
  return { url: container.config.publicUrl, email: people.ava.email, password: DEMO_PASSWORD };
}

/** Whether the demo workspace has a project still to fill. */
export async function demoPending(container: Container): Promise<boolean> {
  const actors = await demoActors(container, false);
  if (!actors) return false;
  return [...(await findDemoProjects(container, actors)).values()].some((p) => !p.done);
}

export async function seedDemoAgency(
  container: Container,
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<DemoAgency> {
  const summary: DemoAgency = { projects: 0, workItems: 0, stickies: 0, agentTasks: 0, deployments: 0 };
  const actors = await demoActors(container, false);
  if (!actors) return summary;
  // The agents' review tasks are queued; the CLI and a process without the api role have not opened the queue.
  await container.jobs.open();
  const calendar = new DemoCalendar(options.now ?? new Date(), DEMO_TIMEZONE);
  const found = await findDemoProjects(container, actors);
  for (const def of demoProjects) {
    const entry = found.get(def.key);
    if (!entry || entry.done) continue;
    options.signal?.throwIfAborted();
    let project = entry.project;
    if (!entry.pristine) {
      // Stopped half-way last time: start this project again from nothing.
      await container.work.projects.delete(actors.ctx('ava'), actors.projectScope('ava', project, 20));
      project = await createDemoProject(container, actors, def, calendar);
    }
    summary.workItems += await fillDemoProject(container, actors, def, project, calendar, options.signal);
    summary.projects += 1;
  }
  summary.stickies = await seedStickies(container, actors);
  summary.agentTasks = await seedAgents(container, actors);
  summary.deployments = await seedDeployments(container, actors, options.now ?? new Date());
  await seedDeploymentPipeline(container, actors);
  return summary;
}

/** The people and the workspace: made when `create`, else only found (undefined when the demo is not there). */
async function demoActors(container: Container, create: boolean): Promise<DemoActors | undefined> {
  const { identity } = container;
  if (create) {
    const ids = await seedPeople(container);
    return new DemoActors(await seedWorkspace(container, ids), ids);
  }
  const workspace = await identity.workspaces.findBySlug(DEMO_WORKSPACE).catch(() => undefined);
  if (!workspace) return undefined;
  const ids = await seedPeople(container);
  return new DemoActors(workspace, ids);
}
