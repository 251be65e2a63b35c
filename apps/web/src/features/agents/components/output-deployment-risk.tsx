import { ArrowDown, ArrowUp } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { cn } from '@/lib/cn.ts';
import type { DeploymentRiskOutput, RiskFactor, RiskModel } from '../api/output-types.ts';
import { Facts, OutputSection, percent, WrittenText } from './output-parts.tsx';

const levels = {
  low: { label: 'Low risk', tone: 'success', bar: 'bg-success' },
  medium: { label: 'Medium risk', tone: 'warning', bar: 'bg-warning' },
  high: { label: 'High risk', tone: 'danger', bar: 'bg-danger' },
  critical: { label: 'Critical risk', tone: 'danger', bar: 'bg-danger' },
} as const;

const factorNames: Record<string, string> = {
  change_size: 'Change size',
  files_changed: 'Files changed',
  many_files: 'Many files',
  hour_of_day: 'Time of day',
  weekday: 'Day of the week',
  author_failure_rate: "Author's recent failures",
  recent_failures: 'Recent failures',
  environment: 'Environment',
  risky_paths: 'Risky paths',
  no_tests: 'No test changes',
  timing: 'Timing',
  unreviewed: 'No approving review',
  hotfix: 'Hotfix',
};
const factorName = (factor: string) =>
  factorNames[factor] ?? factor.charAt(0).toUpperCase() + factor.slice(1).replaceAll('_', ' ');

/** A deployment's risk: the score and its level, the factors that weigh most, and which scorer spoke. */
export function DeploymentRiskView({ output }: { output: DeploymentRiskOutput }) {
  const level = levels[output.level];
  const factors = output.top_factors.length ? output.top_factors : output.factors;
  return (
    <div className="divide-y divide-line">
      <div className="space-y-3 px-5 py-4">
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
          <p className="text-ink" data-testid="risk-score">
            <span className="text-3xl font-semibold tabular-nums">{output.risk_score}</span>
            <span className="text-muted"> / 100</span>
          </p>
          <Badge tone={level.tone}>{level.label}</Badge>
          <span className="text-sm text-muted">Confidence {percent(output.confidence)}</span>
          <span className="text-sm text-muted">Deployment {output.deployment_id}</span>
        </div>
        <div
          role="meter"
          aria-label="Risk score"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={output.risk_score}
          aria-valuetext={`${output.risk_score} of 100, ${level.label.toLowerCase()}`}
          className="h-2 w-full overflow-hidden rounded-full bg-subtle"
        >
          <div className={cn('h-full rounded-full', level.bar)} style={{ width: `${output.risk_score}%` }} />
        </div>
        <WrittenText text={output.explanation} by={output.explained_by} />
      </div>
      <OutputSection title="What weighs most">
        {factors.length === 0 ? (
          <p className="text-sm text-muted">Nothing in the change or the recent history raises the risk.</p>
        ) : (
          <FactorTable factors={factors} />
        )}
      </OutputSection>
      <OutputSection title="How it was scored">
        <ScorerFacts model={output.model} />
      </OutputSection>
    </div>
  );
}

function FactorTable({ factors }: { factors: RiskFactor[] }) {
  const most = Math.max(...factors.map((f) => Math.abs(f.points)), 1);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Risk factors, heaviest first</caption>
        <thead className="text-[13px] text-muted">
          <tr>
            {['Factor', 'Direction', 'Weight', 'Detail'].map((column) => (
              <th key={column} scope="col" className="py-1 pr-3 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {factors.map((f) => (
            <tr key={f.factor} className="border-t border-line align-top">
              <th scope="row" className="py-2 pr-3 font-medium text-ink">
                {factorName(f.factor)}
              </th>
              <td className="py-2 pr-3">
                <Direction points={f.points} />
              </td>
              <td className="py-2 pr-3 tabular-nums">
                <span className="text-ink">
                  {f.points > 0 ? '+' : ''}
                  {f.points} points
                </span>
                <div className="mt-1 h-1 w-20 rounded-full bg-subtle" aria-hidden="true">
                  <div
                    className={cn('h-full rounded-full', f.points > 0 ? 'bg-danger' : 'bg-success')}
                    style={{ width: `${(Math.abs(f.points) / most) * 100}%` }}
                  />
                </div>
              </td>
              <td className="py-2 text-muted">{f.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Direction({ points }: { points: number }) {
  const raises = points > 0;
  const Icon = raises ? ArrowUp : ArrowDown;
  return (
    <span className={cn('inline-flex items-center gap-1', raises ? 'text-danger' : 'text-success')}>
      <Icon className="size-3.5" aria-hidden="true" />
      {raises ? 'Raises risk' : 'Lowers risk'}
    </span>
  );
}

function ScorerFacts({ model }: { model: RiskModel | undefined }) {
  if (!model || model.kind === 'rules') {
    return (
      <div className="space-y-1 text-sm">
        <p className="text-ink">Rules scored it: the model learns from 30 finished deployments or more.</p>
        {model && <p className="text-muted">{model.reason}.</p>}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-ink">
        A model trained on this workspace&apos;s {model.trained_on + model.held_out} finished deployments
        scored it.
      </p>
      <Facts
        items={[
          ['Held-out accuracy', `${percent(model.accuracy)} of the newest ${model.held_out}`],
          ['Base rate (always guessing the usual outcome)', percent(model.baseline_accuracy)],
          ['Brier score', model.brier_score.toFixed(3)],
        ]}
      />
    </div>
  );
}
