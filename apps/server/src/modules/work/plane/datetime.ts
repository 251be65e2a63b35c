/**
 * Plane renders datetimes as Python's isoformat() in the requesting user's time zone: microseconds when they are
 * not zero, `Z` for a zero offset and `+hh:mm` elsewhere. Input is PostgreSQL's timestamptz text, which keeps microseconds.
 */
const pgTimestamp =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?([+-]\d{2})(?::?(\d{2}))?(?::\d{2})?$/;

const utcTimestamp = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00(?::?00)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock (year … second, two-digit fields) of the zone at the instant; cycles' calendar reads it too. */
export function wallClock(instant: Date, timeZone: string): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** PostgreSQL's timestamptz text as an instant (milliseconds kept) and its six-digit microseconds. */
export function parsePgTimestamp(text: string): { instant: Date; micros: string } | undefined {
  const match = pgTimestamp.exec(text);
  if (!match) return undefined;
  const [, day, time, fraction = '', offsetHours, offsetMinutes = '00'] = match;
  const micros = fraction.padEnd(6, '0');
  return { instant: new Date(`${day}T${time}.${micros.slice(0, 3)}${offsetHours}:${offsetMinutes}`), micros };
}

export function planeDateTime(value: string, timeZone: string): string;
export function planeDateTime(value: string | null, timeZone: string): string | null;
export function planeDateTime(value: string | null, timeZone: string): string | null {
  if (value === null) return null;
  // Already in UTC (PostgreSQL writes the connection's zone) for a UTC reader: only the format changes.
  const utc = timeZone === 'UTC' ? utcTimestamp.exec(value) : null;
  if (utc) return `${utc[1]}T${utc[2]}${fractionText((utc[3] ?? '').padEnd(6, '0'))}Z`;
  const parsed = parsePgTimestamp(value);
  if (!parsed) throw new Error(`Unexpected timestamp text: ${value}`);
  const { instant, micros } = parsed;
  if (timeZone === 'UTC') return `${instant.toISOString().slice(0, 19)}${fractionText(micros)}Z`;
  const parts = wallClock(instant, timeZone);
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offset = Math.round(
    (Date.parse(`${local}Z`) - instant.getTime() + instant.getMilliseconds()) / 60_000,
  );
  return `${local}${fractionText(micros)}${offsetText(offset)}`;
}

/** Python's isoformat() leaves out a zero fraction. */
function fractionText(micros: string): string {
  return micros === '000000' ? '' : `.${micros}`;
}

function offsetText(minutes: number): string {
  // DRF turns any +00:00 into Z, whatever the zone's name.
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
