/**
 * The PRA `AccessSession` report as a plain model (pra-appliance-api.md §6.4). Parsed by local element
 * names (documented, real and legacy namespaces alike), `encoded_body` decoded, unknown elements
 * ignored, absent ones left undefined. Pure: no I/O.
 */
import { attrOf, child, errorMessageOf, many, parseXml, textOf, type XmlNode } from '../pra/xml';

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
  /** HTTP 200 with an `<error>` (e.g. "No Support report information…"), or no matching session. */
  | { kind: 'no-data'; message: string }
  | { kind: 'invalid'; message: string };

const opt = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
const text = (node: unknown, name: string): string | undefined => opt(textOf(child(node, name)));
const num = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/** Decodes RFC 2045 base64 (PRA's `encoded_body`, used when the text has XML-invalid characters). */
function decodeBase64(value: string): string {
  return Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
}

function timeOf(node: unknown): number | undefined {
  const stamp = num(attrOf(node, 'timestamp'));
  if (stamp !== undefined) return stamp;
  const iso = opt(textOf(node));
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

function party(node: unknown): Party | undefined {
  if (node === undefined) return undefined;
  const name = textOf(node).trim();
  return { type: attrOf(node, 'type'), gsnumber: attrOf(node, 'gsnumber'), name };
}

function fieldsOf(node: unknown): Array<{ name: string; value: string }> {
  return many(child(node, 'field')).map((f) => ({ name: attrOf(f, 'name') ?? '', value: textOf(f).trim() }));
}

function systemInformation(node: unknown): SystemInfoCategory[] {
  return many(child(node, 'category')).map((category) => {
    const columns = fieldsOf(child(category, 'description')).map((f) => ({ key: f.name, label: f.value || f.name }));
    const rows = many(child(child(category, 'data'), 'row')).map((row) => {
      const out: Record<string, string> = {};
      for (const f of fieldsOf(row)) out[f.name] = f.value;
      return out;
    });
    return { name: attrOf(category, 'name') ?? '', columns, rows };
  });
}

function parseEvent(node: unknown): SessionEvent {
  const encoded = text(node, 'encoded_body');
  const body = encoded !== undefined ? decodeBase64(encoded) : opt(textOf(child(node, 'body')));
  const data: Record<string, string> = {};
  for (const value of many(child(child(node, 'data'), 'value'))) {
    const name = attrOf(value, 'name');
    if (name) data[name] = attrOf(value, 'value') ?? textOf(value);
  }
  const files = many(child(child(node, 'files'), 'file')).map((f) => ({
    filename: text(f, 'filename') ?? '',
    filesize: num(text(f, 'filesize')),
  }));
  return {
    timestamp: num(attrOf(node, 'timestamp')) ?? 0,
    type: attrOf(node, 'event_type') ?? 'Unknown',
    performedBy: party(child(node, 'performed_by')),
    destination: party(child(node, 'destination')),
    body,
    filename: text(node, 'filename') ?? data.filename,
    filesize: num(text(node, 'filesize') ?? data.filesize),
    files,
    data,
    systemInformation: systemInformation(child(node, 'system_information')),
  };
}

function parseSession(node: XmlNode): SessionReport {
  const jumpGroup = child(node, 'jump_group');
  const jumpoint = child(node, 'jumpoint');
  const primaryRep = child(node, 'primary_rep');
  return {
    lsid: attrOf(node, 'lsid') ?? '',
    sessionType: text(node, 'session_type'),
    lseq: text(node, 'lseq'),
    startTime: timeOf(child(node, 'start_time')),
    endTime: timeOf(child(node, 'end_time')),
    duration: text(node, 'duration'),
    externalKey: text(node, 'external_key'),
    customAttributes: many(child(child(node, 'custom_attributes'), 'custom_attribute')).map((a) => ({
      displayName: attrOf(a, 'display_name'),
      codeName: attrOf(a, 'code_name'),
      value: textOf(a).trim(),
    })),
    chatViewUrl: text(node, 'session_chat_view_url'),
    chatDownloadUrl: text(node, 'session_chat_download_url'),
    recordingViewUrl: text(node, 'session_recording_view_url'),
    recordingDownloadUrl: text(node, 'session_recording_download_url'),
    commandShellRecordings: many(child(child(node, 'command_shell_recordings'), 'command_shell_recording')).map((r) => ({
      instance: attrOf(r, 'instance'),
      viewUrl: text(r, 'view_url'),
      downloadUrl: text(r, 'download_url'),
    })),
    fileTransferCount: num(text(node, 'file_transfer_count')),
    fileMoveCount: num(text(node, 'file_move_count')),
    fileDeleteCount: num(text(node, 'file_delete_count')),
    jumpItem: text(node, 'primary_customer'),
    jumpGroup: jumpGroup !== undefined && opt(textOf(jumpGroup)) ? { name: textOf(jumpGroup).trim(), type: attrOf(jumpGroup, 'type'), id: attrOf(jumpGroup, 'id') } : undefined,
    jumpoint: jumpoint !== undefined && opt(textOf(jumpoint)) ? { name: textOf(jumpoint).trim(), id: attrOf(jumpoint, 'id') } : undefined,
    primaryRep: primaryRep !== undefined && opt(textOf(primaryRep)) ? { name: textOf(primaryRep).trim(), id: attrOf(primaryRep, 'id'), gsnumber: attrOf(primaryRep, 'gsnumber') } : undefined,
    endpoints: many(child(child(node, 'customer_list'), 'customer')).map((c) => ({
      gsnumber: attrOf(c, 'gsnumber'),
      username: text(c, 'username'),
      publicIp: text(c, 'public_ip'),
      privateIp: text(c, 'private_ip'),
      hostname: text(c, 'hostname'),
      os: text(c, 'os'),
    })),
    representatives: many(child(child(node, 'rep_list'), 'representative')).map((r) => ({
      gsnumber: attrOf(r, 'gsnumber'),
      id: attrOf(r, 'id'),
      username: text(r, 'username'),
      displayName: text(r, 'display_name'),
      publicDisplayName: text(r, 'public_display_name'),
      privateDisplayName: text(r, 'private_display_name'),
      publicIp: text(r, 'public_ip'),
      privateIp: text(r, 'private_ip'),
      hostname: text(r, 'hostname'),
      os: text(r, 'os'),
      owner: text(r, 'session_owner') === '1',
      secondsInvolved: num(text(r, 'seconds_involved')),
      invited: text(r, 'invited') === '1',
    })),
    events: many(child(child(node, 'session_details'), 'event')).map(parseEvent),
  };
}

/** Finds the session with this lsid in an AccessSession answer. */
export function parseAccessSession(xml: string, lsid: string): ReportLookup {
  const error = errorMessageOf(xml);
  if (error !== undefined) return { kind: 'no-data', message: error };
  let root: string;
  let node: XmlNode;
  try {
    ({ root, node } = parseXml(xml));
  } catch (e) {
    return { kind: 'invalid', message: `The AccessSession report is not XML (${(e as Error).message}).` };
  }
  if (root !== 'session_list') return { kind: 'invalid', message: `Expected <session_list> in the AccessSession report, got <${root}>.` };
  const sessions = many(child(node, 'session')) as XmlNode[];
  const match = sessions.find((s) => (attrOf(s, 'lsid') ?? '').toLowerCase() === lsid.toLowerCase());
  if (!match) return { kind: 'no-data', message: `The report has no session ${lsid}.` };
  return { kind: 'session', report: parseSession(match) };
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
