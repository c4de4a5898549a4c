import { formatUtc } from './time';

/** A time as "2026-11-30 14:05 UTC", kept on one line. */
export function UtcTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} style={{ whiteSpace: 'nowrap' }}>
      {formatUtc(iso)}
    </time>
  );
}
