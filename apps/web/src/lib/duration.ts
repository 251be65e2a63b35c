/**
 * Durations of logged work, kept in whole minutes (as the server stores them) and typed as `h:mm`, `1.5h`,
 * `90m` or `2h 15m`.
 */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}

/** "1h 30m", read aloud more naturally than 1:30. */
export function describeMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const MAX_MINUTES = 24 * 60;

/** Minutes, or a message saying how to type a duration. */
export function parseDuration(text: string): { ok: true; minutes: number } | { ok: false; error: string } {
  const value = text.trim().toLowerCase();
  const hint = 'Type a duration as h:mm (1:30), in hours (1.5h) or minutes (90m).';
  if (!value) return { ok: false, error: `Enter how long you worked. ${hint}` };
  let minutes: number | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2}):([0-5]\d)$/.exec(value))) minutes = Number(match[1]) * 60 + Number(match[2]);
  else if ((match = /^(\d+(?:\.\d+)?)\s*h(?:\s*(\d{1,2})\s*m)?$/.exec(value)))
    minutes = Math.round(Number(match[1]) * 60) + Number(match[2] ?? 0);
  else if ((match = /^(\d+)\s*m(?:in)?$/.exec(value))) minutes = Number(match[1]);
  else if ((match = /^(\d+(?:\.\d+)?)$/.exec(value))) minutes = Math.round(Number(match[1]) * 60);
  if (minutes === undefined) return { ok: false, error: hint };
  if (minutes <= 0) return { ok: false, error: 'A duration must be longer than zero.' };
  if (minutes > MAX_MINUTES) return { ok: false, error: 'Log at most 24 hours at a time.' };
  return { ok: true, minutes };
}
