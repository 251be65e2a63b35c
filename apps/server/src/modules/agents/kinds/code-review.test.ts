import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../platform/db/database.ts';
import { agentsApi } from '../../../../test/agents.ts';
import { newUser, newWorkspace, type TestUser } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { lineFindings, oversizedChange, untestedChange } from './code-rules.ts';
import type { Finding } from './findings.ts';
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
