/**
 * The PRA `AccessSession` report as a plain model (pra-appliance-api.md §6.4), read by `reportReader` (by
 * local element names, so documented, real and legacy namespaces alike; `encoded_body` decoded; unknown
 * elements ignored, absent ones left undefined), and the `AccessSessionListing`. Pure: no I/O.
 */
import { attrOf, child, errorMessageOf, many, parseXml } from '../pra/xml';
import { AccessSessionReader, type ReaderOutcome } from './reportReader';

export interface Party {
  type?: string;
  gsnumber?: string;
  name: string;
}

export interface SystemInfoCategory {
  name: string;
  /** Column keys (the fields' names) with their labels (the header text, else the name). */
  columns: Array<{ key: string; label: string }>;
  rows: Array<Record<string, string>>;
}

export interface SessionEvent {
  /** Unix seconds. */
  timestamp: number;
  type: string;
  performedBy?: Party;
  destination?: Party;
  body?: string;
  filename?: string;
  filesize?: number;
  files: Array<{ filename: string; filesize?: number }>;
  data: Record<string, string>;
  systemInformation: SystemInfoCategory[];
}

export interface Representative {
  gsnumber?: string;
  id?: string;
  username?: string;
  displayName?: string;
  publicDisplayName?: string;
  privateDisplayName?: string;
  publicIp?: string;
  privateIp?: string;
  hostname?: string;
  os?: string;
  owner: boolean;
  secondsInvolved?: number;
  invited: boolean;
}

export interface Endpoint {
  gsnumber?: string;
  username?: string;
  publicIp?: string;
  privateIp?: string;
  hostname?: string;
  os?: string;
}

export interface SessionReport {
  lsid: string;
  sessionType?: string;
  lseq?: string;
  /** Unix seconds; undefined when absent. */
  startTime?: number;
  /** Unix seconds; undefined while the session is in progress (empty end_time). */
  endTime?: number;
  duration?: string;
  externalKey?: string;
  customAttributes: Array<{ displayName?: string; codeName?: string; value: string }>;
  chatViewUrl?: string;
  chatDownloadUrl?: string;
  recordingViewUrl?: string;
  recordingDownloadUrl?: string;
  commandShellRecordings: Array<{ instance?: string; viewUrl?: string; downloadUrl?: string }>;
  fileTransferCount?: number;
  fileMoveCount?: number;
  fileDeleteCount?: number;
  jumpItem?: string;
  jumpGroup?: { name: string; type?: string; id?: string };
  jumpoint?: { name: string; id?: string };
  primaryRep?: { name: string; id?: string; gsnumber?: string };
  endpoints: Endpoint[];
  representatives: Representative[];
  events: SessionEvent[];
}

export type ReportLookup =
  | { kind: 'session'; report: SessionReport }
  | Exclude<ReaderOutcome, { kind: 'session' }>;

const opt = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** Finds the session with this lsid in a whole AccessSession answer (small documents and tests; the import streams). */
export function parseAccessSession(xml: string, lsid: string): ReportLookup {
  const reader = new AccessSessionReader(lsid);
  const events = reader.write(xml);
  const outcome = reader.finish();
  if (outcome.kind !== 'session') return outcome;
  return { kind: 'session', report: { ...outcome.header, events } };
}

/** `AccessSessionListing` entries (reconciliation): lsid, external key when present, recording flag. */
export function parseSessionListing(xml: string): { kind: 'list'; sessions: Array<{ lsid: string; externalKey?: string; hasRecording: boolean }> } | { kind: 'no-data'; message: string } | { kind: 'invalid'; message: string } {
  const error = errorMessageOf(xml);
  if (error !== undefined) return { kind: 'no-data', message: error };
  try {
    const { root, node } = parseXml(xml);
    if (root !== 'session_summary_list') return { kind: 'invalid', message: `Expected <session_summary_list>, got <${root}>.` };
    return {
      kind: 'list',
      sessions: many(child(node, 'session_summary')).map((s) => ({
        lsid: attrOf(s, 'lsid') ?? '',
        externalKey: opt(attrOf(s, 'external_key') ?? ''),
        hasRecording: attrOf(s, 'has_recording') === '1',
      })),
    };
  } catch (e) {
    return { kind: 'invalid', message: `The AccessSessionListing report is not XML (${(e as Error).message}).` };
  }
}
