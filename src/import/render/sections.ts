/**
 * A session digest as the sections of the Jira comment (product-spec "Import Session Data into Jira"):
 * details; people and endpoint; system information (summarised per category); every session note first;
 * chat as the first and last messages; file transfers as counts, then the first rows; recordings; events as
 * counts by type, then the first and last lines. Each long section fills only its own share (bytes of
 * serialized ADF), so none crowds out the others, and says how many more are in the attached files. Content
 * is expressed as units the packer may split across comments. Pure: no I/O.
 */
import { bulletList, cell, link, paragraph, plain, row, type AdfNode } from '../../jira/adf';
import type { SessionHeader } from '../reportReader';
import { DIGEST_LIMITS, OTHER_EVENT_TYPES, type ChatItem, type NoteItem, type SessionDigest } from '../sessionDigest';
import { bytes, clip, duration, sessionDuration, utc } from '../../shared/format';
import { measure } from './size';
import { commentText } from '../../shared/text';

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

/** Each long section's share of the comments, in bytes of serialized ADF (ten parts hold about 310,000). */
export interface Shares {
  system: number;
  notes: number;
  chat: number;
  files: number;
  events: number;
}

export const SHARES: Shares = { system: 36_000, notes: 64_000, chat: 64_000, files: 32_000, events: 64_000 };

export interface SectionOptions {
  excludedEventTypes: string[];
  assigneeNote?: string;
  recordingNote?: string;
  /** Names of the attachments the notes refer to when something is left out of the comments. */
  files: { transcript: string; events: string };
  /** Host of the configured appliance: only https URLs on it become links. */
  applianceHost?: string;
}

export interface BuiltSections {
  sections: Section[];
  /** Something is not in the comments: the full transcript and event log must be attached. */
  shortened: boolean;
}

const MAX_REPRESENTATIVES = 20;
const MAX_ENDPOINTS = 10;
const MAX_TYPE_ROWS = 40;

const c = (value: string | undefined, max = 300) => clip(value ?? '', max).text;
const note = (text: string): Unit => ({ kind: 'block', node: paragraph(plain(text)) });
const n = (count: number) => count.toLocaleString('en');

/** Lines shown of one chat message or note; further lines run on, separated by " / " (the files have them all). */
const MAX_LINES = DIGEST_LIMITS.itemLines;

/** Text with line breaks as ADF hard breaks. */
function lines(value: string): AdfNode[] {
  const out: AdfNode[] = [];
  const all = commentText(value).split('\n');
  const kept = all.length > MAX_LINES ? [...all.slice(0, MAX_LINES - 1), all.slice(MAX_LINES - 1).join(' / ')] : all;
  kept.forEach((line, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    out.push(...plain(line));
  });
  return out;
}

/** As many of `items` as fit in `budget` bytes, in order. */
function firstWithin<T>(items: T[], budget: number, cost: (item: T) => number): T[] {
  const out: T[] = [];
  let used = 0;
  for (const item of items) {
    used += cost(item);
    if (used > budget) break;
    out.push(item);
  }
  return out;
}

/** As many of the last `items` as fit in `budget` bytes, in order. */
function fitFromEnd<T>(items: T[], budget: number, cost: (item: T) => number): T[] {
  return firstWithin([...items].reverse(), budget, cost).reverse();
}

const kv = (label: string, value: string | undefined): AdfNode | undefined => (value ? row([cell(plain(label), true), cell(plain(value))]) : undefined);

function detailsSection(h: SessionHeader): Section {
  const custom = h.customAttributes.filter((a) => a.value).map((a) => `${c(a.displayName || a.codeName || 'attribute', 200)}: ${c(a.value, 1024)}`);
  const rows = [
    kv('Start', h.startTime !== undefined ? utc(h.startTime) : undefined),
    kv('End', h.endTime !== undefined ? utc(h.endTime) : undefined),
    kv('Duration', sessionDuration(h.duration, h.startTime, h.endTime)),
    kv('Session ID (LSID)', c(h.lsid, 64)),
    kv('Sequence number', c(h.lseq, 40)),
    kv('Jump Item', c(h.jumpItem)),
    kv('Jump Group', h.jumpGroup ? `${c(h.jumpGroup.name)}${h.jumpGroup.type ? ` (${c(h.jumpGroup.type, 40)})` : ''}` : undefined),
    kv('Jumpoint', c(h.jumpoint?.name)),
    kv('External key', c(h.externalKey)),
    kv('Custom attributes', c(custom.join('; '), 3000) || undefined),
  ].filter((x): x is AdfNode => !!x);
  return { title: 'Session Details', units: [{ kind: 'table', rows }] };
}

function peopleSection(h: SessionHeader, options: SectionOptions): Section {
  const units: Unit[] = [];
  if (h.representatives.length) {
    units.push({
      kind: 'table',
      header: ['Representative', 'Username', 'Session owner', 'Time involved'],
      rows: h.representatives.slice(0, MAX_REPRESENTATIVES).map((rep) =>
        row([
          cell(plain(c(rep.displayName || rep.publicDisplayName || rep.privateDisplayName || rep.username || 'unknown'))),
          cell(plain(c(rep.username))),
          cell(plain(rep.owner ? 'Yes' : 'No')),
          cell(plain(duration(rep.secondsInvolved) ?? '')),
        ]),
      ),
    });
    if (h.representatives.length > MAX_REPRESENTATIVES) units.push(note(`${n(h.representatives.length - MAX_REPRESENTATIVES)} more representatives took part.`));
  } else if (h.primaryRep) {
    units.push(note(`Representative: ${c(h.primaryRep.name)}`));
  }
  for (const endpoint of h.endpoints.slice(0, MAX_ENDPOINTS)) {
    const name = endpoint.hostname || endpoint.username || h.jumpItem;
    if (name) units.push(note(`Endpoint: ${c(name)}${endpoint.username && endpoint.username !== name ? ` (${c(endpoint.username)})` : ''}`));
  }
  if (!h.endpoints.length && h.jumpItem) units.push(note(`Endpoint: ${c(h.jumpItem)}`));
  if (options.assigneeNote) units.push(note(c(options.assigneeNote, 1000)));
  return { title: 'User Information', units };
}

function systemSection(h: SessionHeader, d: SessionDigest, share: number, options: SectionOptions): { section: Section; shortened: boolean } {
  const units: Unit[] = [];
  const hosts = h.endpoints.filter((e) => e.hostname || e.os || e.publicIp || e.privateIp).slice(0, MAX_ENDPOINTS);
  if (hosts.length) {
    units.push({
      kind: 'table',
      header: ['Hostname', 'Operating system', 'Public IP', 'Private IP'],
      rows: hosts.map((e) => row([e.hostname, e.os, e.publicIp, e.privateIp].map((v) => cell(plain(c(v, 500)))))),
    });
  }
  let shortened = d.systemCategoriesDropped > 0;
  const categories = [...d.system.values()];
  const perCategory = categories.length ? Math.floor(share / categories.length) : 0;
  for (const category of categories) {
    const when = category.retrievals > 1 ? `retrieved ${n(category.retrievals)} times, first ${utc(category.firstAt)}, last ${utc(category.lastAt)}` : `retrieved ${utc(category.firstAt)}`;
    units.push(note(`${category.name}: ${when}; ${n(category.rows)} rows in all.`));
    const rows = category.columns.length ? category.sample.map((values) => row(values.map((v) => cell(plain(v))))) : [];
    const shown = firstWithin(rows, perCategory - 400, measure);
    if (shown.length) units.push({ kind: 'table', header: category.columns, rows: shown });
    if (shown.length < category.rows) {
      shortened = true;
      units.push(note(`${shown.length ? `The first ${n(shown.length)} rows are shown. ` : ''}All ${n(category.rows)} rows are in the attached event log ${options.files.events}.`));
    }
  }
  if (d.systemCategoriesDropped) units.push(note(`${n(d.systemCategoriesDropped)} more system information categories are in the attached event log ${options.files.events}.`));
  return { section: { title: 'System Information', units: units.length ? units : [] }, shortened };
}

const noteNode = (item: NoteItem) => paragraph(plain(`[${utc(item.timestamp)}] ${c(item.by)}: `), lines(item.text));
const chatNode = (item: ChatItem) => paragraph(plain(`[${utc(item.timestamp)}] ${c(item.from)}${item.to ? ` → ${c(item.to)}` : ''}: `), lines(item.text));

function notesSection(d: SessionDigest, share: number, options: SectionOptions): { section: Section; shortened: boolean } {
  const shown = firstWithin(d.keptNotes.map(noteNode), share, measure);
  const units: Unit[] = d.notes ? [{ kind: 'paragraphs', items: shown }] : [];
  if (shown.length < d.notes) units.push(note(`${n(d.notes - shown.length)} more session notes (${n(d.notes)} in all) are in the attached transcript ${options.files.transcript}.`));
  return { section: { title: 'Session Notes', units }, shortened: shown.length < d.notes };
}

function chatSection(d: SessionDigest, share: number, options: SectionOptions): { section: Section; shortened: boolean } {
  if (!d.chat) return { section: { title: 'Chat Messages', units: [] }, shortened: false };
  const firstNodes = d.firstChat.map(chatNode);
  const first = firstWithin(firstNodes, share / 2, measure);
  const firstBytes = first.reduce((sum, node) => sum + measure(node), 0);
  const tail = first.length === firstNodes.length ? d.lastChat() : [];
  const last = fitFromEnd(tail.map((t) => chatNode(t.item)), share - firstBytes, measure);
  const more = d.chat - first.length - last.length;
  const units: Unit[] = [{ kind: 'paragraphs', items: first }];
  if (more > 0) units.push(note(`… ${n(more)} more chat messages (${n(d.chat)} in all) are in the attached transcript ${options.files.transcript}.${last.length ? ' The last ones:' : ''}`));
  if (last.length) units.push({ kind: 'paragraphs', items: last });
  return { section: { title: 'Chat Messages', units }, shortened: more > 0 };
}

function filesSection(h: SessionHeader, d: SessionDigest, share: number, options: SectionOptions): { section: Section; shortened: boolean } {
  if (!d.fileOps) return { section: { title: 'File Transfers', units: [] }, shortened: false };
  const counters = [
    h.fileTransferCount !== undefined ? `${n(h.fileTransferCount)} transferred` : undefined,
    h.fileMoveCount ? `${n(h.fileMoveCount)} moved` : undefined,
    h.fileDeleteCount ? `${n(h.fileDeleteCount)} deleted` : undefined,
  ].filter(Boolean);
  const units: Unit[] = [];
  if (counters.length) units.push(note(`Files: ${counters.join(', ')}.`));
  units.push({
    kind: 'table',
    header: ['Action', 'Count', 'Total size'],
    rows: [...d.fileStats.entries()].map(([action, stats]) => row([cell(plain(action)), cell(plain(n(stats.count))), cell(plain(bytes(stats.bytes) ?? ''))])),
  });
  const rows = d.fileRows.map((f) =>
    row([cell(plain(utc(f.timestamp))), cell(plain(f.action)), cell(plain(f.filename)), cell(plain(bytes(f.size) ?? '')), cell(plain(c(f.by)))]),
  );
  const shown = firstWithin(rows, share, measure);
  if (shown.length) units.push({ kind: 'table', header: ['Time', 'Action', 'File', 'Size', 'By'], rows: shown });
  if (shown.length < d.fileOps) units.push(note(`The first ${n(shown.length)} of ${n(d.fileOps)} file operations are shown; all of them are in the attached event log ${options.files.events}.`));
  return { section: { title: 'File Transfers', units }, shortened: shown.length < d.fileOps };
}

function recordingsSection(h: SessionHeader, options: SectionOptions): Section {
  const host = options.applianceHost;
  const items: AdfNode[][] = [];
  const pair = (label: string, view: string | undefined, download: string | undefined) => [
    ...link(label, view, host),
    ...plain(view && download ? ' · ' : ''),
    ...link('download', download, host),
  ];
  if (h.recordingViewUrl || h.recordingDownloadUrl) items.push(pair('Session recording (view in PRA)', c(h.recordingViewUrl, 1000) || undefined, c(h.recordingDownloadUrl, 1000) || undefined));
  if (h.chatViewUrl || h.chatDownloadUrl) items.push(pair('Chat transcript (view in PRA)', c(h.chatViewUrl, 1000) || undefined, c(h.chatDownloadUrl, 1000) || undefined));
  for (const shell of h.commandShellRecordings.slice(0, 10)) {
    items.push(pair(`Command shell recording${shell.instance !== undefined ? ` #${c(shell.instance, 20)}` : ''} (view in PRA)`, c(shell.viewUrl, 1000) || undefined, c(shell.downloadUrl, 1000) || undefined));
  }
  const units: Unit[] = items.length ? [{ kind: 'block', node: bulletList(items) }, note('Opening these links needs a signed-in PRA /login session.')] : [];
  if (options.recordingNote) units.push(note(c(options.recordingNote, 1000)));
  return { title: 'Session Recordings', units };
}

const lineCost = (line: string) => Buffer.byteLength(JSON.stringify(line));

function eventsSection(d: SessionDigest, share: number, options: SectionOptions): { section: Section; shortened: boolean } {
  if (!d.events) return { section: { title: 'Session Events', units: [] }, shortened: false };
  const types = [...d.eventTypes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const typeRows = types.slice(0, MAX_TYPE_ROWS).map(([type, count]) => row([cell(plain(type === OTHER_EVENT_TYPES ? type : c(type, 200))), cell(plain(n(count)))]));
  const units: Unit[] = [{ kind: 'table', header: ['Event type', 'Count'], rows: typeRows }];
  if (types.length > MAX_TYPE_ROWS) units.push(note(`${n(types.length - MAX_TYPE_ROWS)} more event types are in the attached event log ${options.files.events}.`));
  const lineShare = share - typeRows.reduce((sum, r) => sum + measure(r), 0);
  const first = firstWithin(d.firstEvents, lineShare / 2, lineCost);
  const firstBytes = first.reduce((sum, line) => sum + lineCost(line), 0);
  const tail = first.length === d.firstEvents.length ? d.lastEvents().map((e) => e.line) : [];
  const last = fitFromEnd(tail, lineShare - firstBytes, lineCost);
  const more = d.events - first.length - last.length;
  const shownLines = more > 0 ? [...first, `… ${n(more)} more events (${n(d.events)} in all) are in the attached event log ${options.files.events} …`, ...last] : [...first, ...last];
  if (shownLines.length) units.push({ kind: 'code', lines: shownLines });
  if (options.excludedEventTypes.length) {
    units.push(note(`Event types excluded by the integration's settings: ${c([...new Set(options.excludedEventTypes)].sort().join(', '), 2000)}.`));
  }
  return { section: { title: 'Session Events', units }, shortened: more > 0 || types.length > MAX_TYPE_ROWS };
}

/** Every non-empty section, each long one within its share. */
export function buildSections(h: SessionHeader, d: SessionDigest, options: SectionOptions, shares: Shares = SHARES): BuiltSections {
  const system = systemSection(h, d, shares.system, options);
  const notes = notesSection(d, shares.notes, options);
  const chat = chatSection(d, shares.chat, options);
  const files = filesSection(h, d, shares.files, options);
  const events = eventsSection(d, shares.events, options);
  const sections = [detailsSection(h), peopleSection(h, options), system.section, notes.section, chat.section, files.section, recordingsSection(h, options), events.section];
  return {
    sections: sections.filter((s) => s.units.length > 0),
    shortened: d.clipped || system.shortened || notes.shortened || chat.shortened || files.shortened || events.shortened,
  };
}
