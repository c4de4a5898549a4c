/** Text formats the appliance uses for times, durations and URL parameters. */

/** Unix seconds → `2024-12-03T15:26:05+00:00` (the appliance reports UTC with an explicit offset). */
export function isoWithOffset(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** Seconds → `HH:MM:SS` (hours are not wrapped at 24). */
export function hms(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** RFC 3986 percent-encoding (encodeURIComponent leaves `!'()*` alone). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
