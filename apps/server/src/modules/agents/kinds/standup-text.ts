import type { StandupProject } from './standup.ts';

/** What the model gets to write one project's standup from. */
export interface ProjectNews {
  window: string;
  /** The workspace's calendar date at the window's end, as `YYYY-MM-DD`. */
  today: string;
  stuck_days: number;
  project: StandupProject;
}

const by = (people: string[]) => (people.length ? ` (${people.join(', ')})` : '');
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The offline standup of one project: a heading, then one section per kind of news, empty ones left out. */
export function standupTemplate(raw: Record<string, unknown>): string {
  const { window, today, stuck_days: stuckDays, project: p } = raw as unknown as ProjectNews;
  const section = (title: string, lines: string[]) =>
    lines.length ? [`${title}:`, ...lines.map((l) => `- ${l}`)] : [];
  return [
    `Standup for ${p.name} (${p.identifier}), ${window}:`,
    ...section(
      'Moved',
      p.moved.map((i) => `${i.ref} ${i.name}: ${i.from ?? 'no state'} → ${i.state}${by(i.by)}`),
    ),
    ...section(
      'Completed',
      p.completed.map((i) => `${i.ref} ${i.name}${by(i.by)}`),
    ),
    ...section(
      'Blocked',
      p.blocked.map(
        (i) =>
          `${i.ref} ${i.name}, blocked by ${i.blocked_by.map((b) => `${b.ref} ${b.name} (${b.state})`).join(', ')}`,
      ),
    ),
    ...section(
      `Stuck (no change for ${days(stuckDays)} or more)`,
      p.stuck.map((i) => `${i.ref} ${i.name}: ${i.state} for ${days(i.idle_days)} without a change`),
    ),
    ...section(
      `Overdue (as of ${today})`,
      p.overdue.map(
        (i) => `${i.ref} ${i.name}: due ${i.target_date}, ${days(i.days_overdue)} late (${i.state})`,
      ),
    ),
  ].join('\n');
}
