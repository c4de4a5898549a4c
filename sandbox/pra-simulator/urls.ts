/** The absolute URLs an appliance puts in reports and redirects (always on the public host). */
import { createHash } from 'node:crypto';

/** The `h=` value of session download URLs: 40 hex characters, stable per appliance and session. */
export function sessionUrlHash(applianceId: string, lsid: string): string {
  return createHash('sha1').update(`${applianceId}:${lsid}`).digest('hex');
}

export interface SessionDownload {
  host: string;
  lsid: string;
  hash: string;
  /** `chat` (real form), `sr` (screen recording) or `csr` (command shell recording) — the last two are assumptions. */
  kind: 'chat' | 'sr' | 'csr';
  view: boolean;
  instance?: number;
}

/** `https://host/session_download?lsid=l%3D<lsid>%3Bh%3D<hash>%3Bt%3Dsd%3Bm%3Dchat&dl_action=chat[&view=1]` (not XML-escaped). */
export function sessionDownloadUrl(d: SessionDownload): string {
  const instancePart = d.instance === undefined ? '' : `;i=${d.instance}`;
  const lsidParam = encodeURIComponent(`l=${d.lsid};h=${d.hash};t=sd;m=${d.kind}${instancePart}`);
  const instanceQuery = d.instance === undefined ? '' : `&instance=${d.instance}`;
  return `https://${d.host}/session_download?lsid=${lsidParam}&dl_action=${d.kind}${instanceQuery}${d.view ? '&view=1' : ''}`;
}

/** Where `type=web_console&operation=execute` redirects the browser. */
export function webConsoleUrl(host: string, requestId: string): string {
  return `https://${host}/console?jump=${encodeURIComponent(requestId)}`;
}
