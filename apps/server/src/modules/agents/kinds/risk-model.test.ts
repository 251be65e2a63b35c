import { describe, expect, it } from 'vitest';
import { deploymentInput, scoreDeployment } from './deployment-risk.ts';
import { RiskModelCache } from './risk-model-cache.ts';
import { trainRiskModel, type DeploymentHistory, type PastDeployment } from './risk-model.ts';

/** A seeded generator, so the planted history is the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const start = Date.parse('2026-01-05T00:00:00Z');
const HOUR = 3_600_000;

/**
 * 240 deployments over 60 days by four authors, sizes from 5 to 5,000 changed lines; the planted pattern: big
 * changes fail (85 % above 800 lines, 6 % below), whoever deploys them and whenever.
 */
function plantedHistory(count = 240): PastDeployment[] {
  const next = random(42);
  const authors = ['kim', 'sam', 'lee', 'ana'];
  return Array.from({ length: count }, (_, i) => {
    const lines = Math.round(5 * 1000 ** next());
    const failed = next() < (lines > 800 ? 0.85 : 0.06);
    return {
      id: `dep-${i}`,
      author: authors[Math.floor(next() * authors.length)]!,
      environment: next() < 0.7 ? 'production' : 'preview',
      failed,
      at: new Date(start + i * 6 * HOUR + Math.floor(next() * 4) * HOUR),
      filesChanged: 1 + Math.floor(next() * 30),
      lines,
    };
  });
}

const candidate = (lines: number) =>
  deploymentInput.parse({
    deployment: {
      id: 'next',
      author: 'kim',
      environment: 'production',
      scheduled_at: '2026-03-10T10:00:00Z',
    },
    change: { files_changed: 12, additions: Math.round(lines * 0.8), deletions: Math.round(lines * 0.2) },
  });

describe('the deployment risk model', () => {
  const history = { timeZone: 'UTC', deployments: plantedHistory().reverse() };

  it('learns the planted pattern: beats the base rate on the newest 20 % it did not train on', () => {
    const scored = scoreDeployment(candidate(40), history);
    expect(scored.model).toMatchObject({ kind: 'logistic', trained_on: 192, held_out: 48 });
    const model = scored.model as { accuracy: number; baseline_accuracy: number; brier_score: number };
    expect(model.accuracy).toBeGreaterThan(model.baseline_accuracy);
    expect(model.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(model.brier_score).toBeLessThan(0.15);
    expect(scored.confidence).toBe(model.accuracy);
  });

  it('scores a big change high with the change size as its top factor, and a small one low', () => {
    const big = scoreDeployment(candidate(4000), history);
    const small = scoreDeployment(candidate(40), history);
    expect(big.risk_score).toBeGreaterThanOrEqual(60);
    expect(['high', 'critical']).toContain(big.level);
    expect(big.factors[0]).toMatchObject({ factor: 'change_size', detail: '4000 changed line(s)' });
    expect(big.factors[0]!.points).toBeGreaterThan(20);
    expect(small.risk_score).toBeLessThan(20);
    expect(small.factors.some((f) => f.factor === 'change_size')).toBe(false);
  });

  it('is deterministic: the same history gives the same score and report', () => {
    expect(scoreDeployment(candidate(900), history)).toEqual(scoreDeployment(candidate(900), history));
  });

  it('merges the input’s recent deployments with the stored ones (rules: both count)', () => {
    const at = (iso: string) => new Date(iso);
    const stored: PastDeployment[] = [
      {
        id: 'd-1',
        author: 'kim',
        environment: 'production',
        failed: true,
        at: at('2026-03-10T05:00:00Z'),
        filesChanged: 2,
        lines: 10,
      },
      {
        id: 'd-2',
        author: 'kim',
        environment: 'production',
        failed: false,
        at: at('2026-03-09T05:00:00Z'),
        filesChanged: 2,
        lines: 10,
      },
    ];
    const given = ['2026-03-10T08:00:00Z', '2026-03-10T09:00:00Z'].map((finished_at, i) => ({
      id: `ci-${i}`,
      author: 'kim',
      environment: 'production',
      status: 'failed' as const,
      finished_at,
    }));
    // d-1 is both stored and given: counted once.
    const input = {
      ...candidate(40),
      recent_deployments: [...given, { ...given[0]!, id: 'd-1', finished_at: '2026-03-10T05:00:00Z' }],
    };
    const scored = scoreDeployment(input, { timeZone: 'UTC', deployments: stored });
    expect(scored.factors.find((f) => f.factor === 'recent_failures')?.detail).toBe(
      '3 failed deployment(s) to production in the last 24 h',
    );
    expect(scored.factors.find((f) => f.factor === 'author_failure_rate')?.detail).toBe(
      "75% of kim's last 4 deployment(s) failed",
    );
  });

  it('falls back to the rules, and says so, while the history is short', () => {
    const short = { timeZone: 'UTC', deployments: plantedHistory(20).reverse() };
    const scored = scoreDeployment(candidate(4000), short, new Date('2026-03-10T10:00:00Z'));
    expect(scored.model).toEqual({
      kind: 'rules',
      trained_on: 0,
      held_out: 0,
      accuracy: null,
      reason: '20 finished deployment(s) stored; the model needs 30',
    });
    expect(scored.factors.map((f) => f.factor)).toContain('change_size');
    expect(scored.factors.find((f) => f.factor === 'change_size')!.points).toBe(25);
  });
});

describe('the trained model cache', () => {
  const counting = () => {
    const trained: number[] = [];
    const cache = new RiskModelCache((history: DeploymentHistory) => {
      trained.push(history.deployments.length);
      return trainRiskModel(history);
    });
    return { cache, trained };
  };
  const history = (deployments: PastDeployment[], timeZone = 'UTC') => ({
    timeZone,
    deployments: [...deployments].reverse(),
  });

  it('trains once while the history stays the same, and again when a deployment finishes', () => {
    const { cache, trained } = counting();
    const past = plantedHistory(120);
    const first = cache.trained('ws-1', history(past));
    expect(cache.trained('ws-1', history(past))).toBe(first);
    expect(trained).toEqual([120]);

    // A new finished deployment: the next score learns from it, not from the stale model.
    const more = plantedHistory(121);
    const retrained = cache.trained('ws-1', history(more));
    expect(retrained).not.toBe(first);
    expect(retrained!.report).toEqual(trainRiskModel(history(more))!.report);
    expect(trained).toEqual([120, 121]);
  });

  it('retrains when a stored outcome, the window or the time zone differs, and per workspace', () => {
    const { cache, trained } = counting();
    const past = plantedHistory(120);
    cache.trained('ws-1', history(past));
    const flipped = past.map((d, i) => (i === 60 ? { ...d, failed: !d.failed } : d));
    cache.trained('ws-1', history(flipped));
    // The same count with the oldest left out of the window and a newer one in.
    cache.trained('ws-1', history(plantedHistory(121).slice(1)));
    cache.trained('ws-1', history(plantedHistory(121).slice(1), 'Europe/Berlin'));
    cache.trained('ws-2', history(plantedHistory(121).slice(1), 'Europe/Berlin'));
    expect(trained).toEqual([120, 120, 120, 120, 120]);
    expect(cache.trained('ws-1', history(plantedHistory(121).slice(1), 'Europe/Berlin'))).toBeDefined();
    expect(trained).toHaveLength(5);
  });

  it('keeps "too little history" too, without training again', () => {
    const { cache, trained } = counting();
    const short = history(plantedHistory(10));
    expect(cache.trained('ws-1', short)).toBeUndefined();
    expect(cache.trained('ws-1', short)).toBeUndefined();
    expect(trained).toEqual([10]);
  });
});
