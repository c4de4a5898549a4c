/**
 * A session report as the sections of the Jira comment (product-spec "Import Session Data into
 * Jira"): details, people, system information, file transfers, chat, notes, recordings and events,
 * each left out when empty. Content is expressed as units the packer may split across comments
 * (table rows, code lines, paragraphs). Pure: no I/O.
 */
import { bulletList, cell, link, paragraph, plain, row, type AdfNode } from '../../jira/adf';
import type { SessionEvent, SessionReport } from '../sessionReport';
import { bytes, clip, duration, sessionDuration, utc } from '../../shared/format';

export type Unit =
  | { kind: 'block'; node: AdfNode }
  /** A table; `header` (if any) is repeated when the table continues in the next comment. */
  | { kind: 'table'; header?: string[]; rows: AdfNode[] }
  /** Lines of one code block. */
  | { kind: 'code'; lines: string[] }
  | { kind: 'paragraphs'; items: AdfNode[] };

export interface Section {
  title: string;
  units: Unit[];
}

/** How many items of each long list to show (the rest goes to the attached files). */
export interface Limits {
  events: number;
  chat: number;
  notes: number;
  fileTransfers: number;
  systemRows: number;
}

export interface SectionOptions {
  excludedEventTypes: string[];
  assigneeNote?: string;
  recordingNote?: string;
  /** Names of the attachments the notes refer to when something is shortened. */
  files: { transcript: string; events: string };
}

export const UNLIMITED: Limits = { events: Infinity, chat: Infinity, notes: Infinity, fileTransfers: Infinity, systemRows: Infinity };

/** Longest PRA text kept in one table cell or paragraph; longer text is cut and the transcript attached. */
export const MAX_TEXT = 4000;

const FILE_EVENT_LABELS: Record<string, string> = {
  'File Upload': 'Upload to endpoint',
  'File Download': 'Download from endpoint',
  'File Upload Failed': 'Upload failed',
  'File Download Failed': 'Download failed',
  'File Moved': 'Moved',
  'File Deleted': 'Deleted',
  'Directory Created': 'Directory created',
  'Files Shared': 'Files shared',
};

export interface BuiltSections {
  sections: Section[];
  /** Some text was cut or some list shortened: the full transcript and event log must be attached. */
  shortened: boolean;
  counts: { events: number; chat: number; notes: number; fileTransfers: number };
}

class Clipper {
  clipped = false;
  take(value: string | undefined, max = MAX_TEXT): string {
    if (!value) return '';
    const { text, clipped } = clip(value, max);
    if (clipped) this.clipped = true;
    return text;
  }
}

/** Text with line breaks as ADF hard breaks. */
function lines(value: string): AdfNode[] {
  const out: AdfNode[] = [];
  value.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    out.push(...plain(line));
  });
  return out;
}

const kv = (label: string, value: string | undefined): AdfNode | undefined =>
  value ? row([cell(plain(label), true), cell(plain(value))]) : undefined;

function who(party: { name: string } | undefined): string {
  return party?.name || 'system';
}

function eventDetails(e: SessionEvent, clipper: Clipper): string {
  const parts: string[] = [];
  if (e.performedBy?.name) parts.push(e.destination?.name ? `${e.performedBy.name} → ${e.destination.name}` : e.performedBy.name);
  else if (e.destination?.name) parts.push(`→ ${e.destination.name}`);
  if (e.body) parts.push(`"${clipper.take(e.body.replace(/\s+/g, ' '), 300)}"`);
  if (e.filename) parts.push(`${e.filename}${e.filesize !== undefined ? ` (${bytes(e.filesize)})` : ''}`);
  for (const f of e.files) parts.push(`${f.filename}${f.filesize !== undefined ? ` (${bytes(f.filesize)})` : ''}`);
  const data = Object.entries(e.data).filter(([k]) => !(k === 'filename' && e.filename) && !(k === 'filesize' && e.filesize !== undefined));
  if (data.length) parts.push(data.map(([k, v]) => `${k}=${v}`).join(', '));
  if (e.systemInformation.length) parts.push(`categories: ${e.systemInformation.map((c) => c.name).join(', ')}`);
  return clipper.take(parts.join('  '), 600);
}

export function eventLine(e: SessionEvent, clipper = new Clipper()): string {
  const details = eventDetails(e, clipper);
  return `${utc(e.timestamp)}  ${e.type}${details ? `  ${details}` : ''}`;
}

function shortenedNote(shown: number, total: number, what: string, file: string): Unit[] {
  return shown < total ? [{ kind: 'block', node: paragraph(plain(`Showing ${shown} of ${total} ${what}; all of them are in the attached file ${file}.`)) }] : [];
}

function detailsSection(r: SessionReport): Section {
  const custom = r.customAttributes.filter((a) => a.value).map((a) => `${a.displayName || a.codeName || 'attribute'}: ${a.value}`);
  const rows = [
    kv('Start', r.startTime !== undefined ? utc(r.startTime) : undefined),
    kv('End', r.endTime !== undefined ? utc(r.endTime) : undefined),
    kv('Duration', sessionDuration(r.duration, r.startTime, r.endTime)),
    kv('Session ID (LSID)', r.lsid),
    kv('Sequence number', r.lseq),
    kv('Jump Item', r.jumpItem),
    kv('Jump Group', r.jumpGroup ? `${r.jumpGroup.name}${r.jumpGroup.type ? ` (${r.jumpGroup.type})` : ''}` : undefined),
    kv('Jumpoint', r.jumpoint?.name),
    kv('External key', r.externalKey),
    kv('Custom attributes', custom.join('; ') || undefined),
  ].filter((x): x is AdfNode => !!x);
  return { title: 'Session Details', units: [{ kind: 'table', rows }] };
}

function peopleSection(r: SessionReport, options: SectionOptions, clipper: Clipper): Section {
  const units: Unit[] = [];
  if (r.representatives.length) {
    units.push({
      kind: 'table',
      header: ['Representative', 'Username', 'Session owner', 'Time involved'],
      rows: r.representatives.map((rep) =>
        row([
          cell(plain(clipper.take(rep.displayName || rep.publicDisplayName || rep.privateDisplayName || rep.username || 'unknown', 300))),
          cell(plain(clipper.take(rep.username, 300))),
          cell(plain(rep.owner ? 'Yes' : 'No')),
          cell(plain(duration(rep.secondsInvolved) ?? '')),
        ]),
      ),
    });
  } else if (r.primaryRep) {
    units.push({ kind: 'block', node: paragraph(plain(`Representative: ${clipper.take(r.primaryRep.name, 300)}`)) });
  }
  for (const endpoint of r.endpoints) {
    const name = endpoint.hostname || endpoint.username || r.jumpItem;
    if (name) units.push({ kind: 'block', node: paragraph(plain(`Endpoint: ${clipper.take(name, 300)}${endpoint.username && endpoint.username !== name ? ` (${clipper.take(endpoint.username, 300)})` : ''}`)) });
  }
  if (!r.endpoints.length && r.jumpItem) units.push({ kind: 'block', node: paragraph(plain(`Endpoint: ${clipper.take(r.jumpItem, 300)}`)) });
  if (options.assigneeNote) units.push({ kind: 'block', node: paragraph(plain(options.assigneeNote)) });
  return { title: 'User Information', units };
}

interface SystemCategoryContent {
  intro: AdfNode;
  header: string[];
  rows: AdfNode[];
  name: string;
}

/** The endpoint table and every "System Information Retrieved" category, built once. */
function systemContent(r: SessionReport, events: SessionEvent[], clipper: Clipper): { hosts?: Unit; categories: SystemCategoryContent[] } {
  const hosts = r.endpoints.filter((e) => e.hostname || e.os || e.publicIp || e.privateIp);
  const categories: SystemCategoryContent[] = [];
  for (const e of events.filter((ev) => ev.type === 'System Information Retrieved')) {
    for (const category of e.systemInformation) {
      const columns = category.columns.length
        ? category.columns
        : [...new Set(category.rows.flatMap((rw) => Object.keys(rw)))].map((key) => ({ key, label: key }));
      const name = clipper.take(category.name, 200);
      categories.push({
        name,
        intro: paragraph(plain(`System Information Retrieved: ${name} (${utc(e.timestamp)})`)),
        header: columns.map((c) => clipper.take(c.label, 200)),
        rows: columns.length ? category.rows.map((rw) => row(columns.map((c) => cell(plain(clipper.take(rw[c.key], 500)))))) : [],
      });
    }
  }
  return {
    hosts: hosts.length
      ? {
          kind: 'table',
          header: ['Hostname', 'Operating system', 'Public IP', 'Private IP'],
          rows: hosts.map((e) => row([e.hostname, e.os, e.publicIp, e.privateIp].map((v) => cell(plain(clipper.take(v, 500)))))),
        }
      : undefined,
    categories,
  };
}

function systemSection(content: ReturnType<typeof systemContent>, budget: number): { section: Section; shortened: boolean } {
  const units: Unit[] = content.hosts ? [content.hosts] : [];
  let left = budget;
  let shortened = false;
  for (const category of content.categories) {
    units.push({ kind: 'block', node: category.intro });
    const shown = category.rows.slice(0, Math.max(0, left));
    left -= shown.length;
    if (shown.length) units.push({ kind: 'table', header: category.header, rows: shown });
    if (shown.length < category.rows.length) {
      shortened = true;
      units.push({ kind: 'block', node: paragraph(plain(`${category.rows.length - shown.length} more rows of "${category.name}" are in the attached event log.`)) });
    }
  }
  return { section: { title: 'System Information', units }, shortened };
}

function fileRows(events: SessionEvent[], clipper: Clipper): AdfNode[] {
  const rows: AdfNode[] = [];
  for (const e of events) {
    const label = FILE_EVENT_LABELS[e.type];
    if (!label) continue;
    const files = e.files.length
      ? e.files
      : [{ filename: e.type === 'File Moved' && e.data.old_path ? `${e.data.old_path} → ${e.data.new_path ?? '?'}` : (e.filename ?? e.data.path ?? ''), filesize: e.filesize }];
    for (const f of files) {
      rows.push(
        row([
          cell(plain(utc(e.timestamp))),
          cell(plain(label)),
          cell(plain(clipper.take(f.filename || '(no name)', 1000))),
          cell(plain(bytes(f.filesize) ?? '')),
          cell(plain(clipper.take(who(e.performedBy), 300))),
        ]),
      );
    }
  }
  return rows;
}

function recordingsSection(r: SessionReport, options: SectionOptions): Section {
  const items: AdfNode[][] = [];
  if (r.recordingViewUrl || r.recordingDownloadUrl) {
    items.push([...link('Session recording (view in PRA)', r.recordingViewUrl), ...plain(r.recordingViewUrl && r.recordingDownloadUrl ? ' · ' : ''), ...link('download', r.recordingDownloadUrl)]);
  }
  if (r.chatViewUrl || r.chatDownloadUrl) {
    items.push([...link('Chat transcript (view in PRA)', r.chatViewUrl), ...plain(r.chatViewUrl && r.chatDownloadUrl ? ' · ' : ''), ...link('download', r.chatDownloadUrl)]);
  }
  for (const shell of r.commandShellRecordings) {
    const name = `Command shell recording${shell.instance !== undefined ? ` #${shell.instance}` : ''}`;
    items.push([...link(`${name} (view in PRA)`, shell.viewUrl), ...plain(shell.viewUrl && shell.downloadUrl ? ' · ' : ''), ...link('download', shell.downloadUrl)]);
  }
  const units: Unit[] = items.length ? [{ kind: 'block', node: bulletList(items) }] : [];
  if (units.length) units.push({ kind: 'block', node: paragraph(plain('Opening these links needs a signed-in PRA /login session.')) });
  if (options.recordingNote) units.push({ kind: 'block', node: paragraph(plain(options.recordingNote)) });
  return { title: 'Session Recordings', units };
}

/** Everything a comment can show, built once; `layoutSections` then cuts the long lists to limits. */
export interface SessionContent {
  details: Section;
  people: Section;
  system: ReturnType<typeof systemContent>;
  fileSummary?: AdfNode;
  fileRows: AdfNode[];
  chat: AdfNode[];
  notes: AdfNode[];
  recordings: Section;
  eventLines: string[];
  excludedNote?: AdfNode;
  clipped: boolean;
  counts: { events: number; chat: number; notes: number; fileTransfers: number; systemRows: number };
  files: { transcript: string; events: string };
}

export function sessionContent(report: SessionReport, options: SectionOptions): SessionContent {
  const clipper = new Clipper();
  const excluded = new Set(options.excludedEventTypes);
  const events = report.events.filter((e) => !excluded.has(e.type));
  const chat = events.filter((e) => e.type === 'Chat Message' && e.body);
  const notes = events.filter((e) => e.type === 'Session Note Added' && e.body);
  const counts = [
    report.fileTransferCount !== undefined ? `${report.fileTransferCount} transferred` : undefined,
    report.fileMoveCount ? `${report.fileMoveCount} moved` : undefined,
    report.fileDeleteCount ? `${report.fileDeleteCount} deleted` : undefined,
  ].filter(Boolean);
  const system = systemContent(report, events, clipper);
  const content: SessionContent = {
    details: detailsSection(report),
    people: peopleSection(report, options, clipper),
    system,
    fileSummary: counts.length ? paragraph(plain(`Files: ${counts.join(', ')}.`)) : undefined,
    fileRows: fileRows(events, clipper),
    chat: chat.map((e) =>
      paragraph(plain(`[${utc(e.timestamp)}] ${who(e.performedBy)}${e.destination?.name ? ` → ${e.destination.name}` : ''}: `), lines(clipper.take(e.body))),
    ),
    notes: notes.map((e) => paragraph(plain(`[${utc(e.timestamp)}] ${who(e.performedBy)}: `), lines(clipper.take(e.body)))),
    recordings: recordingsSection(report, options),
    eventLines: events.map((e) => eventLine(e, clipper)),
    excludedNote: excluded.size
      ? paragraph(plain(`Event types excluded by the integration's settings: ${[...excluded].sort().join(', ')}.`))
      : undefined,
    clipped: false,
    counts: { events: events.length, chat: chat.length, notes: notes.length, fileTransfers: 0, systemRows: system.categories.reduce((n, c) => n + c.rows.length, 0) },
    files: options.files,
  };
  content.counts.fileTransfers = content.fileRows.length;
  content.clipped = clipper.clipped;
  return content;
}

/** The sections with each long list cut to its limit (cheap: slices of prebuilt nodes). */
export function layoutSections(content: SessionContent, limits: Limits = UNLIMITED): BuiltSections {
  const system = systemSection(content.system, limits.systemRows);
  const shownFiles = content.fileRows.slice(0, limits.fileTransfers);
  const shownChat = content.chat.slice(0, limits.chat);
  const shownNotes = content.notes.slice(0, limits.notes);
  const shownEvents = content.eventLines.slice(0, limits.events);
  const { files } = content;
  const sections: Section[] = [
    content.details,
    content.people,
    system.section,
    {
      title: 'File Transfers',
      units: content.fileRows.length
        ? [
            ...(content.fileSummary ? [{ kind: 'block' as const, node: content.fileSummary }] : []),
            { kind: 'table', header: ['Time', 'Action', 'File', 'Size', 'By'], rows: shownFiles },
            ...shortenedNote(shownFiles.length, content.fileRows.length, 'file operations', files.events),
          ]
        : [],
    },
    {
      title: 'Chat Messages',
      units: content.chat.length ? [{ kind: 'paragraphs', items: shownChat }, ...shortenedNote(shownChat.length, content.chat.length, 'chat messages', files.transcript)] : [],
    },
    {
      title: 'Session Notes',
      units: content.notes.length ? [{ kind: 'paragraphs', items: shownNotes }, ...shortenedNote(shownNotes.length, content.notes.length, 'notes', files.transcript)] : [],
    },
    content.recordings,
    {
      title: 'Session Events',
      units: content.eventLines.length
        ? [
            { kind: 'code', lines: shownEvents },
            ...(content.excludedNote ? [{ kind: 'block' as const, node: content.excludedNote }] : []),
            ...shortenedNote(shownEvents.length, content.eventLines.length, 'events', files.events),
          ]
        : [],
    },
  ];
  const shortened =
    system.shortened ||
    shownFiles.length < content.fileRows.length ||
    shownChat.length < content.chat.length ||
    shownNotes.length < content.notes.length ||
    shownEvents.length < content.eventLines.length;
  return {
    sections: sections.filter((sec) => sec.units.length > 0),
    shortened: shortened || content.clipped,
    counts: { events: content.counts.events, chat: content.counts.chat, notes: content.counts.notes, fileTransfers: content.counts.fileTransfers },
  };
}

/** Builds every non-empty section. `limits` caps the long lists (the packer lowers them when needed). */
export function buildSections(report: SessionReport, options: SectionOptions, limits: Limits = UNLIMITED): BuiltSections {
  return layoutSections(sessionContent(report, options), limits);
}
