import { z } from 'zod';
import type { AgentKind } from '../registry.ts';
import {
  MIN_HISTORY,
  trainRiskModel,
  type DeploymentHistory,
  type DeploymentHistorySource,
  type ModelReport,
  type PastDeployment,
} from './risk-model.ts';
import { RiskModelCache } from './risk-model-cache.ts';
import { parseUnifiedDiff } from './unified-diff.ts';
import { writeFor, writtenBy, type Writer } from './writing.ts';

export const DEPLOYMENT_RISK_AGENT_TYPE = 'deployment_risk';
export const SCORE_DEPLOYMENT_TASK = 'score_deployment';
const EXPLAIN_TASK = 'deployment.risk_explanation';

const pastDeployment = z.strictObject({
  id: z.string().max(200).optional(),
  author: z.string().max(200).optional(),
  environment: z.string().max(100).optional(),
  status: z.enum(['success', 'failed', 'rolled_back']),
  finished_at: z.iso.datetime({ offset: true }),
});

/** A deployment about to happen: who, where, when, what changes, and the recent history to weigh it against. */
export const deploymentInput = z.strictObject({
  deployment: z.strictObject({
    id: z.string().min(1).max(200),
    service: z.string().max(200).optional(),
    environment: z.string().min(1).max(100).default('production'),
    author: z.string().max(200).optional(),
    ref: z.string().max(200).optional(),
    /** When it will go out (UTC); now when absent. */
    scheduled_at: z.iso.datetime({ offset: true }).optional(),
  }),
  // Null as absent: a workflow's `{{input.diff}}` template is null when its execution has none.
  diff: z.string().max(2_000_000).nullish(),
  change: z
    .strictObject({
      files_changed: z.number().int().min(0).optional(),
      additions: z.number().int().min(0).optional(),
      deletions: z.number().int().min(0).optional(),
    })
    .nullish(),
  pull_request: z
    .strictObject({
      number: z.number().int().positive().optional(),
      title: z.string().max(500).optional(),
      approvals: z.number().int().min(0).optional(),
      labels: z.array(z.string().max(100)).max(50).optional(),
    })
    .nullish(),
  recent_deployments: z.array(pastDeployment).max(1000).default([]),
});
export type DeploymentInput = z.infer<typeof deploymentInput>;

export interface RiskFactor {
  factor: string;
  points: number;
  detail: string;
}

export interface RiskAssessment {
  risk_score: number;
  level: 'low' | 'medium' | 'high' | 'critical';
  confidence: number;
  factors: RiskFactor[];
}

const riskyPaths: Array<[string, RegExp]> = [
  ['database migration', /(^|\/)(migrations?|drizzle|db\/migrate)\/|\.sql$|schema\.(ts|rb|prisma)$/i],
  [
    'infrastructure',
    /(^|\/)(terraform|k8s|kubernetes|helm|infra|deploy)\/|Dockerfile$|\.tf$|docker-compose/i,
  ],
  [
    'dependencies',
    /(^|\/)(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|Gemfile\.lock|requirements\.txt|poetry\.lock)$/,
  ],
  [
    'authentication or payments',
    /(^|\/)[^/]*(auth|login|session|password|payment|billing|checkout)[^/]*(\/|\.)/i,
  ],
];
const testPath = /(^|\/)(tests?|__tests__|spec)\/|\.(test|spec)\.[a-z]+$|_test\.(go|py)$/i;
const HOUR = 3_600_000;
/** The most finished deployments the model reads (the newest). */
const HISTORY_LIMIT = 2000;

/** Which scorer spoke: the model trained on the stored history, or the rules when there is too little of it. */
export type RiskModelReport =
  ModelReport | { kind: 'rules'; trained_on: 0; held_out: 0; accuracy: null; reason: string };

export type ScoredDeployment = RiskAssessment & { model: RiskModelReport };

/** The change's size: from `change` when given, else counted in the diff. */
function changeOf(input: DeploymentInput) {
  const files = input.diff ? parseUnifiedDiff(input.diff) : [];
  const additions = input.change?.additions ?? files.reduce((n, f) => n + f.additions, 0);
  const deletions = input.change?.deletions ?? files.reduce((n, f) => n + f.deletions, 0);
  return { files, additions, deletions, fileCount: input.change?.files_changed ?? files.length };
}

/**
 * Scores with a logistic model trained on the workspace's stored history when it holds at least MIN_HISTORY
 * finished deployments, else with the rules (`assessRisk`). `recent_deployments` of the input join the stored
 * ones: with the model, as context for the author's failure rate and the last day's failures (they carry no
 * change size, so the model does not train on them); with the rules, as more history. `model` is the one trained
 * on `stored` (the agent passes its cached one).
 */
export function scoreDeployment(
  input: DeploymentInput,
  stored: DeploymentHistory,
  now = new Date(),
  model = trainRiskModel(stored),
): ScoredDeployment {
  const at = input.deployment.scheduled_at ? new Date(input.deployment.scheduled_at) : now;
  const given = input.recent_deployments.map((d): PastDeployment => ({
    id: d.id,
    author: d.author ?? null,
    environment: d.environment ?? null,
    failed: d.status !== 'success',
    at: new Date(d.finished_at),
    filesChanged: null,
    lines: null,
  }));
  const givenIds = new Set(given.map((d) => d.id).filter(Boolean));
  const history = [...stored.deployments.filter((d) => !d.id || !givenIds.has(d.id)), ...given];
  if (!model) {
    const merged = deploymentInput.parse({
      ...input,
      recent_deployments: history.slice(0, 1000).map((d) => ({
        ...(d.id ? { id: d.id } : {}),
        ...(d.author ? { author: d.author } : {}),
        ...(d.environment ? { environment: d.environment } : {}),
        status: d.failed ? 'failed' : 'success',
        finished_at: d.at.toISOString(),
      })),
    });
    const reason = `${stored.deployments.length} finished deployment(s) stored; the model needs ${MIN_HISTORY}`;
    return {
      ...assessRisk(merged, now),
      model: { kind: 'rules', trained_on: 0, held_out: 0, accuracy: null, reason },
    };
  }
  const change = changeOf(input);
  const { probability, factors } = model.score(
    {
      environment: input.deployment.environment,
      author: input.deployment.author ?? null,
      at,
      filesChanged: change.fileCount,
      lines: change.additions + change.deletions,
    },
    history,
  );
  const risk = Math.round(probability * 100);
  return {
    risk_score: risk,
    level: levelOf(risk),
    confidence: Math.min(0.95, model.report.accuracy),
    factors,
    model: model.report,
  };
}

function levelOf(risk: number): RiskAssessment['level'] {
  return risk >= 80 ? 'critical' : risk >= 60 ? 'high' : risk >= 30 ? 'medium' : 'low';
}

/**
 * Scores a deployment 0–100 from rules over its change and the recent history: size, risky paths, missing
 * tests, the author's recent failure rate, failures in the environment in the last day, timing and review.
 */
export function assessRisk(input: DeploymentInput, now = new Date()): RiskAssessment {
  const { deployment } = input;
  const at = deployment.scheduled_at ? new Date(deployment.scheduled_at) : now;
  const factors: RiskFactor[] = [];
  const add = (factor: string, points: number, detail: string) => {
    if (points > 0) factors.push({ factor, points: Math.round(points), detail });
  };

  const { files, additions, deletions, fileCount } = changeOf(input);
  const paths = files.map((f) => f.path);
  const lines = additions + deletions;
  add(
    'change_size',
    lines > 1000 ? 25 : lines > 400 ? 15 : lines > 100 ? 6 : 0,
    `${lines} changed line(s) in ${fileCount} file(s)`,
  );
  add('many_files', fileCount > 30 ? 8 : 0, `${fileCount} files changed`);
  const touched = riskyPaths
    .filter(([, pattern]) => paths.some((p) => pattern.test(p)))
    .map(([name]) => name);
  add('risky_paths', Math.min(20, touched.length * 8), `touches ${touched.join(', ')}`);
  const source = paths.filter(
    (p) => !testPath.test(p) && /\.(ts|tsx|js|jsx|py|go|rb|java|kt|rs|php|cs)$/.test(p),
  );
  add(
    'no_tests',
    source.length > 0 && !paths.some((p) => testPath.test(p)) ? 10 : 0,
    `${source.length} source file(s) changed without a test change`,
  );

  const history = input.recent_deployments.map((d) => ({ ...d, at: Date.parse(d.finished_at) }));
  const failed = (d: { status: string }) => d.status !== 'success';
  const byAuthor = history.filter(
    (d) => deployment.author && d.author === deployment.author && d.at > at.getTime() - 30 * 24 * HOUR,
  );
  if (byAuthor.length >= 2) {
    const rate = byAuthor.filter(failed).length / byAuthor.length;
    add(
      'author_failure_rate',
      rate * 25,
      `${Math.round(rate * 100)}% of ${deployment.author}'s last ${byAuthor.length} deployment(s) failed`,
    );
  }
  const sameEnvironment = (d: { environment?: string }) =>
    !d.environment || d.environment === deployment.environment;
  const lastDay = history.filter(
    (d) => sameEnvironment(d) && failed(d) && d.at > at.getTime() - 24 * HOUR && d.at <= at.getTime(),
  );
  add(
    'recent_failures',
    Math.min(24, lastDay.length * 8),
    `${lastDay.length} failed deployment(s) to ${deployment.environment} in the last 24 h`,
  );

  const day = at.getUTCDay();
  const hour = at.getUTCHours();
  if (day === 0 || day === 6 || (day === 5 && hour >= 12))
    add('timing', 10, 'a Friday afternoon or weekend deployment (UTC)');
  else if (hour < 8 || hour >= 18)
    add('timing', 6, `outside working hours (${String(hour).padStart(2, '0')}:00 UTC)`);

  const pr = input.pull_request;
  if (pr?.approvals === 0) add('unreviewed', 10, 'the pull request has no approving review');
  if (pr?.labels?.some((l) => /hotfix|urgent/i.test(l))) add('hotfix', 5, 'marked as a hotfix');

  const scale = /prod/i.test(deployment.environment) ? 1 : 0.6;
  const raw = factors.reduce((n, f) => n + f.points, 0) * scale;
  const risk = Math.max(0, Math.min(100, Math.round(raw)));
  const known = [input.diff || input.change, history.length >= 5, history.length >= 20, pr].filter(
    Boolean,
  ).length;
  return {
    risk_score: risk,
    level: levelOf(risk),
    confidence: Math.min(0.95, Math.round((0.4 + known * 0.15) * 100) / 100),
    factors: factors.sort((a, b) => b.points - a.points),
  };
}

/** The explanation the offline model writes: the score, the reasons by weight, what would lower it. */
function explanationTemplate(input: Record<string, unknown>): string {
  const d = input as {
    target: string;
    risk_score: number;
    level: string;
    confidence: number;
    top_factors: RiskFactor[];
  };
  if (d.top_factors.length === 0) {
    return `Risk ${d.risk_score}/100 (${d.level}) for ${d.target}: nothing in the change or the recent history raises it.`;
  }
  const reasons = d.top_factors.map((f) => `${f.detail} (+${f.points})`).join('; ');
  const advice: Record<string, string> = {
    change_size: 'split the change into smaller deployments',
    many_files: 'split the change into smaller deployments',
    files_changed: 'split the change into smaller deployments',
    hour_of_day: 'deploy during working hours',
    weekday: 'deploy early in the week',
    environment: 'try it on a preview deployment first',
    risky_paths: 'have a second reviewer check the risky paths and prepare a rollback',
    no_tests: 'add tests for the changed code',
    author_failure_rate: 'pair with a reviewer on this deployment',
    recent_failures: 'fix the recent failures first',
    timing: 'deploy during working hours early in the week',
    unreviewed: 'get an approving review',
    hotfix: 'watch the metrics closely after the hotfix',
  };
  const steps = [...new Set(d.top_factors.map((f) => advice[f.factor]).filter(Boolean))];
  return [
    `Risk ${d.risk_score}/100 (${d.level}, confidence ${Math.round(d.confidence * 100)}%) for ${d.target}.`,
    `Main reasons: ${reasons}.`,
    steps.length ? `To lower it: ${steps.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Seed 001's prediction agent: a risk score from a model trained on the workspace's deployment history (the
 * rules while the history is short), with an explanation in words. Without a history source, the rules only.
 */
export function deploymentRiskKind(writer: Writer, history?: DeploymentHistorySource): AgentKind {
  writer.templates.register(EXPLAIN_TASK, explanationTemplate);
  const models = new RiskModelCache();
  return {
    type: DEPLOYMENT_RISK_AGENT_TYPE,
    role: 'analyst',
    description:
      'Scores a deployment 0–100 with a model trained on the deployment history, and explains the score.',
    capabilities: ['score_deployment_risk', 'explain_risk'],
    taskTypes: { [SCORE_DEPLOYMENT_TASK]: deploymentInput },
    configuration: z.strictObject({}),
    defaults: { timeoutSeconds: 120, maxAttempts: 3 },
    async execute(context) {
      const input = deploymentInput.parse(context.task.input);
      const before = input.deployment.scheduled_at ? new Date(input.deployment.scheduled_at) : new Date();
      const stored = history
        ? await history(context.task.workspaceId, { before, limit: HISTORY_LIMIT })
        : { timeZone: 'UTC', deployments: [] };
      const model = models.trained(context.task.workspaceId, stored);
      const assessment = scoreDeployment(input, stored, new Date(), model);
      const top = assessment.factors.slice(0, 5);
      const { deployment } = input;
      const written = await writeFor(writer, context, {
        task: EXPLAIN_TASK,
        instructions:
          'You explain a deployment risk score to the engineers about to deploy. In at most four sentences: ' +
          'the score and level, the main reasons in order of weight, and what would lower the risk. Use only the input.',
        input: {
          target: `${deployment.service ?? deployment.id} to ${deployment.environment}`,
          risk_score: assessment.risk_score,
          level: assessment.level,
          confidence: assessment.confidence,
          top_factors: top,
        },
        maxOutputTokens: 400,
      });
      return {
        output: {
          deployment_id: deployment.id,
          ...assessment,
          top_factors: top,
          explanation: written.text,
          explained_by: writtenBy(written),
        },
      };
    },
  };
}
