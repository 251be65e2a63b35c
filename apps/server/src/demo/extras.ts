import type { Container } from '../container.ts';
import type { DemoActors } from './demo-scope.ts';
import type { PersonKey } from './people.ts';

const stickies: Array<{ by: PersonKey; name: string; text: string; color: string }> = [
  {
    by: 'ava',
    name: 'This week',
    text: 'Brightside launch date call on Thursday. Sign the Aurora change request.',
    color: '#FEF3C7',
  },
  {
    by: 'ava',
    name: 'Hiring',
    text: 'Second interviews for the senior developer role: Tue and Wed.',
    color: '#DBEAFE',
  },
  {
    by: 'priya',
    name: 'Sprint 3 risks',
    text: 'Checkout QA needs the Stripe test keys from the client.',
    color: '#FCE7F3',
  },
  { by: 'priya', name: 'Retro ideas', text: 'Shorter stand-ups; demo every Friday.', color: '#DCFCE7' },
  {
    by: 'jonas',
    name: 'Release checklist',
    text: 'Bump build number, changelog, TestFlight, staged rollout 10%.',
    color: '#E0E7FF',
  },
];

/** Personal notes on a few people's home screens; someone who already has notes keeps just those. */
export async function seedStickies(container: Container, actors: DemoActors): Promise<number> {
  let made = 0;
  for (const person of new Set(stickies.map((s) => s.by))) {
    const scope = actors.workspaceScope(person);
    const { total } = await container.work.stickies.list(scope, undefined, { limit: 1, offset: 0 });
    if (total > 0) continue;
    for (const sticky of stickies.filter((s) => s.by === person)) {
      await container.work.stickies.create(actors.ctx(person), scope, {
        name: sticky.name,
        description_html: `<p>${sticky.text}</p>`,
        background_color: sticky.color,
      });
      made += 1;
    }
  }
  return made;
}

const diff = (path: string, lines: string[]) =>
  [
    `diff --git a/${path} b/${path}`,
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -1,2 +1,${lines.length + 2} @@`,
    ' // existing code',
    ...lines.map((l) => `+${l}`),
    ' // more existing code',
  ].join('\n') + '\n';

const reviews = [
  {
    key: 'agency-os-demo:review:412',
    title: 'Checkout: save the delivery address',
    repository: 'northwind-digital/brightside-web',
    pull_request: 412,
    diff: diff('src/checkout/address.ts', [
      'export async function saveAddress(db, orderId, street) {',
      '  return db.query("update orders set street = \'" + street + "\' where id = " + orderId);',
      '}',
    ]),
  },
  {
    key: 'agency-os-demo:review:418',
    title: 'Configurator: round prices to cents',
    repository: 'northwind-digital/brightside-web',
    pull_request: 418,
    diff: diff('src/configurator/price.test.ts', [
      "it('rounds to cents', () => expect(round(10.005)).toBe(10.01));",
    ]),
  },
  {
    key: 'agency-os-demo:review:77',
    title: 'Sync: call the wearable API',
    repository: 'northwind-digital/pulse-app',
    pull_request: 77,
    diff: diff('api/src/wearables/client.ts', [
      'const agent = new https.Agent({ rejectUnauthorized: false });',
      'export const fetchWorkouts = (url) => fetch(url, { agent });',
    ]),
  },
];

/**
 * The built-in code-review and security agents, with a few pull requests to review. The worker runs the tasks
 * (the reviews that find security problems hand them to the security agent), so a running server shows them
 * finished; idempotency keys keep a second seed from asking again.
 */
export async function seedAgents(container: Container, actors: DemoActors): Promise<number> {
  const { service } = container.agents;
  const workspaceId = actors.workspace.id;
  const ctx = actors.ctx('jonas');
  const ensure = async (agentType: string, name: string, configuration: Record<string, unknown>) => {
    const { rows } = await service.listAgents(workspaceId, { agentType }, { offset: 0, limit: 1 });
    return rows[0] ?? (await service.createAgent(ctx, workspaceId, { name, agentType, configuration }));
  };
  await ensure('security', 'Security Sentinel', {});
  const reviewer = await ensure('code_review', 'Code Review Bot', { max_changed_lines: 400 });
  let created = 0;
  for (const review of reviews) {
    const { created: isNew } = await service.createTask(ctx, workspaceId, reviewer.id, {
      taskType: 'review_diff',
      description: `Review PR #${review.pull_request}: ${review.title}`,
      input: {
        diff: review.diff,
        title: review.title,
        repository: review.repository,
        pull_request: review.pull_request,
      },
      idempotencyKey: review.key,
    });
    if (isNew) created += 1;
  }
  return created;
}
