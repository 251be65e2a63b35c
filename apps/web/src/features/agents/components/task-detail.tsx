import { Ban, Check, CircleAlert, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { controlClasses, FieldShell } from '@/components/ui/field.tsx';
import { ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDateTime, timeAgo } from '@/lib/format.ts';
import { useAgents } from '../api/get-agents.ts';
import { useTask } from '../api/get-tasks.ts';
import { useDecideTask } from '../api/task-mutations.ts';
import type { AgentTask } from '../api/types.ts';
import { Json } from './output-parts.tsx';
import { renderOutput } from './output-registry.tsx';
import { ReadableOutput } from './readable-output.tsx';
import { formatSeconds, TaskStatusBadge } from './status.tsx';

interface TaskDetailProps {
  slug: string;
  taskId: string;
  canDecide: boolean;
  canCancel: boolean;
}

const finished = ['completed', 'failed', 'dead_letter', 'rejected', 'cancelled'];

/** One task: what it was asked, what it answered, how it went; approval, rejection and cancelling. */
export function TaskDetail({ slug, taskId, canDecide, canCancel }: TaskDetailProps) {
  const task = useTask(slug, taskId);
  const agents = useAgents(slug);
  if (task.isPending) return <LoadingState label="Loading the task…" />;
  if (task.isError) return <ErrorState error={task.error} onRetry={() => task.refetch()} />;
  const t = task.data;
  const agent = agents.data?.find((a) => a.id === t.agent_id);
  // Null for kinds (or shapes) the registry cannot read: those show their JSON.
  const readable = t.output_data && renderOutput(t.task_type, t.output_data, slug);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-ink">
            {t.description || t.task_type.replaceAll('_', ' ')}
          </h1>
          <p className="mt-1 text-muted">
            {t.task_type} · {agent?.name ?? 'an agent'} · created {timeAgo(t.created_at)}
          </p>
        </div>
        <div className="flex items-center gap-2" aria-live="polite">
          <span className="sr-only">Status:</span>
          <TaskStatusBadge status={t.status} />
        </div>
      </div>

      {t.status === 'needs_approval' && canDecide && <ApprovalPanel slug={slug} task={t} />}

      <dl className="grid grid-cols-2 gap-3 rounded-lg border border-line bg-surface p-4 text-sm shadow-xs sm:grid-cols-4">
        <Fact label="Attempts">
          {t.attempts} of {t.max_attempts}
        </Fact>
        <Fact label="Retries">{t.retry_count}</Fact>
        <Fact label="Duration">{formatSeconds(t.duration_seconds)}</Fact>
        <Fact label="Priority">{t.priority}</Fact>
        <Fact label="Started">{t.started_at ? formatDateTime(t.started_at) : 'Not yet'}</Fact>
        <Fact label="Finished">{t.completed_at ? formatDateTime(t.completed_at) : '–'}</Fact>
        <Fact label="Next run">
          {t.next_run_at && !finished.includes(t.status) ? timeAgo(t.next_run_at) : '–'}
        </Fact>
        <Fact label="Revision">{t.revision}</Fact>
      </dl>

      {t.error_message && (
        <div
          role="alert"
          className="flex gap-2 rounded-lg border border-danger/40 bg-danger-soft p-4 text-sm"
        >
          <CircleAlert className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden="true" />
          <div>
            <p className="font-medium text-ink">The last run failed</p>
            <p className="mt-0.5 text-muted">{t.error_message}</p>
          </div>
        </div>
      )}

      <Card className="overflow-hidden">
        <CardHeader title="Output" description={readable ? undefined : outputSummary(t)} />
        {readable ? (
          <ReadableOutput output={t.output_data}>{readable}</ReadableOutput>
        ) : t.output_data ? (
          <Json value={t.output_data} />
        ) : (
          <p className="px-5 py-4 text-muted">
            {finished.includes(t.status)
              ? 'This task produced no output.'
              : 'The agent has not answered yet.'}
          </p>
        )}
      </Card>

      <Card className="overflow-hidden">
        <CardHeader title="Input" />
        <Json value={t.input_data} />
      </Card>

      {t.reviews.length > 0 && (
        <Card>
          <CardHeader title="Reviews" />
          <ol className="divide-y divide-line">
            {t.reviews.map((review) => (
              <li key={review.at} className="flex gap-3 px-5 py-3 text-sm">
                {review.decision === 'approved' ? (
                  <Check className="mt-0.5 size-4 text-success" aria-hidden="true" />
                ) : (
                  <X className="mt-0.5 size-4 text-danger" aria-hidden="true" />
                )}
                <div>
                  <p className="font-medium text-ink">
                    {review.decision === 'approved' ? 'Approved' : 'Rejected'} {timeAgo(review.at)}
                  </p>
                  {review.reason && <p className="text-muted">“{review.reason}”</p>}
                </div>
              </li>
            ))}
          </ol>
        </Card>
      )}

      {canCancel && !finished.includes(t.status) && <CancelButton slug={slug} task={t} />}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="font-medium text-ink">{children}</dd>
    </div>
  );
}

function outputSummary(task: AgentTask): string | undefined {
  const output = task.output_data as { summary?: unknown; risk?: unknown; verdict?: unknown } | null;
  if (!output) return undefined;
  if (typeof output.summary === 'string') return output.summary;
  if (typeof output.risk === 'string') return `Risk: ${output.risk}`;
  if (typeof output.verdict === 'string') return `Verdict: ${output.verdict}`;
  return undefined;
}

function ApprovalPanel({ slug, task }: { slug: string; task: AgentTask }) {
  const decide = useDecideTask(slug, task.id);
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const trimmed = reason.trim();
  return (
    <section
      aria-labelledby="approval-heading"
      className="rounded-lg border border-warning/40 bg-warning-soft p-4"
    >
      <h2 id="approval-heading" className="font-semibold text-ink">
        This task waits for your decision
      </h2>
      <p className="mt-0.5 text-sm text-muted">
        Read the output below. Approve to let the agent finish, or reject with a reason it can act on.
      </p>
      {decide.error && (
        <div className="mt-3">
          <Alert>{decide.error.message}</Alert>
        </div>
      )}
      <FieldShell
        label="Reason or comment"
        className="mt-3"
        error={missing ? 'Say why you reject it, so the agent can redraft.' : undefined}
        hint="Required to reject; optional when approving."
      >
        {({ id, describedBy }) => (
          <textarea
            id={id}
            rows={2}
            aria-describedby={describedBy}
            aria-invalid={missing ? true : undefined}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            className={cn(controlClasses, 'bg-surface py-2')}
          />
        )}
      </FieldShell>
      <div className="mt-3 flex gap-2">
        <Button
          variant="primary"
          pending={decide.isPending && decide.variables?.action === 'approve'}
          disabled={decide.isPending}
          onClick={() =>
            decide.mutate(
              { action: 'approve', ...(trimmed ? { comment: trimmed } : {}) },
              { onSuccess: () => toast('Task approved') },
            )
          }
        >
          <Check className="size-4" aria-hidden="true" />
          Approve
        </Button>
        <Button
          variant="danger"
          pending={decide.isPending && decide.variables?.action === 'reject'}
          disabled={decide.isPending}
          onClick={() => {
            if (!trimmed) return setMissing(true);
            decide.mutate({ action: 'reject', reason: trimmed }, { onSuccess: () => toast('Task rejected') });
          }}
        >
          <X className="size-4" aria-hidden="true" />
          Reject
        </Button>
      </div>
    </section>
  );
}

function CancelButton({ slug, task }: { slug: string; task: AgentTask }) {
  const decide = useDecideTask(slug, task.id);
  const toast = useToast();
  return (
    <div className="flex items-center gap-3">
      <Button
        variant="danger"
        pending={decide.isPending}
        onClick={() =>
          decide.mutate(
            { action: 'cancel' },
            {
              onSuccess: () => toast('Task cancelled'),
              onError: (error) => toast(`Could not cancel: ${error.message}`, { tone: 'danger' }),
            },
          )
        }
      >
        <Ban className="size-4" aria-hidden="true" />
        Cancel task
      </Button>
      <span className="text-[13px] text-muted">A waiting task never runs; a running one is stopped.</span>
    </div>
  );
}
