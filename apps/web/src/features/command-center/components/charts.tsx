import {
  Bar,
  BarChart,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { activityBuckets, type AgentOverview } from '../api/get-agent-overview.ts';
import type { TodayOverview } from '../api/get-today.ts';
import { openGroups, type WorkOverview } from '../api/get-work-overview.ts';

const tick = { fontSize: 11, fill: '#64748b' };

export const groupColors: Record<(typeof openGroups)[number], string> = {
  backlog: '#94a3b8',
  unstarted: '#60a5fa',
  started: '#f59e0b',
};
export const groupLabels: Record<(typeof openGroups)[number], string> = {
  backlog: 'Backlog',
  unstarted: 'To do',
  started: 'In progress',
};

/**
 * Open work by state group: a donut with the total in the middle and a legend that carries the numbers, so
 * nothing depends on reading the colours. Screen readers get the legend (the drawing is hidden).
 */
export function OpenWorkChart({ open }: { open: WorkOverview['open'] }) {
  const data = openGroups.map((g) => ({ group: g, name: groupLabels[g], value: open[g] }));
  const total = data.reduce((sum, d) => sum + d.value, 0);
  return (
    <figure className="flex flex-wrap items-center gap-6" aria-label="Open work by state">
      <div className="relative size-40 shrink-0" aria-hidden="true" data-testid="open-work-chart">
        <ResponsiveContainer width="100%" height="100%">
          <PieChart accessibilityLayer={false}>
            <Pie
              data={data}
              dataKey="value"
              nameKey="name"
              innerRadius="62%"
              outerRadius="100%"
              paddingAngle={total > 0 ? 2 : 0}
              isAnimationActive={false}
              stroke="none"
              rootTabIndex={-1}
            >
              {data.map((d) => (
                <Cell key={d.group} fill={groupColors[d.group]} />
              ))}
            </Pie>
            <Tooltip />
          </PieChart>
        </ResponsiveContainer>
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
          <span className="text-2xl font-semibold text-ink">{total}</span>
          <span className="text-xs text-muted">open</span>
        </div>
      </div>
      <figcaption className="min-w-40 flex-1">
        <ul className="space-y-2">
          {data.map((d) => (
            <li key={d.group} className="flex items-center gap-2 text-sm">
              <span
                aria-hidden="true"
                className="size-2.5 rounded-sm"
                style={{ backgroundColor: groupColors[d.group] }}
              />
              <span className="flex-1 text-muted">{d.name}</span>
              <span className="font-semibold text-ink" data-testid={`open-${d.group}`}>
                {d.value}
              </span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export const bucketColors = {
  completed: '#16a34a',
  failed: '#dc2626',
  waiting: '#f59e0b',
  running: '#6366f1',
};
const bucketLabels = {
  completed: 'Completed',
  failed: 'Failed or rejected',
  waiting: 'Waiting for approval',
  running: 'Queued or running',
};

/** Tasks created on each of the last 7 days, stacked by how they stand now. */
export function AgentActivityChart({ days }: { days: AgentOverview['days'] }) {
  return (
    <figure aria-labelledby="agent-activity-caption">
      <figcaption id="agent-activity-caption" className="sr-only">
        Agent tasks per day over the last 7 days, by status.
      </figcaption>
      <div className="h-52 w-full" aria-hidden="true" data-testid="agent-activity-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={days}
            margin={{ top: 8, right: 8, bottom: 0, left: -24 }}
            accessibilityLayer={false}
          >
            <XAxis dataKey="label" tick={tick} tickLine={false} axisLine={false} />
            <YAxis allowDecimals={false} tick={tick} tickLine={false} axisLine={false} />
            <Tooltip cursor={{ fill: '#94a3b822' }} />
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              formatter={(value: string) => <span style={{ color: '#64748b' }}>{value}</span>}
            />
            {activityBuckets.map((b, i) => (
              <Bar
                key={b}
                dataKey={b}
                name={bucketLabels[b]}
                stackId="tasks"
                fill={bucketColors[b]}
                radius={i === activityBuckets.length - 1 ? [3, 3, 0, 0] : 0}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Agent tasks per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {activityBuckets.map((b) => (
              <th key={b} scope="col">
                {bucketLabels[b]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.label}</th>
              {activityBuckets.map((b) => (
                <td key={b}>{d[b]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Changes since midnight by what they touched, as horizontal bars. */
export function TodayChart({ byKind }: { byKind: TodayOverview['byKind'] }) {
  const data = byKind.slice(0, 6);
  return (
    <figure aria-labelledby="today-caption">
      <figcaption id="today-caption" className="sr-only">
        Changes made today, by kind.
      </figcaption>
      <div
        style={{ height: 28 * data.length + 16 }}
        className="w-full"
        aria-hidden="true"
        data-testid="today-chart"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
            accessibilityLayer={false}
          >
            <XAxis type="number" hide allowDecimals={false} />
            <YAxis type="category" dataKey="kind" width={96} tick={tick} tickLine={false} axisLine={false} />
            <Tooltip cursor={{ fill: '#94a3b822' }} />
            <Bar
              dataKey="count"
              name="Changes"
              fill="#6366f1"
              radius={[0, 3, 3, 0]}
              barSize={14}
              isAnimationActive={false}
              label={{ position: 'right', fontSize: 11, fill: '#64748b' }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="sr-only">
        {data.map((d) => (
          <li key={d.kind}>
            {d.kind}: {d.count}
          </li>
        ))}
      </ul>
    </figure>
  );
}
