import { parsePgTimestamp, wallClock } from './plane/datetime.ts';

/**
 * Calendar arithmetic for cycles in a named time zone (IANA), with Intl only: a cycle's dates are instants, shown
 * and bucketed by day in a person's or project's zone.
 */
/** The calendar date (`YYYY-MM-DD`) the instant falls on in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = wallClock(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Minutes the zone's wall clock is ahead of UTC at the instant. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant at which the zone's wall clock shows `date` `time` (`HH:MM:SS`). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}Z`);
  let instant = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  // A second pass settles instants near a change of offset (daylight saving).
  instant = wall - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether the zone is one Intl knows (zod cannot tell). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Plane's reading of a cycle's dates on input (contract §2.12): the date part counts, as the project's local
 * 00:00:01 for the start (or now, when the start is today there) and 23:59 for the end.
 */
export function cycleStart(input: string, timeZone: string, now: Date): Date {
  const date = input.slice(0, 10);
  return date === localDate(now, timeZone) ? now : zonedInstant(date, '00:00:01', timeZone);
}

export function cycleEnd(input: string, timeZone: string): Date {
  return zonedInstant(input.slice(0, 10), '23:59:00', timeZone);
}

export const cycleStatuses = ['draft', 'upcoming', 'current', 'completed'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];

/** Derived from the dates and the clock: no dates → draft; before the start → upcoming; after the end → completed. */
export function cycleStatus(
  cycle: { startDate: string | null; endDate: string | null },
  now: Date,
): CycleStatus {
  const start = cycle.startDate ? pgInstant(cycle.startDate).getTime() : undefined;
  const end = cycle.endDate ? pgInstant(cycle.endDate).getTime() : undefined;
  if (end !== undefined && end < now.getTime()) return 'completed';
  if (start !== undefined && start > now.getTime()) return 'upcoming';
  if (start !== undefined && end !== undefined) return 'current';
  return 'draft';
}

/** PostgreSQL's timestamptz text (`2026-03-01 00:00:01.5+00`) as a Date (milliseconds kept). */
export function pgInstant(text: string): Date {
  return parsePgTimestamp(text)?.instant ?? new Date(text);
}
