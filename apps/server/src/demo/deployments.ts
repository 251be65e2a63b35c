import type { Container } from '../container.ts';
import type { RecordDeployment } from '../modules/integrations/index.ts';
import type { DemoActors } from './demo-scope.ts';
import type { PersonKey } from './people.ts';
import { DemoRandom } from './random.ts';

const HOUR = 3_600_000;
const DAYS = 60;
const COUNT = 150;
const projects = ['brightside-site', 'pulse-app', 'aurora-campaign'] as const;
const authors: PersonKey[] = ['leo', 'tom', 'jonas', 'priya'];

/**
 * Sixty days of deployments, with the habits a risk model can find: big changes and late-night deployments fail
 * more, and so does Tom (he ships the big refactors). Times are relative to `now`, drawn from a seeded stream.
 */
export function demoDeploymentHistory(actors: DemoActors, now: Date): RecordDeployment[] {
  const random = new DemoRandom('deployments');
  // Midnight UTC, so the hours below are hours of the day whatever time the seed runs.
  const first = Math.floor(now.getTime() / (24 * HOUR)) * 24 * HOUR - DAYS * 24 * HOUR;
  return Array.from({ length: COUNT }, (_, i) => {
    const author = random.pick(authors);
    const day = Math.floor((i * DAYS) / COUNT);
    const lateNight = random.chance(0.18);
    // Office hours in Berlin are about 07–17 UTC; late nights 20–23 UTC.
    const hour = lateNight ? random.int(20, 23) : random.int(7, 16);
    const createdAt = new Date(first + day * 24 * HOUR + hour * HOUR + random.int(0, 59) * 60_000);
    const lines = Math.round(4 * 600 ** random.next() * (author === 'tom' ? 2.5 : 1));
    const production = random.chance(0.55);
    const logit =
      -3.0 + 1.5 * (Math.log10(lines + 1) - 1.8) + (lateNight ? 2.2 : 0) + (author === 'tom' ? 1.3 : 0);
    const failed = random.next() < 1 / (1 + Math.exp(-logit));
    const additions = Math.round(lines * (0.55 + random.next() * 0.35));
    const project = random.pick(projects);
    return {
      provider: 'demo',
      externalId: `demo-${String(i + 1).padStart(3, '0')}`,
      projectName: project,
      state: failed ? 'error' : 'ready',
      environment: production ? 'production' : 'preview',
      url: `https://${project}-${(i + 1).toString(36)}.example.com`,
      commitSha: (0x1000000 + Math.floor(random.next() * 0xeffffff)).toString(16),
      branch: production ? 'main' : `feature/${project.split('-')[0]}-${random.int(10, 99)}`,
      author,
      creatorId: actors.ids[author],
      filesChanged: Math.max(1, Math.round(lines / random.int(15, 40))),
      additions,
      deletions: lines - additions,
      createdAt,
      finishedAt: new Date(createdAt.getTime() + random.int(2, 9) * 60_000),
    };
  });
}

/**
 * The deployment history (one insert; a second seed adds nothing) and the risk agent with one scoring task for
 * the next release, so the risk model has trained on a real history when someone first looks.
 */
export async function seedDeployments(container: Container, actors: DemoActors, now: Date): Promise<number> {
  const workspaceId = actors.workspace.id;
  const ctx = actors.ctx('jonas');
  const imported = await container.integrations.deployments.importHistory(
    ctx,
    workspaceId,
    demoDeploymentHistory(actors, now),
  );
  const { service } = container.agents;
  const { rows } = await service.listAgents(
    workspaceId,
    { agentType: 'deployment_risk' },
    { offset: 0, limit: 1 },
  );
  const analyst =
    rows[0] ??
    (await service.createAgent(ctx, workspaceId, {
      name: 'Deployment Risk Analyst',
      agentType: 'deployment_risk',
    }));
  await service.createTask(ctx, workspaceId, analyst.id, {
    taskType: 'score_deployment',
    description: 'Score the Brightside checkout release',
    input: {
      deployment: {
        id: 'brightside-checkout-release',
        service: 'brightside-site',
        environment: 'production',
        author: 'tom',
        ref: 'main',
      },
      change: { files_changed: 24, additions: 780, deletions: 190 },
    },
    idempotencyKey: 'demo-risk-brightside-checkout',
  });
  return imported;
}
