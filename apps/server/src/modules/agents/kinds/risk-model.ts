import { contributions, fitLogistic, predict, type LogisticModel } from './logistic.ts';

/** A finished deployment of the workspace, as the risk model learns from it. */
export interface PastDeployment {
  id?: string;
  environment: string | null;
  author: string | null;
  failed: boolean;
  at: Date;
  filesChanged: number | null;
  /** Added plus deleted lines; null when unknown. */
  lines: number | null;
}

export interface DeploymentHistory {
  /** The workspace's time zone: the hour and weekday features are read in it. */
  timeZone: string;
  deployments: PastDeployment[];
}

/** The workspace's finished deployments that started before `before`, newest first, at most `limit`. */
export type DeploymentHistorySource = (
  workspaceId: string,
  window: { before: Date; limit: number },
) => Promise<DeploymentHistory>;

/** The deployment to score, described like a past one. */
export interface Candidate {
  environment: string;
  author: string | null;
  at: Date;
  filesChanged: number;
  lines: number;
}

export interface ModelReport {
  kind: 'logistic';
  trained_on: number;
  held_out: number;
  /** Share of the held-out (newest) deployments whose outcome the model trained on the older ones got right. */
  accuracy: number;
  /** The same share for always guessing the older deployments' most common outcome. */
  baseline_accuracy: number;
  brier_score: number;
}

export interface ModelFactor {
  factor: string;
  /** How many points of risk this factor adds against an average deployment. */
  points: number;
  detail: string;
}

/** Fewer finished deployments than this, and the rules score instead. */
export const MIN_HISTORY = 30;
export const AUTHOR_WINDOW = 10;
const DAY = 86_400_000;
const HELD_OUT_SHARE = 0.2;
/** Office hours in the workspace's time zone: a deployment outside them has fewer people watching. */
const OFFICE_OPENS = 8;
const OFFICE_CLOSES = 19;

// Feature columns and the factor each one counts towards.
const columns = [
  'change_size',
  'files_changed',
  'hour_of_day',
  'weekday',
  'weekday',
  'author_failure_rate',
  'recent_failures',
  'environment',
] as const;

export interface TrainedRiskModel {
  report: ModelReport;
  score(candidate: Candidate, context: PastDeployment[]): { probability: number; factors: ModelFactor[] };
}

/**
 * Trains on the history (time-ordered: the older 80 % for the held-out report, then all of it for scoring);
 * undefined when there is too little history to learn from.
 */
export function trainRiskModel(history: DeploymentHistory): TrainedRiskModel | undefined {
  const past = [...history.deployments].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (past.length < MIN_HISTORY) return undefined;
  const clock = zonedClock(history.timeZone);
  const rows = past.map(
    (d, i) => features(asCandidate(d), past.slice(Math.max(0, i - 500), i), clock).values,
  );
  const labels = past.map((d) => d.failed);
  const split = Math.floor(past.length * (1 - HELD_OUT_SHARE));
  const report = evaluate(fitLogistic(rows.slice(0, split), labels.slice(0, split)), rows, labels, split);
  const model = fitLogistic(rows, labels);
  return {
    report,
    score(candidate, context) {
      const before = context
        .filter((d) => d.at < candidate.at)
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      const row = features(candidate, before, clock);
      return { probability: predict(model, row.values), factors: explain(model, row) };
    },
  };
}

function evaluate(model: LogisticModel, rows: number[][], labels: boolean[], split: number): ModelReport {
  const heldOut = rows.slice(split).map((row, i) => ({ p: predict(model, row), y: labels[split + i]! }));
  const trainFailures = labels.slice(0, split).filter(Boolean).length;
  const majority = trainFailures * 2 > split;
  const share = (hits: number) => round(hits / heldOut.length, 3);
  return {
    kind: 'logistic',
    trained_on: split,
    held_out: heldOut.length,
    accuracy: share(heldOut.filter(({ p, y }) => p >= 0.5 === y).length),
    baseline_accuracy: share(heldOut.filter(({ y }) => y === majority).length),
    brier_score: round(heldOut.reduce((n, { p, y }) => n + (p - (y ? 1 : 0)) ** 2, 0) / heldOut.length, 3),
  };
}

interface FeatureRow {
  values: number[];
  details: Record<(typeof columns)[number], string>;
}

/** One deployment's features, from itself and the deployments before it (oldest first). */
function features(d: Candidate, before: PastDeployment[], clock: ZonedClock): FeatureRow {
  const { hour, weekday } = clock(d.at);
  const byAuthor = d.author ? before.filter((p) => p.author === d.author).slice(-AUTHOR_WINDOW) : [];
  const authorFailures = byAuthor.filter((p) => p.failed).length;
  const authorRate = byAuthor.length ? authorFailures / byAuthor.length : 0;
  const since = d.at.getTime() - DAY;
  const recent = before.filter(
    (p) => p.failed && p.at.getTime() > since && (p.environment ?? d.environment) === d.environment,
  ).length;
  const production = /prod/i.test(d.environment);
  const offHours = hour < OFFICE_OPENS || hour >= OFFICE_CLOSES;
  const weekend = weekday === 0 || weekday === 6;
  return {
    values: [
      Math.log1p(d.lines),
      Math.log1p(d.filesChanged),
      offHours ? 1 : 0,
      weekend ? 1 : 0,
      weekday === 5 ? 1 : 0,
      authorRate,
      recent,
      production ? 1 : 0,
    ],
    details: {
      change_size: `${d.lines} changed line(s)`,
      files_changed: `${d.filesChanged} file(s) changed`,
      hour_of_day: `deployed at ${String(hour).padStart(2, '0')}:00, ${offHours ? 'outside' : 'within'} office hours`,
      weekday: `deployed on a ${weekdays[weekday]}`,
      author_failure_rate: `${authorFailures} of ${d.author}'s last ${byAuthor.length} deployment(s) failed`,
      recent_failures: `${recent} failed deployment(s) to ${d.environment} in the last 24 h`,
      environment: `deployed to ${d.environment}`,
    },
  };
}

/** The factors that raise the risk most: each factor's points are the risk it adds over an average value. */
function explain(model: LogisticModel, row: FeatureRow): ModelFactor[] {
  const parts = contributions(model, row.values);
  const logit = model.bias + parts.reduce((a, b) => a + b, 0);
  const byFactor = new Map<(typeof columns)[number], number>();
  columns.forEach((name, j) => byFactor.set(name, (byFactor.get(name) ?? 0) + parts[j]!));
  const risk = (z: number) => 100 / (1 + Math.exp(-z));
  return [...byFactor]
    .map(([factor, part]) => ({
      factor,
      points: Math.round(risk(logit) - risk(logit - part)),
      detail: row.details[factor],
    }))
    .filter((f) => f.points > 0)
    .sort((a, b) => b.points - a.points);
}

function asCandidate(d: PastDeployment): Candidate {
  return {
    environment: d.environment ?? 'production',
    author: d.author,
    at: d.at,
    filesChanged: d.filesChanged ?? 0,
    lines: d.lines ?? 0,
  };
}

type ZonedClock = (at: Date) => { hour: number; weekday: number };
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function zonedClock(timeZone: string): ZonedClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    hourCycle: 'h23',
    weekday: 'long',
  });
  return (at) => {
    const parts = format.formatToParts(at);
    const value = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { hour: Number(value('hour')) % 24, weekday: weekdays.indexOf(value('weekday')) };
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
