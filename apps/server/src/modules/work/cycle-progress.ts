import { pgInstant } from './cycle-dates.ts';
import type { ChangeRow, GroupTally, ItemHistoryRow } from './cycles.repository.ts';

export const progressGroups = ['backlog', 'unstarted', 'started', 'completed', 'cancelled'] as const;
export type ProgressGroup = (typeof progressGroups)[number];
const openGroups = new Set<string>(['backlog', 'unstarted', 'started']);

export interface CycleProgress {
  total_items: number;
  total_points: number;
  completed_items: number;
  completed_points: number;
  cancelled_items: number;
  cancelled_points: number;
  /** Items still to do: backlog, unstarted or started. */
  pending_items: number;
  pending_points: number;
  groups: Record<ProgressGroup, { items: number; points: number }>;
}

/**
 * Counts and points per state group of one cycle, from the repository's tally. An item's points are its estimate
 * point's numeric value when the project's estimate is of type points or time, else its legacy `point`
 * (estimates.repository.ts, workItemPoints).
 */
export function progressOf(tally: GroupTally[]): CycleProgress {
  const groups = Object.fromEntries(progressGroups.map((g) => [g, { items: 0, points: 0 }])) as Record<
    ProgressGroup,
    { items: number; points: number }
  >;
  for (const row of tally) {
    const group = groups[row.group as ProgressGroup];
    if (!group) continue;
    group.items += row.items;
    group.points += row.points;
  }
  const sum = (pick: (g: { items: number; points: number }) => number, names: readonly ProgressGroup[]) =>
    names.reduce((total, name) => total + pick(groups[name]), 0);
  const open = ['backlog', 'unstarted', 'started'] as const;
  return {
    total_items: sum((g) => g.items, progressGroups),
    total_points: sum((g) => g.points, progressGroups),
    completed_items: groups.completed.items,
    completed_points: groups.completed.points,
    cancelled_items: groups.cancelled.items,
    cancelled_points: groups.cancelled.points,
    pending_items: sum((g) => g.items, open),
    pending_points: sum((g) => g.points, open),
    groups,
  };
}

/** One calendar day of the cycle in the reader's time zone: the instants it starts and ends at. */
export interface BurndownDay {
  date: string;
  start: Date;
  end: Date;
}

export interface BurndownPoint {
  date: string;
  /** Items (points) in the cycle at the end of the day, whatever their state; null for days still to come. */
  scope_items: number | null;
  scope_points: number | null;
  /** Items (points) still open (backlog, unstarted, started) at the end of the day. */
  pending_items: number | null;
  pending_points: number | null;
  completed_items: number | null;
  completed_points: number | null;
  /**
   * The straight line from the cycle's scope down to zero on the last day. Scope is the largest seen so far, as
   * items are usually planned in after the first day (Plane starts its ideal line from the total too).
   */
  ideal_items: number;
  ideal_points: number;
}

interface Change {
  at: number;
  from: string | null;
  to: string | null;
}

/** The value at `at` of something whose changes are known: after the last change before it, else before the first. */
function valueAt(changes: Change[], at: number, current: string | null): string | null {
  let last: Change | undefined;
  for (const change of changes) {
    if (change.at > at) {
      return last ? last.to : change.from;
    }
    last = change;
  }
  return last ? last.to : current;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** What the burndown replays: the items, their changes, and what each estimate point they had counts for. */
export interface CycleHistory {
  items: ItemHistoryRow[];
  changes: ChangeRow[];
  /** Point id → its number in cycle points (null: it counts for nothing, the legacy `point` does). */
  points: Map<string, number | null>;
}

interface ItemChanges {
  state: Change[];
  cycle: Change[];
  estimate: Change[];
}

/** Each item's changes by kind; an estimate point change names its point by id (older rows in the value). */
function changesByItem(changes: ChangeRow[]): Map<string, ItemChanges> {
  const byItem = new Map<string, ItemChanges>();
  for (const row of changes) {
    const entry = byItem.get(row.workItemId) ?? { state: [], cycle: [], estimate: [] };
    byItem.set(row.workItemId, entry);
    const at = pgInstant(row.createdAt).getTime();
    if (row.field === 'estimate_point') {
      entry.estimate.push({
        at,
        from: row.oldIdentifier ?? row.oldValue,
        to: row.newIdentifier ?? row.newValue,
      });
    } else {
      (row.field === 'state' ? entry.state : entry.cycle).push({
        at,
        from: row.oldIdentifier,
        to: row.newIdentifier,
      });
    }
  }
  return byItem;
}

const pointId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every estimate point the items have or had: what the burndown needs counted. */
export function pointIdsOf(history: Omit<CycleHistory, 'points'>): string[] {
  const ids = history.items.map((item) => item.estimatePointId);
  for (const changes of changesByItem(history.changes).values()) {
    ids.push(...changes.estimate.flatMap((c) => [c.from, c.to]));
  }
  return [...new Set(ids.filter((id): id is string => id !== null && pointId.test(id)))];
}

/**
 * Replays each item's history (its state changes, its moves in and out of cycles, its estimate points) to tell,
 * at the end of each day, which items were in the cycle, which of them were still open, and the points each had
 * that day: its estimate point's number then, else its legacy `point` (which keeps no history), else 0.
 */
export function burndown(
  cycleId: string,
  history: CycleHistory,
  groupOf: Map<string, string>,
  days: BurndownDay[],
  now: Date,
): BurndownPoint[] {
  const byItem = changesByItem(history.changes);
  const lives = history.items.map((item) => {
    const changes = byItem.get(item.id) ?? { state: [], cycle: [], estimate: [] };
    const pointsAt = (at: number) => {
      const point = valueAt(changes.estimate, at, item.estimatePointId);
      return (point ? history.points.get(point) : null) ?? item.legacyPoint ?? 0;
    };
    return {
      item,
      born: pgInstant(item.createdAt).getTime(),
      died: item.deletedAt ? pgInstant(item.deletedAt).getTime() : Number.POSITIVE_INFINITY,
      pointsAt,
      history: changes,
    };
  });
  const tallies = days.map((day) => {
    if (day.start.getTime() > now.getTime()) return undefined;
    // A day is read at its end; today, at this moment.
    const at = Math.min(day.end.getTime(), now.getTime());
    const tally = { scope: [0, 0], pending: [0, 0], completed: [0, 0] };
    for (const life of lives) {
      if (life.born > at || life.died <= at) continue;
      if (valueAt(life.history.cycle, at, life.item.inCycle ? cycleId : null) !== cycleId) continue;
      const group = groupOf.get(valueAt(life.history.state, at, life.item.stateId) ?? '') ?? '';
      const points = life.pointsAt(at);
      tally.scope[0]! += 1;
      tally.scope[1]! += points;
      if (openGroups.has(group)) {
        tally.pending[0]! += 1;
        tally.pending[1]! += points;
      } else if (group === 'completed') {
        tally.completed[0]! += 1;
        tally.completed[1]! += points;
      }
    }
    return tally;
  });
  const known = tallies.filter((t) => t !== undefined);
  const scope = [0, 1].map((k) => Math.max(0, ...known.map((t) => t.scope[k]!)));
  const steps = Math.max(days.length - 1, 1);
  return days.map((day, i) => {
    const tally = tallies[i];
    const share = days.length === 1 ? 0 : 1 - i / steps;
    return {
      date: day.date,
      scope_items: tally ? tally.scope[0]! : null,
      scope_points: tally ? tally.scope[1]! : null,
      pending_items: tally ? tally.pending[0]! : null,
      pending_points: tally ? tally.pending[1]! : null,
      completed_items: tally ? tally.completed[0]! : null,
      completed_points: tally ? tally.completed[1]! : null,
      ideal_items: round(scope[0]! * share),
      ideal_points: round(scope[1]! * share),
    };
  });
}
