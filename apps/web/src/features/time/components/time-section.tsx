import { Clock, Trash2 } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { Spinner } from '@/components/ui/spinner.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { describeMinutes, formatMinutes, parseDuration } from '@/lib/duration.ts';
import { timeAgo } from '@/lib/format.ts';
import { formLevelError } from '@/lib/forms.ts';
import { personName, projectPeopleQuery, useUpdateProject } from '@/lib/plane-plans.ts';
import type { Project } from '@/lib/plane-types.ts';
import { sumMinutes, useDeleteWorklog, useLogTime, useWorklogs } from '../api/worklogs.ts';

interface TimeSectionProps {
  slug: string;
  project: Project;
  itemId: string;
  /** Project admins and members log time; guests cannot see it. */
  canLog: boolean;
  canManage: boolean;
  userId: string;
  settingsPath: string;
}

/** "Log time" on a work item: a duration (h:mm) and a note; the item's logs and their total below. */
export function TimeSection(props: TimeSectionProps) {
  const { slug, project, itemId, canLog, canManage, userId, settingsPath } = props;
  const enabled = project.is_time_tracking_enabled;
  const logs = useWorklogs(slug, project.id, itemId, enabled && canLog);
  const people = useQuery(projectPeopleQuery(slug, project.id));
  const log = useLogTime(slug, project.id, itemId);
  const remove = useDeleteWorklog(slug, project.id, itemId);
  const enable = useUpdateProject(slug, project.id);
  const toast = useToast();
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();

  if (!canLog) return null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseDuration(duration);
    if (!parsed.ok) {
      setError(parsed.error);
      const field = event.currentTarget.elements.namedItem('duration');
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    setError(undefined);
    log.mutate(
      { duration: parsed.minutes, description: note.trim() },
      {
        onSuccess: () => {
          toast(`Logged ${describeMinutes(parsed.minutes)}`);
          setDuration('');
          setNote('');
        },
      },
    );
  };

  const nameOf = (id: string) => {
    if (id === userId) return 'You';
    const person = people.data?.find((p) => p.id === id);
    return person ? personName(person) : 'A former member';
  };
  const total = logs.data ? sumMinutes(logs.data) : 0;

  return (
    <section aria-labelledby="time-heading">
      <h2 id="time-heading" className="mb-2 flex items-center gap-2 text-[15px] font-semibold">
        <Clock className="size-4" aria-hidden="true" />
        Time
        {enabled && logs.data && (
          <span className="text-[13px] font-normal text-muted">
            <span className="sr-only">Total logged: </span>
            <span data-testid="item-time-total">{formatMinutes(total)}</span> total
          </span>
        )}
      </h2>
      {!enabled ? (
        <div className="rounded-lg border border-dashed border-line px-4 py-3 text-muted">
          Time tracking is off for this project.{' '}
          {canManage ? (
            <Button
              size="sm"
              variant="secondary"
              className="ml-1"
              pending={enable.isPending}
              onClick={() =>
                enable.mutate(
                  { is_time_tracking_enabled: true },
                  {
                    onSuccess: () => toast('Time tracking is on'),
                    onError: (e) => toast(`Could not turn it on: ${e.message}`, { tone: 'danger' }),
                  },
                )
              }
            >
              Turn on time tracking
            </Button>
          ) : (
            <>
              A project admin can turn it on in the{' '}
              <Link to={settingsPath} className="text-accent-text underline">
                project settings
              </Link>
              .
            </>
          )}
        </div>
      ) : (
        <div className="space-y-3">
          <form
            onSubmit={submit}
            noValidate
            aria-label="Log time"
            className="grid grid-cols-[7rem_minmax(0,1fr)_auto] items-start gap-2"
          >
            <InputField
              name="duration"
              label="Duration (h:mm)"
              placeholder="1:30"
              inputMode="decimal"
              autoComplete="off"
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
              error={error}
            />
            <InputField
              label="Note"
              placeholder="What did you work on?"
              autoComplete="off"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button type="submit" variant="primary" className="mt-[1.6rem]" pending={log.isPending}>
              Log time
            </Button>
          </form>
          {log.isError && <Alert>{formLevelError(log.error, []) ?? 'The time was not logged.'}</Alert>}
          {logs.isPending ? (
            <p role="status" className="flex items-center gap-2 text-muted">
              <Spinner /> Loading logged time…
            </p>
          ) : logs.isError ? (
            <Alert>
              {logs.error.message}{' '}
              <button type="button" className="underline" onClick={() => logs.refetch()}>
                Try again
              </button>
            </Alert>
          ) : logs.data.length === 0 ? (
            <p className="text-muted">
              No time logged yet. Type how long you worked, e.g. 1:30, and press “Log time”.
            </p>
          ) : (
            <ul
              aria-label="Logged time"
              className="divide-y divide-line rounded-lg border border-line bg-surface"
            >
              {logs.data.map((entry) => (
                <li key={entry.id} className="flex items-center gap-3 px-3 py-2">
                  <span className="w-14 shrink-0 font-medium tabular-nums">
                    {formatMinutes(entry.duration)}
                  </span>
                  <span className="min-w-0 flex-1 truncate">
                    {entry.description || <span className="text-muted">No note</span>}
                  </span>
                  <span className="shrink-0 text-xs text-muted">
                    {nameOf(entry.logged_by)} · {timeAgo(entry.created_at)}
                  </span>
                  {(entry.logged_by === userId || canManage) && (
                    <button
                      type="button"
                      aria-label={`Delete ${describeMinutes(entry.duration)} logged by ${nameOf(entry.logged_by)}`}
                      disabled={remove.isPending && remove.variables === entry.id}
                      onClick={() =>
                        remove.mutate(entry.id, {
                          onError: (e) => toast(`Could not delete it: ${e.message}`, { tone: 'danger' }),
                        })
                      }
                      className="cursor-pointer rounded-md p-1 text-muted hover:bg-subtle hover:text-danger disabled:opacity-50"
                    >
                      <Trash2 className="size-4" aria-hidden="true" />
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
