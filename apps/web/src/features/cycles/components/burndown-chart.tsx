import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CycleBurndown } from '@/lib/plane-types.ts';

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const label = (date: string) => dayLabel.format(new Date(`${date}T12:00:00Z`));

/**
 * Open work items at the end of each day against the ideal straight line to zero. Days still to come have no
 * actual value, so the actual line stops at today. The numbers are also in a table for screen readers.
 */
export function BurndownChart({ burndown, name }: { burndown: CycleBurndown; name: string }) {
  const data = burndown.days.map((d) => ({
    label: label(d.date),
    actual: d.pending_items,
    ideal: Math.round(d.ideal_items * 10) / 10,
  }));
  const known = burndown.days.filter((d) => d.pending_items !== null);
  return (
    <figure aria-labelledby="burndown-caption">
      <figcaption id="burndown-caption" className="sr-only">
        Burndown of {name}: open work items per day, against the ideal line.
      </figcaption>
      <div className="h-64 w-full" aria-hidden="true" data-testid="burndown-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#94a3b855" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#64748b' }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="linear"
              dataKey="ideal"
              name="Ideal"
              stroke="#94a3b8"
              strokeDasharray="5 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="actual"
              name="Open work items"
              stroke="#4f46e5"
              strokeWidth={2}
              dot={{ r: 2.5 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Open work items per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Open</th>
            <th scope="col">Ideal</th>
          </tr>
        </thead>
        <tbody>
          {known.map((d) => (
            <tr key={d.date}>
              <th scope="row">{label(d.date)}</th>
              <td>{d.pending_items}</td>
              <td>{Math.round(d.ideal_items * 10) / 10}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
