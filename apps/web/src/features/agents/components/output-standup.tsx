import { useId, type ReactNode } from 'react';
import { formatDateTime } from '@/lib/format.ts';
import type { StandupItem, StandupOutput, StandupProject } from '../api/output-types.ts';
import { ItemRefLink } from './item-ref-link.tsx';
import { writerName } from './output-parts.tsx';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const by = (people: string[]) => (people.length ? ` by ${people.join(', ')}` : '');
const hasNews = (p: StandupProject) =>
  p.moved.length + p.completed.length + p.blocked.length + p.stuck.length + p.overdue.length > 0;

/** A standup: the window, then per project with news what moved, completed, is blocked, stuck or overdue. */
export function StandupView({ output, slug }: { output: StandupOutput; slug: string }) {
  const withNews = output.projects.filter(hasNews);
  const quiet = output.projects.filter((p) => !hasNews(p));
  return (
    <div className="divide-y divide-line">
      <div className="space-y-1 px-5 py-4 text-sm">
        <p className="text-ink">
          {formatDateTime(output.since)} – {formatDateTime(output.until)}{' '}
          <span className="text-muted">({output.time_zone})</span>
        </p>
        <p className="text-muted">
          {output.posted_at
            ? `Posted to the members of ${withNews.length} project(s) ${formatDateTime(output.posted_at)}`
            : 'Nothing to post.'}
          {output.written_by && `, written by ${writerName(output.written_by)}`}
        </p>
      </div>
      {withNews.length === 0 ? (
        <p className="px-5 py-4 text-sm text-muted">
          Nothing moved, and nothing is blocked, stuck or overdue.
        </p>
      ) : (
        withNews.map((project) => (
          <ProjectStandup key={project.id} project={project} output={output} slug={slug} />
        ))
      )}
      {quiet.length > 0 && withNews.length > 0 && (
        <p className="px-5 py-3 text-sm text-muted">
          No news from {quiet.map((p) => `${p.name} (${p.identifier})`).join(', ')}.
        </p>
      )}
    </div>
  );
}

function ProjectStandup({
  project: p,
  output,
  slug,
}: {
  project: StandupProject;
  output: StandupOutput;
  slug: string;
}) {
  const item = (i: StandupItem, detail: ReactNode) => (
    <>
      <ItemRefLink slug={slug} itemRef={i.ref} name={i.name} />
      <span className="text-muted"> {detail}</span>
    </>
  );
  return (
    <section
      aria-labelledby={`standup-${p.id}`}
      className="space-y-3 px-5 py-4"
      data-testid={`standup-${p.identifier}`}
    >
      <h3 id={`standup-${p.id}`} className="text-sm font-semibold text-ink">
        {p.name} <span className="font-normal text-muted">({p.identifier})</span>
      </h3>
      <News
        title="Moved"
        items={p.moved}
        render={(i) => item(i, `${i.from ?? 'no state'} → ${i.state}${by(i.by)}`)}
      />
      <News title="Completed" items={p.completed} render={(i) => item(i, `${i.state}${by(i.by)}`)} />
      <News
        title="Blocked"
        items={p.blocked}
        render={(i) => (
          <>
            {item(i, `(${i.state}), blocked by `)}
            {i.blocked_by.map((b, n) => (
              <span key={b.ref}>
                {n > 0 && ', '}
                <ItemRefLink slug={slug} itemRef={b.ref} name={b.name} />
                <span className="text-muted"> ({b.state})</span>
              </span>
            ))}
          </>
        )}
      />
      <News
        title={`Stuck (no change for ${days(output.stuck_days)} or more)`}
        items={p.stuck}
        render={(i) => item(i, `${i.state} for ${days(i.idle_days)} without a change`)}
      />
      <News
        title={`Overdue (as of ${output.today})`}
        items={p.overdue}
        render={(i) => item(i, `due ${i.target_date}, ${days(i.days_overdue)} late (${i.state})`)}
      />
    </section>
  );
}

function News<T extends StandupItem>({
  title,
  items,
  render,
}: {
  title: string;
  items: T[];
  render: (item: T) => ReactNode;
}) {
  const id = useId();
  if (items.length === 0) return null;
  return (
    <div>
      <h4 id={id} className="text-xs font-semibold tracking-wide text-muted uppercase">
        {title} ({items.length})
      </h4>
      <ul className="mt-1 space-y-1 text-sm" aria-labelledby={id}>
        {items.map((i) => (
          <li key={i.ref}>{render(i)}</li>
        ))}
      </ul>
    </div>
  );
}
