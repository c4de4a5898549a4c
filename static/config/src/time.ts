/** Times on the page are always UTC, with the zone written out (never a bare local time). */

/** "2026-11-30T01:15:09.000Z" → "2026-11-30 01:15 UTC" (the input unchanged if it is not a date). */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Unix seconds → "2026-11-30 01:15 UTC". */
export function formatUnixUtc(seconds: number): string {
  return formatUtc(new Date(seconds * 1000).toISOString());
}
