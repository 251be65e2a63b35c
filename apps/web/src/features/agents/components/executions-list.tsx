import { Check, Workflow, X } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDateTime, timeAgo } from '@/lib/format.ts';
import { useDecideStep, useExecutions } from '../api/get-executions.ts';
import type { ExecutionStep, WorkflowExecution } from '../api/types.ts';
import { formatSeconds, RunStatusBadge } from './status.tsx';

const dotClasses: Record<ExecutionStep['status'], string> = {
  pending: 'border-line-strong bg-surface',
  running: 'border-accent bg-accent',
  waiting: 'border-warning bg-warning-soft',
  completed: 'border-success bg-success',
  failed: 'border-danger bg-danger',
  cancelled: 'border-line-strong bg-subtle',
};

const stepSeconds = (step: ExecutionStep) =>
  step.started_at && step.finished_at
    ? (new Date(step.finished_at).getTime() - new Date(step.started_at).getTime()) / 1000
    : null;

/** Workflow executions, newest first, each with its steps as a timeline. */
export function ExecutionsList({
  slug,
  taskPath,
  canDecide,
}: {
  slug: string;
  taskPath: (id: string) => string;
  canDecide: boolean;
}) {
  const executions = useExecutions(slug);
  if (executions.isPending) return <LoadingState label="Loading workflow executions…" />;
  if (executions.isError) return <ErrorState error={executions.error} onRetry={() => executions.refetch()} />;
  if (executions.data.length === 0)
    return (
      <EmptyState icon={Workflow} title="No workflow has run yet">
        Workflows chain agent tasks, approvals, waits and timers. Define one through the API (POST
        /api/v1/workspaces/…/workflows) and run it; its executions appear here with a step timeline.
      </EmptyState>
    );
  return (
    <ul className="space-y-4" aria-label="Workflow executions">
      {executions.data.map((execution) => (
        <ExecutionCard
          key={execution.id}
          slug={slug}
          execution={execution}
          taskPath={taskPath}
          canDecide={canDecide}
        />
      ))}
    </ul>
  );
}

function ExecutionCard({
  slug,
  execution,
  taskPath,
  canDecide,
}: {
  slug: string;
  execution: WorkflowExecution;
  taskPath: (id: string) => string;
  canDecide: boolean;
}) {
  return (
    <li
      className="rounded-lg border border-line bg-surface p-4 shadow-xs"
      data-testid={`execution-${execution.workflow_name}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-semibold text-ink">{execution.workflow_name}</h2>
          <p className="text-[13px] text-muted">
            Version {execution.workflow_version} · started {timeAgo(execution.created_at)}
          </p>
        </div>
        <RunStatusBadge status={execution.status} />
      </div>
      {execution.error && <p className="mt-2 text-sm text-danger">{execution.error}</p>}
      <ol className="mt-4 space-y-0" aria-label={`Steps of ${execution.workflow_name}`}>
        {execution.steps.map((step, index) => (
          <li key={step.key} className={cn('relative flex gap-3 pb-4', step.parent_key && 'ml-6')}>
            {index < execution.steps.length - 1 && (
              <span aria-hidden="true" className="absolute top-4 left-[5px] h-full w-px bg-line" />
            )}
            <span
              aria-hidden="true"
              className={cn('relative mt-1 size-3 shrink-0 rounded-full border-2', dotClasses[step.status])}
            />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-ink">{step.name ?? step.key}</span>
                <span className="text-xs text-muted">{step.type}</span>
                <RunStatusBadge status={step.status} />
                {step.attempts > 1 && (
                  <span className="text-xs text-muted">
                    attempt {step.attempts} of {step.max_attempts}
                  </span>
                )}
              </div>
              <p className="text-[13px] text-muted">
                {step.started_at ? formatDateTime(step.started_at) : 'Not started'}
                {stepSeconds(step) !== null && ` · ${formatSeconds(stepSeconds(step))}`}
                {step.wake_at && step.status === 'waiting' && ` · wakes ${timeAgo(step.wake_at)}`}
                {step.event_type && step.status === 'waiting' && ` · waits for ${step.event_type}`}
              </p>
              {step.error && <p className="text-[13px] text-danger">{step.error}</p>}
              {step.decision && (
                <p className="text-[13px] text-muted">
                  {step.decision.decision === 'approved' ? 'Approved' : 'Rejected'}
                  {step.decision.reason ? `: “${step.decision.reason}”` : ''}
                </p>
              )}
              {canDecide && step.type === 'approval' && step.status === 'waiting' && (
                <StepDecision slug={slug} executionId={execution.id} step={step} />
              )}
              {step.task_id && (
                <Link to={taskPath(step.task_id)} className="text-[13px] text-accent-text hover:underline">
                  Open its task
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
    </li>
  );
}

/** Approve or reject a waiting approval step; a rejection needs a reason. */
function StepDecision({
  slug,
  executionId,
  step,
}: {
  slug: string;
  executionId: string;
  step: ExecutionStep;
}) {
  const decide = useDecideStep(slug, executionId);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const label = step.name ?? step.key;
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2">
      <InputField
        label={`Reason or comment for ${label}`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setMissing(false);
        }}
        error={missing ? 'Say why you reject it.' : decide.error?.message}
        className="w-72"
      />
      <Button
        size="sm"
        variant="primary"
        disabled={decide.isPending}
        onClick={() => decide.mutate({ step: step.key, action: 'approve', text: text.trim() || undefined })}
      >
        <Check className="size-4" aria-hidden="true" />
        Approve {label}
      </Button>
      <Button
        size="sm"
        variant="danger"
        disabled={decide.isPending}
        onClick={() =>
          text.trim()
            ? decide.mutate({ step: step.key, action: 'reject', text: text.trim() })
            : setMissing(true)
        }
      >
        <X className="size-4" aria-hidden="true" />
        Reject
      </Button>
    </div>
  );
}
