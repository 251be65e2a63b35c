import { addDays, localDate, zonedInstant } from '../modules/work/cycle-dates.ts';

const HOUR = 3_600_000;

/**
 * The demo's clock: days counted from the day it is seeded, in the workspace's time zone. Everything the seed
 * writes is placed on this calendar (six weeks back, a month ahead), so every install shows a current sprint.
 */
export class DemoCalendar {
  readonly today: string;
  readonly now: Date;
  readonly timeZone: string;

  constructor(now: Date, timeZone: string) {
    this.now = now;
    this.timeZone = timeZone;
    this.today = localDate(now, timeZone);
  }

  /** The calendar date `offset` days from today. */
  date(offset: number): string {
    return addDays(this.today, offset);
  }

  /** The instant of `hour` (fractions are minutes) on the day `offset` days from today, local time. */
  at(offset: number, hour: number): Date {
    const minutes = Math.round(hour * 60);
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
    return zonedInstant(this.date(offset), time, this.timeZone);
  }

  /** Whether the instant has happened: the seed writes no history in the future. */
  past(instant: Date): boolean {
    return instant.getTime() < this.now.getTime() - HOUR / 4;
  }

  /** The later of `instant` and a quarter of an hour ago: for the "it just happened" events of today. */
  notAfterNow(instant: Date): Date {
    const latest = this.now.getTime() - HOUR / 4;
    return new Date(Math.min(instant.getTime(), latest));
  }
}
