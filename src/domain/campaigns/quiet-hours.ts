import type { QuietHours } from './send-settings.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight in `timeZone` at `at`. */
function localMinute(timeZone: string, at: Date): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function isQuietMinute(minute: number, q: QuietHours): boolean {
  return q.startMinute < q.endMinute ? minute >= q.startMinute && minute < q.endMinute : minute >= q.startMinute || minute < q.endMinute;
}

export function isQuietAt(timeZone: string, at: Date, q: QuietHours | null): boolean {
  return q !== null && isQuietMinute(localMinute(timeZone, at), q);
}

/** How long until quiet hours end for a recipient in `timeZone` (0 when they are not quiet now). */
export function msUntilQuietEnds(timeZone: string, at: Date, q: QuietHours | null): number {
  if (!isQuietAt(timeZone, at, q)) return 0;
  const now = localMinute(timeZone, at);
  const minutes = (q!.endMinute - now + 1440) % 1440 || 1440;
  // Whole minutes from the current local minute; the seconds already gone into it are subtracted.
  return minutes * 60_000 - (at.getUTCSeconds() * 1000 + at.getUTCMilliseconds());
}
