import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../platform/db/database.ts';
import { agentsApi } from '../../../../test/agents.ts';
import { newUser, newWorkspace, type TestUser } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import type { FakeLlmServer } from '../../../../test/fakes/llm-servers.ts';
import { openAiTestApp } from '../../../../test/fakes/openai-test-app.ts';
import { parseUserMessage } from '../../../platform/llm/prompt.ts';
import { lineFindings, oversizedChange, untestedChange } from './code-rules.ts';
import type { Finding } from './findings.ts';
import { boundDiff, withholdSecrets } from './model-review.ts';
import { findSecrets, shannonEntropy } from './secrets.ts';
import { parseUnifiedDiff } from './unified-diff.ts';

// Credentials are assembled at run time so that no scanner mistakes this file for a leak.
const secrets = {
  AWS_ACCESS_KEY_ID: ['AKIA', 'IOSFODNN7EXAMPLE'].join(''),
  AWS_SECRET_ACCESS_KEY: ['wJalrXUtnFEMI/K7MDENG', '/bPxRfiCYEXAMPLEKEY'].join(''),
  SLACK_BOT_TOKEN: ['xo', 'xb-2201234567890-4401234567890-', 'Zq8Lm3Nv5Rt7Wx9Yb1Cd3Ef5'].join(''),
  GITHUB_TOKEN: ['gh', 'p_', 'R8mZ2qL7vX4nT9kW3cJ6hB1sF5dY0aGe2PuQ'].join(''),
};
const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/code-review/${name}`, import.meta.url), 'utf8').replace(
    /\{\{(\w+)\}\}/g,
    (_, key: keyof typeof secrets) => secrets[key],
  );
const risky = fixture('risky.diff');
const clean = fixture('clean.diff');
const python = fixture('python.diff');

const review = (diff: string) => {
  const files = parseUnifiedDiff(diff);
  return [
    ...files.flatMap(lineFindings),
    untestedChange(files),
    oversizedChange(files, { maxChangedLines: 400, maxFiles: 25 }),
  ].filter((f): f is Finding => Boolean(f));
};
const brief = (findings: Finding[]) =>
  findings.map((f) => `${f.file ?? '-'}:${f.line ?? '-'} ${f.rule} ${f.severity}`);

describe('unified diff parser', () => {
  it('reads files, their status and the new line number of every added line', () => {
    const files = parseUnifiedDiff(risky);
    expect(files.map((f) => [f.path, f.status, f.additions, f.deletions])).toEqual([
      ['.env.production', 'added', 4, 0],
      ['deploy/id_rsa', 'added', 4, 0],
      ['scripts/sync.sh', 'modified', 1, 1],
      ['src/config/aws.ts', 'added', 6, 0],
      ['src/routes/reports.ts', 'modified', 23, 0],
    ]);
    const reports = files[4]!;
    expect(reports.added.find((l) => l.text.includes('eval('))?.line).toBe(30);
  });

  it('does not take an added line starting with ++ or -- for a file header', () => {
    const diff = [
      'diff --git a/notes.md b/notes.md',
      '--- a/notes.md',
      '+++ b/notes.md',
      '@@ -1,2 +1,3 @@',
      ' # Notes',
      '+++ counter ++',
      '--- divider',
      '+--- not a header',
    ].join('\n');
    const [file] = parseUnifiedDiff(diff);
    expect(file).toMatchObject({ path: 'notes.md', additions: 2, deletions: 1 });
    expect(file!.added.map((l) => l.text)).toEqual(['++ counter ++', '--- not a header']);
  });

  it('reads plain diff -u output and deleted files', () => {
    const diff = [
      '--- old/app.js\t2026-01-01 10:00:00',
      '+++ new/app.js\t2026-01-02 10:00:00',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
    ].join('\n');
    expect(parseUnifiedDiff(diff).map((f) => [f.path, f.status])).toEqual([
      ['new/app.js', 'modified'],
      ['gone.txt', 'deleted'],
    ]);
  });
});

describe('code review rules', () => {
  it('finds every problem of a risky pull request, at the right line, with a severity', () => {
    expect(brief(review(risky))).toEqual([
      '.env.production:2 tls_verification_disabled high',
      '.env.production:3 slack_token high',
      '.env.production:4 github_token high',
      'deploy/id_rsa:1 private_key critical',
      'scripts/sync.sh:3 tls_relaxed medium',
      'src/config/aws.ts:3 aws_access_key_id critical',
      'src/config/aws.ts:4 aws_secret_access_key critical',
      'src/routes/reports.ts:10 sql_concatenation high',
      'src/routes/reports.ts:20 shell_injection high',
      'src/routes/reports.ts:27 tls_verification_disabled high',
      'src/routes/reports.ts:30 eval high',
      '-:- untested_change medium',
    ]);
  });

  it('never repeats a credential it found: evidence is masked', () => {
    const evidence = review(risky).map((f) => f.evidence ?? '');
    for (const secret of Object.values(secrets)) {
      expect(evidence.join('\n')).not.toContain(secret);
      expect(evidence.join('\n')).not.toContain(secret.slice(4, 12));
    }
    expect(evidence).toContain(`${secrets.AWS_ACCESS_KEY_ID.slice(0, 4)}… (20 characters)`);
  });

  it('reads Python too: f-string SQL, shell=True, os.system with concatenation, verify=False', () => {
    expect(brief(review(python))).toEqual([
      'app/reports.py:8 tls_verification_disabled high',
      'app/reports.py:12 sql_concatenation high',
      'app/reports.py:17 shell_injection high',
      'app/reports.py:18 shell_injection high',
      '-:- untested_change medium',
    ]);
  });

  it('passes a careful change: tagged SQL, RegExp.exec, prose, UUIDs, lockfile hashes, tests changed', () => {
    expect(review(clean)).toEqual([]);
  });

  it('finds a high-entropy string and a hard-coded password, but not ordinary values', () => {
    for (const line of [
      `const signingKey = "q7Zt9wX2mK4pL8vR1nB6yC3hJ5sD0fGa";`,
      `password: "Tr0ub4dor&3xample",`,
    ]) {
      expect(findSecrets(line), line).toMatchObject([{ rule: 'hardcoded_credential', severity: 'high' }]);
    }
    expect(findSecrets(`fixture: "Zq8Lm3Nv5Rt7Wx9Yb1Cd3Ef5Gh7Jk9Mn2"`)).toMatchObject([
      { rule: 'high_entropy_string', severity: 'medium' },
    ]);
    for (const line of [
      `password: process.env.DB_PASSWORD,`,
      `const token = "\${TOKEN}";`,
      `apiKey: 'your-api-key-here',`,
      `const title = "Quarterly report for the northwind account";`,
      `import logo from "./assets/northwind-logo-2026.svg";`,
    ]) {
      expect(findSecrets(line), line).toEqual([]);
    }
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('withholds every line that holds a credential, and private keys whole, before a model sees the diff', () => {
    const { text, withheld } = withholdSecrets(risky);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    expect(text).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
    expect(text).toContain('+[line withheld: it holds a credential]');
    expect(text).toContain('+  const render = eval(req.body.template);');
    expect(withheld).toBe(8);
    // Random-looking values are withheld even where the rules excuse them (a lockfile's hash): better one line
    // too many than a key sent to a model provider.
    const tidy = withholdSecrets(clean);
    expect(tidy.withheld).toBe(1);
    expect(tidy.text).not.toContain('sha512-');
  });

  it('bounds the diff sent to a model, cutting after a whole line', () => {
    const diff = Array.from({ length: 100 }, (_, i) => `+line ${i}`).join('\n');
    expect(boundDiff(diff, 10_000)).toEqual({ text: diff, truncated: false });
    const cut = boundDiff(diff, 50);
    expect(cut).toEqual({ text: '+line 0\n+line 1\n+line 2\n+line 3\n+line 4\n+line 5\n', truncated: true });
  });

  it('flags oversized changes, more severely when far over the limit', () => {
    const big = (lines: number) =>
      [
        'diff --git a/src/big.ts b/src/big.ts',
        '--- a/src/big.ts',
        '+++ b/src/big.ts',
        `@@ -0,0 +1,${lines} @@`,
        ...Array.from({ length: lines }, (_, i) => `+export const value${i} = ${i};`),
      ].join('\n');
    const limits = { maxChangedLines: 400, maxFiles: 25 };
    expect(oversizedChange(parseUnifiedDiff(big(400)), limits)).toBeUndefined();
    expect(oversizedChange(parseUnifiedDiff(big(500)), limits)).toMatchObject({ severity: 'low' });
    expect(oversizedChange(parseUnifiedDiff(big(900)), limits)).toMatchObject({ severity: 'medium' });
  });
});

describe('the code-review agent through the runtime', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.container.jobs.startWorkers();
    owner = await newUser(t);
  });
  afterAll(() => t?.close());

  it('reviews a diff, hands its security findings to the security agent, which waits for sign-off', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const reviewer = await api.createAgent({ name: 'Reviewer', agent_type: 'code_review' });
    const security = await api.createAgent({ name: 'Security', agent_type: 'security' });
    const task = await api.createTask({
      agent_id: reviewer.id,
      task_type: 'review_diff',
      input: {
        diff: risky,
        title: 'Export reports as PDF',
        repository: 'northwind/reports',
        pull_request: 42,
      },
    });
    const done = await api.settled(task.id, ['completed']);
    const output = done.output_data as {
      verdict: string;
      summary: string;
      counts: Record<string, number>;
      findings: Finding[];
      security_task_id: string;
      security_agent_id: string;
    };
    expect(output.verdict).toBe('request_changes');
    expect(output.counts).toEqual({ critical: 3, high: 7, medium: 2, low: 0, info: 0 });
    // Most severe first.
    expect(output.findings[0]!.severity).toBe('critical');
    expect(output.summary).toBe(
      '12 finding(s) (3 critical, 7 high, 2 medium) in 5 file(s). 11 security finding(s) were handed to the security agent.',
    );
    for (const secret of Object.values(secrets)) expect(JSON.stringify(output)).not.toContain(secret);
    expect(output.security_agent_id).toBe(security.id);

    const handoff = await api.settled(output.security_task_id, ['needs_approval']);
    expect(handoff).toMatchObject({
      agent_id: security.id,
      parent_task_id: task.id,
      created_by_agent_id: reviewer.id,
      priority: 10,
      task_type: 'security_review',
    });
    const triage = handoff.output_data as { risk: string; actions: string[]; findings: unknown[] };
    expect(triage.risk).toBe('critical');
    expect(triage.findings).toHaveLength(11);
    expect(triage.actions[0]).toBe(
      'Revoke the key pair and issue a new one; purge the file from the git history.',
    );
    const collaborations = rowsOf<Record<string, unknown>>(
      await t.database.db.execute(
        sql`select primary_agent_id, collaborating_agent_id, collaboration_type, status from agent_collaborations where task_id = ${handoff.id}`,
      ),
    );
    expect(collaborations).toEqual([
      {
        primary_agent_id: reviewer.id,
        collaborating_agent_id: security.id,
        collaboration_type: 'handoff',
        status: 'active',
      },
    ]);

    const redraft = await api.reject(handoff.id, 'The key in deploy/ was already rotated last week.');
    expect(redraft.status).toBe('pending');
    const second = await api.settled(handoff.id, ['needs_approval']);
    expect(second.output_data).toMatchObject({
      revision: 1,
      reviewer_notes: ['The key in deploy/ was already rotated last week.'],
    });
    expect((await api.approve(handoff.id)).status).toBe('completed');
    const [collaboration] = rowsOf<{ status: string }>(
      await t.database.db.execute(sql`select status from agent_collaborations where task_id = ${handoff.id}`),
    );
    expect(collaboration!.status).toBe('completed');
  });

  it('approves a clean change, and says so when nobody can take the security findings', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const reviewer = await api.createAgent({ name: 'Reviewer', agent_type: 'code_review' });
    const good = await api.createTask({
      agent_id: reviewer.id,
      task_type: 'review_diff',
      input: { diff: clean },
    });
    expect((await api.settled(good.id, ['completed'])).output_data).toMatchObject({
      verdict: 'approve',
      summary: 'No findings in 4 file(s).',
      findings: [],
      security_task_id: null,
      model_review: {
        status: 'offline',
        model: 'offline:offline-templates-1',
        text: "No model review was made: no language model is configured (LLM_PROVIDER is offline). The findings above are the rules' alone.",
        error: null,
        diff_truncated: false,
      },
    });
    const bad = await api.createTask({
      agent_id: reviewer.id,
      task_type: 'review_diff',
      input: { diff: python },
    });
    const reviewed = await api.settled(bad.id, ['completed']);
    expect(reviewed.output_data).toMatchObject({ verdict: 'request_changes', security_task_id: null });
    expect((reviewed.output_data as { summary: string }).summary).toContain(
      '4 security finding(s) need a security review, but this workspace has no security agent.',
    );
  });

  it('refuses input that is not a diff, naming the field, before anything is queued', async () => {
    const workspace = await newWorkspace(t, owner);
    const api = agentsApi(t, workspace, owner);
    const reviewer = await api.createAgent({ name: 'Reviewer', agent_type: 'code_review' });
    for (const input of [{ diff: 'just some text' }, {}, { diff: risky, extra: 1 }]) {
      const response = await api.send('POST', '/agent-tasks', {
        agent_id: reviewer.id,
        task_type: 'review_diff',
        input,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'input' } });
    }
    const wrongType = await api.send('POST', '/agent-tasks', {
      agent_id: reviewer.id,
      task_type: 'deploy',
      input: { diff: risky },
    });
    expect(wrongType.json()).toMatchObject({
      error: { code: 'AGENT_TASK_TYPE_UNSUPPORTED', field: 'task_type' },
    });
    const list = await api.send('GET', '/agent-tasks');
    expect(list.json()).toMatchObject({ total_count: 0, results: [] });
  });
});

describe('the code-review agent with an OpenAI-compatible model', () => {
  let server: FakeLlmServer;
  let t: TestApp;
  let close: () => Promise<void>;
  let owner: TestUser;
  const modelText =
    '- src/routes/reports.ts:31: the export loop never closes the PDF stream when a row fails.\n- Nothing else.';

  beforeAll(async () => {
    ({ t, server, close } = await openAiTestApp(() => modelText));
    owner = await newUser(t);
  });
  afterAll(() => close?.());

  const reviewOf = async (diff: string) => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const reviewer = await api.createAgent({ name: 'Reviewer', agent_type: 'code_review' });
    const task = await api.createTask({
      agent_id: reviewer.id,
      task_type: 'review_diff',
      input: { diff, title: 'Export reports as PDF' },
    });
    return (await api.settled(task.id, ['completed'])).output_data as {
      counts: Record<string, number>;
      findings: Finding[];
      model_review: Record<string, unknown>;
    };
  };
  const lastInput = () => {
    const messages = server.requests.at(-1)!.body.messages as Array<{ role: string; content: string }>;
    return { system: messages[0]!.content, input: parseUserMessage(messages.at(-1)!.content)!.input };
  };

  it("sends the diff and the rule findings, credentials withheld, and adds the model's review", async () => {
    const before = server.requests.length;
    const output = await reviewOf(risky);
    expect(server.requests.length - before).toBe(1);
    const { system, input } = lastInput();
    expect(system).toContain('Automated rules already reported the findings in the input');
    const sent = input as { diff: string; rule_findings: Array<Record<string, unknown>>; title: string };
    expect(sent.title).toBe('Export reports as PDF');
    expect(sent.diff).toContain('+++ b/src/routes/reports.ts');
    expect(sent.diff).toContain('eval(');
    expect(sent.rule_findings).toHaveLength(12);
    expect(sent.rule_findings.map((f) => f.rule)).toEqual(output.findings.map((f) => f.rule));
    expect(sent.rule_findings[0]).not.toHaveProperty('evidence');
    for (const secret of Object.values(secrets))
      expect(JSON.stringify(server.requests.at(-1)!.body)).not.toContain(secret);
    expect(output.counts).toEqual({ critical: 3, high: 7, medium: 2, low: 0, info: 0 });
    expect(output.model_review).toEqual({
      status: 'written',
      model: 'openai.chat:gpt-4o-mini',
      text: modelText,
      error: null,
      diff_characters_sent: sent.diff.length,
      diff_truncated: false,
      lines_withheld: 8,
    });
  });

  it('sends at most the first 32,000 characters of a large diff, and says it was cut', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `+export const value${i} = ${i};`);
    const diff = [
      'diff --git a/src/big.ts b/src/big.ts',
      '--- a/src/big.ts',
      '+++ b/src/big.ts',
      `@@ -0,0 +1,3000 @@`,
      ...lines,
    ].join('\n');
    const output = await reviewOf(diff);
    const { system, input } = lastInput();
    expect((input.diff as string).length).toBeLessThanOrEqual(32_000);
    expect(input.diff_truncated).toBe(true);
    expect(system).toContain('The diff was cut to its first part');
    expect(output.model_review).toMatchObject({ status: 'written', diff_truncated: true });
    expect(output.findings.map((f) => f.rule)).toContain('oversized_change');
  });

  it('still reports the rule findings when the model fails, with the model part marked as failed', async () => {
    // The SDK tries three times; all three fail.
    server.failNext(500, 500, 500);
    const output = await reviewOf(risky);
    expect(output.counts).toEqual({ critical: 3, high: 7, medium: 2, low: 0, info: 0 });
    expect(output.model_review).toMatchObject({ status: 'failed', model: null, text: null });
    expect(output.model_review.error).toMatch(
      /^The language model openai\.chat:gpt-4o-mini had a server error \(HTTP 500\).* after 3 tries\.$/,
    );
  });
});
