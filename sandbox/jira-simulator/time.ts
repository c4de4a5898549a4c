/** Formats epoch milliseconds like Jira does: `2026-01-02T03:04:05.678+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** The offset of an IANA time zone at an instant, in minutes (UTC when the zone is unknown). */
function offsetMinutes(ms: number, timeZone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  } catch {
    return 0;
  }
}

/**
 * Formats epoch milliseconds like Jira does for a viewer in `timeZone` (date-time custom fields are
 * rendered in the requesting user's zone): `2026-12-04T17:00:00.000-0500`.
 */
export function jiraTimeInZone(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const local = new Date(ms + offset * 60_000).toISOString().replace('Z', '');
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
