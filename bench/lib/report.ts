import { round } from './stats.ts';

/** A goal on the measured value itself or on its ratio to the baseline. */
export interface Goal {
  on: 'value' | 'ratio';
  op: '<' | '>=';
  limit: number;
}

export interface Measurement {
  benchmark: string;
  measure: string;
  unit: string;
  value: number;
  baselineLabel: string;
  baseline: number;
  /** value / baseline. */
  ratio: number;
  goal: Goal | null;
  met: boolean | null;
  /** Every run's figures, for the JSON file. */
  runs: Record<string, number[]>;
}

export interface Benchmark {
  name: string;
  description: string;
  /** How long the benchmark may take; the run's time limit is the sum over the benchmarks it runs. */
  timeLimitSeconds?: number;
  run(): Promise<Measurement[]>;
}

/** The time a benchmark that names none may take. */
export const DEFAULT_TIME_LIMIT_SECONDS = 100;

export function measurement(
  input: Omit<Measurement, 'ratio' | 'met' | 'goal'> & { goal?: Goal },
): Measurement {
  const ratio = input.value / input.baseline;
  const goal = input.goal ?? null;
  const subject = goal?.on === 'ratio' ? ratio : input.value;
  const met = goal ? (goal.op === '<' ? subject < goal.limit : subject >= goal.limit) : null;
  return {
    ...input,
    value: round(input.value),
    baseline: round(input.baseline),
    ratio: round(ratio, 3),
    goal,
    met,
  };
}

export function goalText(goal: Goal | null, unit: string): string {
  if (!goal) return '(reported)';
  return goal.on === 'ratio' ? `ratio ${goal.op} ${goal.limit}` : `${goal.op} ${goal.limit} ${unit}`;
}

function figure(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`;
}

/** A plain-text table of every measurement, one line each. */
export function formatTable(rows: Measurement[]): string {
  const header = ['benchmark', 'measure', 'value', 'baseline', 'ratio', 'goal', 'met'];
  const lines = rows.map((r) => [
    r.benchmark,
    r.measure,
    figure(r.value, r.unit),
    `${figure(r.baseline, r.unit)} (${r.baselineLabel})`,
    r.ratio.toFixed(2),
    goalText(r.goal, r.unit),
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}
