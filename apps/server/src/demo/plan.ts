import type { Priority } from '../modules/work/work-items.schema.ts';
import type { RelationType } from '../modules/work/index.ts';
import type { DemoCalendar } from './calendar.ts';
import type { DemoProject, Discipline } from './catalog.ts';
import type { PersonKey } from './people.ts';
import { DemoRandom } from './random.ts';
import { commentLines, worklogLines } from './texts.ts';

/** Five two-week cycles around today (offsets in days): two done, the current one, two to come. */
export const cycleWindows = [
  { start: -37, end: -24 },
  { start: -23, end: -10 },
  { start: -9, end: 4 },
  { start: 5, end: 18 },
  { start: 19, end: 32 },
] as const;
export const CURRENT_CYCLE = 2;
/** When the project (and its cycles, labels and modules) was set up. */
export const PROJECT_SETUP_DAY = -47;

export interface PlannedItem {
  ref: string;
  name: string;
  descriptionHtml?: string;
  priority: Priority;
  labels: string[];
  assignees: PersonKey[];
  /** Its size: on an estimated project, the value of its estimate point; else the legacy 0–12 `point`. */
  point: number | null;
  /** The first guess it was created with, when it was re-estimated later (estimated projects only). */
  firstPoint?: number;
  parent?: string;
  startDate: string | null;
  targetDate: string | null;
  state: 'Backlog' | 'Todo';
  createdBy: PersonKey;
}

export type DemoEvent = { at: Date; by: PersonKey } & (
  | { kind: 'create'; ref: string }
  | { kind: 'state'; ref: string; state: string }
  | { kind: 'estimate'; ref: string; point: number }
  | { kind: 'cycle'; cycle: number; refs: string[] }
  | { kind: 'module'; module: string; refs: string[] }
  | { kind: 'comment'; ref: string; text: string }
  | { kind: 'link'; ref: string; url: string; title: string }
  | { kind: 'worklog'; ref: string; minutes: number; description: string }
  | { kind: 'relation'; ref: string; type: RelationType; other: string }
);

export interface ProjectPlan {
  items: Map<string, PlannedItem>;
  /** In the order they happened. */
  events: DemoEvent[];
  moduleStatus: Map<
    string,
    { status: 'completed' | 'in-progress' | 'planned'; start: string; target: string }
  >;
}

const priorities: ReadonlyArray<readonly [Priority, number]> = [
  ['none', 8],
  ['low', 25],
  ['medium', 40],
  ['high', 21],
  ['urgent', 6],
];
const points: ReadonlyArray<readonly [number, number]> = [
  [1, 15],
  [2, 30],
  [3, 30],
  [5, 18],
  [8, 7],
];

/**
 * On a project with an estimate, some items planned into a sprint that has begun are re-estimated a few days in
 * (most turn out bigger than the first guess, which they were created with). A randomness of their own keeps the
 * rest of the story as it was.
 */
function reEstimates(
  project: DemoProject,
  calendar: DemoCalendar,
  plan: {
    items: Map<string, PlannedItem>;
    cycleAdds: Map<number, string[]>;
    createdAt: Map<string, Date>;
    planning: (cycle: number) => Date;
  },
): DemoEvent[] {
  if (!project.estimate) return [];
  const rng = new DemoRandom(`agency-os-demo:${project.key}:estimates`);
  const scale = project.estimate.values.map(Number);
  const events: DemoEvent[] = [];
  for (const [cycle, refs] of plan.cycleAdds) {
    if (cycleWindows[cycle]!.start > 0) continue; // not begun: nothing learnt yet
    for (const ref of refs) {
      const item = plan.items.get(ref)!;
      if (item.point === null || item.firstPoint !== undefined || !rng.chance(0.25)) continue;
      const guess = scale[scale.indexOf(item.point) + (rng.chance(0.7) ? -1 : 1)];
      if (guess === undefined) continue;
      item.firstPoint = guess;
      const days = rng.int(1, 4) * 86_400_000;
      const at = Math.max(
        plan.planning(cycle).getTime() + days,
        plan.createdAt.get(ref)!.getTime() + 3_600_000,
      );
      events.push({
        kind: 'estimate',
        at: calendar.notAfterNow(new Date(at)),
        by: project.lead,
        ref,
        point: item.point,
      });
    }
  }
  return events;
}

/** The story of one project: its items, and every change to them from six weeks ago until now. */
export function planProject(project: DemoProject, calendar: DemoCalendar): ProjectPlan {
  const rng = new DemoRandom(`agency-os-demo:${project.key}`);
  const items = new Map<string, PlannedItem>();
  const events: DemoEvent[] = [];
  const outcomes = new Map<
    string,
    { started: Date; startDay: number; ended?: Date; terminal: boolean; reviewed?: boolean }
  >();
  const reviewState = project.states.find((s) => s.group === 'started')?.name;
  const hourOf = () => 9 + rng.int(0, 16) / 2;
  const when = (day: number) => calendar.at(day, hourOf());
  const after = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);
  const person = (discipline: Discipline) => rng.pick(project.people[discipline]);
  const planning = (cycle: number) => {
    const window = cycleWindows[cycle]!;
    // Planned the afternoon before the cycle starts (upcoming ones: yesterday), so its first day has its scope.
    return calendar.at(Math.min(window.start - 1, -1), 15 + cycle / 2);
  };
  const cycleAdds = new Map<number, string[]>();
  const relations: Array<[string, RelationType, string]> = [];
  const plan = (cycle: number, ref: string) => cycleAdds.set(cycle, [...(cycleAdds.get(cycle) ?? []), ref]);

  /** Plays an item through its cycle from `cycle` on: started, maybe reviewed, done, or carried over. */
  const live = (ref: string, cycle: number, owner: PersonKey) => {
    const window = cycleWindows[cycle]!;
    if (window.start > 0) return; // upcoming: still to do
    const current = cycle === CURRENT_CYCLE;
    const roll = rng.next();
    const span = (current ? 0 : window.end) - window.start;
    let outcome = outcomes.get(ref);
    if (!outcome) {
      const startDay = window.start + rng.int(0, Math.max(0, Math.floor(span * 0.6)));
      const started = when(startDay);
      if (!calendar.past(started) || (current && roll < 0.2)) return; // not started yet
      events.push({ kind: 'state', at: started, by: owner, ref, state: 'In Progress' });
      outcome = { started, startDay, terminal: false };
      outcomes.set(ref, outcome);
    }
    const finishDay = Math.min(window.end, Math.max(outcome.startDay, window.start) + rng.int(1, 4));
    const finished = calendar.at(finishDay, 10 + rng.int(0, 14) / 2);
    const carried = !current && roll < 0.12 && cycle + 1 < cycleWindows.length;
    const openNow = current && (roll < 0.45 || !calendar.past(finished));
    if (carried || openNow) {
      const review = after(outcome.started, 24 * 60 + rng.int(0, 300));
      if (reviewState && roll > 0.3 && !outcome.reviewed && calendar.past(review)) {
        events.push({ kind: 'state', at: review, by: owner, ref, state: reviewState });
        outcome.reviewed = true;
      }
      if (carried) {
        plan(cycle + 1, ref);
        live(ref, cycle + 1, owner);
      }
      return;
    }
    if (roll > 0.96) {
      events.push({ kind: 'state', at: finished, by: project.lead, ref, state: 'Cancelled' });
    } else {
      if (reviewState && !outcome.reviewed && rng.chance(0.6)) {
        events.push({
          kind: 'state',
          at: after(finished, -rng.int(60, 600)),
          by: owner,
          ref,
          state: reviewState,
        });
      }
      events.push({
        kind: 'state',
        at: finished,
        by: rng.chance(0.7) ? owner : project.lead,
        ref,
        state: 'Done',
      });
    }
    outcome.ended = finished;
    outcome.terminal = true;
  };

  // Features: a parent item each, its tasks split over two consecutive cycles.
  project.features.forEach((feature, f) => {
    const first = Math.floor((f * cycleWindows.length) / project.features.length);
    const parentRef = `feature-${f}`;
    // Written a few days before their first cycle, and never later than the day before yesterday.
    const created = when(Math.min(cycleWindows[first]!.start - rng.int(3, 8), -rng.int(2, 6)));
    const title = feature.name.charAt(0).toUpperCase() + feature.name.slice(1);
    const children: string[] = [];
    const half = Math.ceil(feature.tasks.length / 2);
    feature.tasks.forEach(([template, label, discipline], t) => {
      const cycle = Math.min(first + (t < half ? 0 : 1), cycleWindows.length - 1);
      const ref = `feature-${f}-task-${t}`;
      const owner = person(discipline);
      const window = cycleWindows[cycle]!;
      items.set(ref, {
        ref,
        name: template.replace('{f}', feature.name),
        priority: rng.weighted(priorities),
        labels: [label],
        assignees: rng.chance(0.1) ? [...new Set([owner, person('dev')])] : [owner],
        point: rng.weighted(points),
        parent: parentRef,
        startDate: calendar.date(window.start),
        targetDate: calendar.date(window.end),
        state: 'Todo',
        createdBy: project.lead,
      });
      events.push({ kind: 'create', at: after(created, 2 + t), by: project.lead, ref });
      plan(cycle, ref);
      live(ref, cycle, owner);
      children.push(ref);
    });
    const starts = children.map((c) => items.get(c)!.startDate!).sort();
    const targets = children.map((c) => items.get(c)!.targetDate!).sort();
    items.set(parentRef, {
      ref: parentRef,
      name: title,
      descriptionHtml: `<p>${title}: ${feature.tasks.length} steps, from ${starts[0]} to ${targets[targets.length - 1]}.</p>`,
      priority: rng.pick(['medium', 'high'] as const),
      labels: [...new Set(feature.tasks.map(([, label]) => label))].slice(0, 2),
      assignees: [project.lead],
      point: null,
      startDate: starts[0]!,
      targetDate: targets[targets.length - 1]!,
      state: 'Todo',
      createdBy: project.lead,
    });
    events.push({ kind: 'create', at: created, by: project.lead, ref: parentRef });
    events.push({
      kind: 'module',
      at: after(created, 20),
      by: project.lead,
      module: feature.module,
      refs: [parentRef, ...children],
    });
    // The parent follows its children: started with the first, done with the last.
    const lives = children.map((c) => outcomes.get(c));
    const startedAt = lives.map((o) => o?.started?.getTime()).filter((t): t is number => t !== undefined);
    if (startedAt.length > 0) {
      events.push({
        kind: 'state',
        at: after(new Date(Math.min(...startedAt)), 5),
        by: project.lead,
        ref: parentRef,
        state: 'In Progress',
      });
    }
    if (lives.every((o) => o?.terminal)) {
      const last = Math.max(...lives.map((o) => o!.ended!.getTime()));
      events.push({
        kind: 'state',
        at: calendar.notAfterNow(after(new Date(last), 60)),
        by: project.lead,
        ref: parentRef,
        state: 'Done',
      });
    }
    // Later steps wait for earlier ones.
    if (children.length > 2 && rng.chance(0.6)) relations.push([children[2]!, 'blocked_by', children[1]!]);
  });

  // Bugs turn up during the sprints; most are fixed in the sprint they were found in.
  project.bugs.forEach((name, b) => {
    const ref = `bug-${b}`;
    const cycle = b % 3 === 0 ? 1 : CURRENT_CYCLE;
    const window = cycleWindows[cycle]!;
    const created = when(window.start + rng.int(1, cycle === CURRENT_CYCLE ? 8 : 10));
    const owner = person('dev');
    items.set(ref, {
      ref,
      name,
      descriptionHtml: `<p>Steps to reproduce are in the comments. Found during ${project.cycleNames[cycle]}.</p>`,
      priority: rng.weighted([
        ['urgent', 2],
        ['high', 5],
        ['medium', 3],
      ] as const),
      labels: ['Bug'].filter((l) => project.labels.some((x) => x.name === l)),
      assignees: [owner],
      point: rng.int(1, 3),
      startDate: null,
      targetDate: null,
      state: 'Todo',
      createdBy: rng.pick(project.people.lead),
    });
    events.push({ kind: 'create', at: created, by: items.get(ref)!.createdBy, ref });
    events.push({ kind: 'cycle', at: after(created, 10), by: project.lead, cycle, refs: [ref] });
    const fixed = after(created, rng.int(3, 40) * 60);
    if (calendar.past(fixed) && rng.chance(0.75)) {
      events.push({ kind: 'state', at: after(created, 30), by: owner, ref, state: 'In Progress' });
      events.push({ kind: 'state', at: fixed, by: owner, ref, state: 'Done' });
      outcomes.set(ref, { started: after(created, 30), startDay: 0, ended: fixed, terminal: true });
    }
  });
  if (project.bugs.length > 4) relations.push(['bug-4', 'duplicate', 'bug-1']);

  // Ideas wait in the backlog.
  project.ideas.forEach((name, i) => {
    const ref = `idea-${i}`;
    items.set(ref, {
      ref,
      name,
      priority: rng.weighted([
        ['none', 3],
        ['low', 2],
      ] as const),
      labels: [],
      assignees: [],
      point: null,
      startDate: null,
      targetDate: null,
      state: 'Backlog',
      createdBy: rng.pick([project.lead, ...project.people.lead]),
    });
    events.push({
      kind: 'create',
      at: when(PROJECT_SETUP_DAY + 1 + rng.int(0, 44)),
      by: items.get(ref)!.createdBy,
      ref,
    });
  });

  // Cycle planning: one move per cycle, the afternoon before it starts.
  for (const [cycle, refs] of cycleAdds) {
    events.push({ kind: 'cycle', at: planning(cycle), by: project.lead, cycle, refs });
  }

  const createdAt = new Map(events.filter((e) => e.kind === 'create').map((e) => [e.ref, e.at]));
  events.push(...reEstimates(project, calendar, { items, cycleAdds, createdAt, planning }));

  // Talk, links and time on the items that were worked on.
  for (const [ref, outcome] of outcomes) {
    const item = items.get(ref)!;
    const owner = item.assignees[0] ?? project.lead;
    const from = outcome.started.getTime();
    const to = (outcome.ended ?? calendar.notAfterNow(calendar.now)).getTime();
    const between = () => new Date(from + rng.next() * Math.max(to - from, 60_000));
    const logs = rng.int(1, 3);
    for (let i = 0; i < logs; i++) {
      events.push({
        kind: 'worklog',
        at: between(),
        by: owner,
        ref,
        minutes: rng.int(2, 16) * 15,
        description: rng.pick(worklogLines),
      });
    }
    if (rng.chance(0.4)) {
      const talkers = [owner, project.lead, ...project.members.filter(([, r]) => r === 5).map(([p]) => p)];
      for (let i = rng.int(1, 3); i > 0; i--) {
        events.push({
          kind: 'comment',
          at: between(),
          by: rng.pick(talkers),
          ref,
          text: rng.pick(commentLines),
        });
      }
    }
    const label = item.labels[0] ?? '';
    if (rng.chance(0.3)) {
      const design = ['Design', 'UX', 'Visual'].includes(label);
      const number = 40 + rng.int(0, 300);
      events.push({
        kind: 'link',
        at: calendar.notAfterNow(new Date(from + 3_600_000 * rng.int(1, 6))),
        by: owner,
        ref,
        url: design
          ? `https://www.figma.com/design/${project.key}${number}/${encodeURIComponent(project.name)}`
          : `https://github.com/${project.repository}/pull/${number}`,
        title: design ? `Figma: ${item.name}` : `PR #${number}: ${item.name}`,
      });
    }
  }
  // A few items that belong together.
  const workedOn = [...outcomes.keys()];
  for (let i = 0; i < Math.min(4, Math.floor(workedOn.length / 4)); i++) {
    const [a, b] = rng.sample(workedOn, 2);
    if (a && b) relations.push([a, 'relates_to', b]);
  }
  for (const [ref, type, other] of relations) {
    const at = new Date(Math.max(createdAt.get(ref)!.getTime(), createdAt.get(other)!.getTime()) + 3_600_000);
    events.push({ kind: 'relation', at: calendar.notAfterNow(at), by: project.lead, ref, type, other });
  }

  const moduleStatus: ProjectPlan['moduleStatus'] = new Map();
  for (const module of project.modules) {
    const refs = [...items.values()].filter(
      (i) => i.parent && project.features[Number(i.parent.split('-')[1])]?.module === module.name,
    );
    const starts = refs.map((r) => r.startDate!).sort();
    const targets = refs.map((r) => r.targetDate!).sort();
    const done = refs.every((r) => outcomes.get(r.ref)?.terminal);
    const started = refs.some((r) => outcomes.has(r.ref));
    moduleStatus.set(module.name, {
      status: done ? 'completed' : started ? 'in-progress' : 'planned',
      start: starts[0] ?? calendar.date(0),
      target: targets[targets.length - 1] ?? calendar.date(30),
    });
  }

  const order = new Map(events.map((e, i) => [e, i]));
  const rank = (e: DemoEvent) => (e.kind === 'create' ? 0 : 1);
  events.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || rank(a) - rank(b) || order.get(a)! - order.get(b)!,
  );
  return { items, events, moduleStatus };
}
