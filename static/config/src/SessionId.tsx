import { token } from '@atlaskit/tokens';

const SHORT_LENGTH = 8;

const style: React.CSSProperties = {
  font: token('font.code', '0.875em/1 ui-monospace, Menlo, "Segoe UI Mono", "Ubuntu Mono", monospace'),
  whiteSpace: 'nowrap',
};

/** The first characters of a PRA session ID (lsid); the whole ID is in the tooltip. */
export function SessionId({ lsid }: { lsid: string }) {
  return (
    <span title={lsid} style={style}>
      {shortLsid(lsid)}
      {lsid.length > SHORT_LENGTH && '…'}
    </span>
  );
}

/** The first 8 characters of an lsid, enough to tell sessions apart on the page (and in button names). */
export function shortLsid(lsid: string): string {
  return lsid.slice(0, SHORT_LENGTH);
}
