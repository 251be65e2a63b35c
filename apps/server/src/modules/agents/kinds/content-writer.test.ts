import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../platform/db/database.ts';
import { parseUserMessage } from '../../../platform/llm/prompt.ts';
import { agentsApi } from '../../../../test/agents.ts';
import { startFakeOpenAI, type FakeLlmServer } from '../../../../test/fakes/llm-servers.ts';
import { newUser, newWorkspace, type TestUser } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { fitToChannel } from './content-writer.ts';

const brief =
  'Northwind Coffee opens its second roastery in Leeds on 3 March. The roastery doubles our capacity and cuts delivery times in the north to one day. Visitors get a free tasting on opening weekend.';

describe('fitting a draft to its channel', () => {
  it('strips Markdown where it does not render, keeps the allowed hashtags and cuts at a sentence', () => {
    const text = `## Big news\n\n**Northwind** opens in [Leeds](https://northwind.example). ${'More details follow. '.repeat(20)}#coffee #leeds #roastery`;
    const fitted = fitToChannel(text, 'x');
    expect(fitted.length).toBeLessThanOrEqual(280);
    expect(fitted.startsWith('Big news\n\nNorthwind opens in Leeds https://northwind.example.')).toBe(true);
    expect(fitted).toMatch(/\.$/);
    expect(fitToChannel('Launch day! #a #b #c #d', 'x')).toBe('Launch day! #a #b');
    expect(fitToChannel('# Title\n\nBody', 'blog')).toBe('# Title\n\nBody');
  });
});

describe('the content writer through the runtime, offline', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.container.jobs.startWorkers();
    owner = await newUser(t);
  });
  afterAll(() => t?.close());

  it('drafts for the channel, waits for approval, redrafts from the reason, and publishes once', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const writer = await api.createAgent({
      name: 'Writer',
      agent_type: 'content_writer',
      configuration: { brand: 'Northwind', hashtags: ['#NorthwindCoffee'] },
    });
    const task = await api.createTask({
      agent_id: writer.id,
      task_type: 'draft_post',
      input: {
        brief,
        channel: 'linkedin',
        keywords: ['specialty coffee', 'Leeds'],
        call_to_action: 'Book your tasting slot',
        link: 'https://northwind.example/leeds',
      },
    });
    const first = await api.settled(task.id, ['needs_approval']);
    const draft = first.output_data as { text: string; characters: number; written_by: string };
    expect(draft.written_by).toBe('offline:offline-templates-1');
    expect(draft.text).toBe(
      [
        'Northwind Coffee opens its second roastery in Leeds on 3 March.',
        'The roastery doubles our capacity and cuts delivery times in the north to one day. Visitors get a free tasting on opening weekend.',
        '• Specialty coffee\n• Leeds',
        'Book your tasting slot. https://northwind.example/leeds',
        '#NorthwindCoffee #SpecialtyCoffee #Leeds',
      ].join('\n\n'),
    );
    expect(draft.characters).toBe(draft.text.length);

    await api.reject(task.id, 'Too long, and please drop the hashtags.');
    const second = await api.settled(task.id, ['needs_approval']);
    const redraft = second.output_data as { text: string; revision: number; feedback_addressed: string[] };
    expect(redraft.revision).toBe(1);
    expect(redraft.feedback_addressed).toEqual(['Too long, and please drop the hashtags.']);
    expect(redraft.text).not.toContain('#');
    expect(redraft.text.length).toBeLessThan(draft.text.length);

    const approved = await api.approve(task.id, 'Ship it');
    const done = await api.settled(approved.id, ['completed']);
    const applied = (done.output_data as { applied: { publication_id: string; published_at: string } })
      .applied;
    expect(applied.publication_id).toMatch(/^[0-9a-f-]{36}$/);
    const events = rowsOf<{ payload: { text: string; publication_id: string } }>(
      await t.database.db.execute(
        sql`select payload from domain_events where type = 'content.published' and aggregate_id = ${task.id}`,
      ),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ text: redraft.text, publication_id: applied.publication_id });
  });

  it('respects the length of X and refuses a brief for an unknown channel', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const writer = await api.createAgent({ name: 'Writer', agent_type: 'content_writer' });
    const task = await api.createTask({
      agent_id: writer.id,
      task_type: 'draft_post',
      input: { brief: `${brief} ${brief}`, channel: 'x', keywords: ['coffee', 'leeds', 'roastery'] },
    });
    const text = ((await api.settled(task.id, ['needs_approval'])).output_data as { text: string }).text;
    expect(text.length).toBeLessThanOrEqual(280);
    expect(text.match(/#\w+/g)).toEqual(['#Coffee', '#Leeds']);
    const bad = await api.send('POST', '/agent-tasks', {
      agent_id: writer.id,
      task_type: 'draft_post',
      input: { brief, channel: 'myspace' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'input' } });
  });
});

describe('the content writer with an OpenAI-compatible model', () => {
  let server: FakeLlmServer;
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    server = await startFakeOpenAI('sk-agency-test', (request) => {
      const messages = request.body.messages as Array<{ role: string; content: string }>;
      const input = parseUserMessage(messages.at(-1)!.content)!.input as { feedback: string[] };
      return input.feedback.length
        ? 'Leeds, meet our second roastery: opening 3 March with free tastings.'
        : '## Leeds roastery\n\n**Northwind** opens its second roastery in Leeds on 3 March, with free tastings all weekend. #coffee #leeds #roastery';
    });
    t = await createTestApp({
      LLM_PROVIDER: 'openai',
      LLM_MODEL: 'gpt-4o-mini',
      OPENAI_API_KEY: 'sk-agency-test',
      OPENAI_BASE_URL: server.baseUrl,
    });
    await t.container.jobs.startWorkers();
    owner = await newUser(t);
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("uses the model's draft, fitted to the channel, and sends the reviewer's reason with the redraft", async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const writer = await api.createAgent({ name: 'Writer', agent_type: 'content_writer' });
    const task = await api.createTask({
      agent_id: writer.id,
      task_type: 'draft_post',
      input: { brief, channel: 'x' },
    });
    const first = (await api.settled(task.id, ['needs_approval'])).output_data as Record<string, unknown>;
    expect(first).toMatchObject({
      text: 'Leeds roastery\n\nNorthwind opens its second roastery in Leeds on 3 March, with free tastings all weekend. #coffee #leeds',
      written_by: 'openai.chat:gpt-4o-mini',
    });
    server.failNext(429);
    await api.reject(task.id, 'Make it friendlier.');
    const second = (await api.settled(task.id, ['needs_approval'])).output_data as { text: string };
    expect(second.text).toBe('Leeds, meet our second roastery: opening 3 March with free tastings.');
    const last = server.requests.at(-1)!.body.messages as Array<{ role: string; content: string }>;
    expect(last[0]!.content).toContain('A reviewer rejected the previous draft');
    expect(last[1]!.content).toContain('"feedback": [\n    "Make it friendlier."\n  ]');
  });

  it('fails the task at once, with the reason, when the model refuses the key', async () => {
    const before = server.requests.length;
    const revoked = await createTestApp({
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-revoked',
      OPENAI_BASE_URL: server.baseUrl,
    });
    try {
      await revoked.container.jobs.startWorkers();
      const someone = await newUser(revoked);
      const api = agentsApi(revoked, await newWorkspace(revoked, someone), someone);
      const writer = await api.createAgent({ name: 'Writer', agent_type: 'content_writer' });
      const task = await api.createTask({
        agent_id: writer.id,
        task_type: 'draft_post',
        input: { brief, channel: 'x' },
      });
      const failed = await api.settled(task.id, ['failed']);
      expect(failed.attempts).toBe(1);
      expect(failed.error_message).toMatch(
        /^The language model openai\.chat:gpt-4o-mini refused the API key \(HTTP 401\): Incorrect API key provided/,
      );
      expect(server.requests.length - before).toBe(1);
    } finally {
      await revoked.close();
    }
  });
});
