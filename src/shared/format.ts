/** Formatting of times, durations and sizes for what users read. Always UTC, zone written out. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024-12-03 15:26:05 UTC` from unix seconds. */
export function utc(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return 'unknown';
  const d = new Date(seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** The same from an ISO-8601 time (as stored in records). */
export function utcIso(iso: string): string {
  return utc(Math.floor(Date.parse(iso) / 1000));
}

/** `1h 02m 05s`, `15m 02s`, `42s`. */
export function duration(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (h) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

/** The report's HH:MM:SS duration, else one computed from start and end. */
export function sessionDuration(reported: string | undefined, start?: number, end?: number): string | undefined {
  const match = reported && /^(\d+):(\d{2}):(\d{2})$/.exec(reported);
  if (match) return duration(Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]));
  return start !== undefined && end !== undefined ? duration(end - start) : undefined;
}

export function bytes(size: number | undefined): string | undefined {
  if (size === undefined || !Number.isFinite(size)) return undefined;
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Cuts text to `max` characters, saying so. */
export function clip(value: string, max: number): { text: string; clipped: boolean } {
  if (value.length <= max) return { text: value, clipped: false };
  return { text: `${value.slice(0, max)}… [${value.length - max} more characters in the attached transcript]`, clipped: true };
}
