import { Check, CircleHelp, X } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { formatDateTime } from '@/lib/format.ts';
import type { CoordinatorOutput } from '../api/output-types.ts';
import { OutputSection, TaskLink } from './output-parts.tsx';

const rules: Record<CoordinatorOutput['rule'], string> = {
  unanimous: 'Unanimous: every agent answers and every one is for it.',
  majority: 'Majority: more than half of the agents are for it.',
  veto: 'Veto: nobody is against it and at least one agent is for it.',
};

const voters: Record<string, { name: string; reply: 'risk' | 'code_review' }> = {
  deployment_risk: { name: 'Deployment risk', reply: 'risk' },
  code_review: { name: 'Code review', reply: 'code_review' },
};

/** A go / no-go decision: the rule that decided, and each agent's vote with its reason. */
export function CoordinatorView({ output, slug }: { output: CoordinatorOutput; slug: string }) {
  const go = output.decision === 'go';
  return (
    <div className="divide-y divide-line">
      <div className="space-y-2 px-5 py-4 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <span className="text-muted">Decision for {output.deployment_id}:</span>
          <Badge tone={go ? 'success' : 'danger'}>{go ? 'Go' : 'No-go'}</Badge>
          <span className="text-muted">decided {formatDateTime(output.decided_at)}</span>
        </p>
        <p className="text-ink">{rules[output.rule]}</p>
        <p className="text-muted">
          {output.tally.for} for, {output.tally.against} against, {output.tally.abstained} without an answer.
        </p>
      </div>
      <OutputSection title="Votes">
        <ul className="divide-y divide-line rounded-md border border-line">
          {output.votes.map((vote) => {
            const voter = voters[vote.voter];
            const taskId = voter ? output[voter.reply]?.task_id : undefined;
            return (
              <li key={vote.voter} className="flex gap-3 px-3 py-2.5 text-sm">
                <VoteIcon approve={vote.approve} />
                <div className="min-w-0 space-y-0.5">
                  <p className="font-medium text-ink">
                    {voter?.name ?? vote.voter}: {voteLabel(vote.approve)}
                  </p>
                  <p className="text-muted">{vote.reason}</p>
                  {taskId && (
                    <TaskLink slug={slug} taskId={taskId}>
                      Open its task
                    </TaskLink>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </OutputSection>
    </div>
  );
}

const voteLabel = (approve: boolean | null) => (approve === null ? 'no answer' : approve ? 'for' : 'against');

function VoteIcon({ approve }: { approve: boolean | null }) {
  if (approve === null)
    return <CircleHelp className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden="true" />;
  return approve ? (
    <Check className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
  ) : (
    <X className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden="true" />
  );
}
