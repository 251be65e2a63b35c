/**
 * Plane renders datetimes as Python's isoformat() in the requesting user's time zone: microseconds when they are
 * not zero, `Z` for a zero offset and `+hh:mm` elsewhere. Input is PostgreSQL's timestamptz text, which keeps microseconds.
 */
const pgTimestamp =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?([+-]\d{2})(?::?(\d{2}))?(?::\d{2})?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
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
  return formatter;
}

export function planeDateTime(value: string, timeZone: string): string;
export function planeDateTime(value: string | null, timeZone: string): string | null;
export function planeDateTime(value: string | null, timeZone: string): string | null {
  if (value === null) return null;
  const match = pgTimestamp.exec(value);
  if (!match) throw new Error(`Unexpected timestamp text: ${value}`);
  const [, day, time, fraction = '', offsetHours, offsetMinutes = '00'] = match;
  const micros = fraction.padEnd(6, '0');
  const instant = new Date(`${day}T${time}.${micros.slice(0, 3)}${offsetHours}:${offsetMinutes}`);
  const fractionText = micros === '000000' ? '' : `.${micros}`;
  if (timeZone === 'UTC') return `${instant.toISOString().slice(0, 19)}${fractionText}Z`;
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offset = Math.round(
    (Date.parse(`${local}Z`) - instant.getTime() + instant.getMilliseconds()) / 60_000,
  );
  return `${local}${fractionText}${offsetText(offset)}`;
}

function offsetText(minutes: number): string {
  // DRF turns any +00:00 into Z, whatever the zone's name.
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
