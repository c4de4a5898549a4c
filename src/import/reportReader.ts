/**
 * Reads an AccessSession report as a stream (saxes, a conformant streaming XML parser): the response body is
 * fed in chunks, each `<event>` of the wanted session comes out as soon as it closes and is then forgotten,
 * and only the session's header (times, people, links: a few kilobytes) is kept. Every entity and character
 * reference is decoded once, by the parser. The outcome says whether the document was complete: a report cut
 * off after a complete `</event>` (a proxy or the appliance dying mid-answer) is `incomplete`, never a session.
 * Elements are matched by local name, so every namespace and prefix reads the same. Pure: no I/O.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Endpoint, Representative, SessionEvent, SessionReport, SystemInfoCategory } from './sessionModel';
import { decodeEncodedBody } from '../shared/text';

export type SessionHeader = Omit<SessionReport, 'events'>;

export type ReaderOutcome =
  | { kind: 'session'; header: SessionHeader; events: number }
  /** HTTP 200 with an `<error>` (e.g. "No Support report information…"), or no session with that lsid. */
  | { kind: 'no-data'; message: string }
  /** Not an AccessSession document (a proxy's error page, junk). */
  | { kind: 'invalid'; message: string }
  /** Well-formed so far but cut off: the root or the session never closed. */
  | { kind: 'incomplete'; message: string }
  /** Larger than the import can process (see the limits). */
  | { kind: 'too-large'; message: string };

export interface ReaderLimits {
  /** The whole report, in bytes as received. */
  maxReportBytes: number;
  /** Text held for one event or for the session header, in characters. */
  maxElementChars: number;
}

/**
 * What the import processes at most. A report above 1 GiB would take longer to download and read than an
 * invocation can spend; one event or header above 8 million characters cannot be real PRA output. Both fail
 * the import with that reason instead of exhausting the function's memory.
 */
export const READER_LIMITS: ReaderLimits = { maxReportBytes: 1024 * 1024 * 1024, maxElementChars: 8_000_000 };

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const kid = (el: El | undefined, name: string) => el?.children.find((c) => c.name === name);
const kids = (el: El | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
const opt = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());
const txt = (el: El | undefined, name: string) => opt(kid(el, name)?.text);
const num = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

function timeOf(el: El | undefined): number | undefined {
  if (!el) return undefined;
  const stamp = num(el.attrs.timestamp);
  if (stamp !== undefined) return stamp;
  const iso = opt(el.text);
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

const party = (el: El | undefined) => (el ? { type: el.attrs.type, gsnumber: el.attrs.gsnumber, name: el.text.trim() } : undefined);

function fieldsOf(el: El | undefined): Array<{ name: string; value: string }> {
  return kids(el, 'field').map((f) => ({ name: f.attrs.name ?? '', value: f.text.trim() }));
}

function systemInformation(el: El | undefined): SystemInfoCategory[] {
  return kids(el, 'category').map((category) => ({
    name: category.attrs.name ?? '',
    columns: fieldsOf(kid(category, 'description')).map((f) => ({ key: f.name, label: f.value || f.name })),
    rows: kids(kid(category, 'data'), 'row').map((row) => Object.fromEntries(fieldsOf(row).map((f) => [f.name, f.value]))),
  }));
}

export function eventOf(el: El): SessionEvent {
  const encoded = txt(el, 'encoded_body');
  const data: Record<string, string> = {};
  for (const value of kids(kid(el, 'data'), 'value')) {
    if (value.attrs.name) data[value.attrs.name] = value.attrs.value ?? value.text;
  }
  return {
    timestamp: num(el.attrs.timestamp) ?? 0,
    type: el.attrs.event_type ?? 'Unknown',
    performedBy: party(kid(el, 'performed_by')),
    destination: party(kid(el, 'destination')),
    body: encoded !== undefined ? decodeEncodedBody(encoded) : txt(el, 'body'),
    filename: txt(el, 'filename') ?? data.filename,
    filesize: num(txt(el, 'filesize') ?? data.filesize),
    files: kids(kid(el, 'files'), 'file').map((f) => ({ filename: txt(f, 'filename') ?? '', filesize: num(txt(f, 'filesize')) })),
    data,
    systemInformation: systemInformation(kid(el, 'system_information')),
  };
}

function headerOf(session: El, header: El[]): SessionHeader {
  const node: El = { ...session, children: header };
  const jumpGroup = kid(node, 'jump_group');
  const jumpoint = kid(node, 'jumpoint');
  const primaryRep = kid(node, 'primary_rep');
  const endpoints: Endpoint[] = kids(kid(node, 'customer_list'), 'customer').map((c) => ({
    gsnumber: c.attrs.gsnumber,
    username: txt(c, 'username'),
    publicIp: txt(c, 'public_ip'),
    privateIp: txt(c, 'private_ip'),
    hostname: txt(c, 'hostname'),
    os: txt(c, 'os'),
  }));
  const representatives: Representative[] = kids(kid(node, 'rep_list'), 'representative').map((r) => ({
    gsnumber: r.attrs.gsnumber,
    id: r.attrs.id,
    username: txt(r, 'username'),
    displayName: txt(r, 'display_name'),
    publicDisplayName: txt(r, 'public_display_name'),
    privateDisplayName: txt(r, 'private_display_name'),
    publicIp: txt(r, 'public_ip'),
    privateIp: txt(r, 'private_ip'),
    hostname: txt(r, 'hostname'),
    os: txt(r, 'os'),
    owner: txt(r, 'session_owner') === '1',
    secondsInvolved: num(txt(r, 'seconds_involved')),
    invited: txt(r, 'invited') === '1',
  }));
  return {
    lsid: session.attrs.lsid ?? '',
    sessionType: txt(node, 'session_type'),
    lseq: txt(node, 'lseq'),
    startTime: timeOf(kid(node, 'start_time')),
    endTime: timeOf(kid(node, 'end_time')),
    duration: txt(node, 'duration'),
    externalKey: txt(node, 'external_key'),
    customAttributes: kids(kid(node, 'custom_attributes'), 'custom_attribute').map((a) => ({
      displayName: a.attrs.display_name,
      codeName: a.attrs.code_name,
      value: a.text.trim(),
    })),
    chatViewUrl: txt(node, 'session_chat_view_url'),
    chatDownloadUrl: txt(node, 'session_chat_download_url'),
    recordingViewUrl: txt(node, 'session_recording_view_url'),
    recordingDownloadUrl: txt(node, 'session_recording_download_url'),
    commandShellRecordings: kids(kid(node, 'command_shell_recordings'), 'command_shell_recording').map((r) => ({
      instance: r.attrs.instance,
      viewUrl: txt(r, 'view_url'),
      downloadUrl: txt(r, 'download_url'),
    })),
    fileTransferCount: num(txt(node, 'file_transfer_count')),
    fileMoveCount: num(txt(node, 'file_move_count')),
    fileDeleteCount: num(txt(node, 'file_delete_count')),
    jumpItem: txt(node, 'primary_customer'),
    jumpGroup: jumpGroup && opt(jumpGroup.text) ? { name: jumpGroup.text.trim(), type: jumpGroup.attrs.type, id: jumpGroup.attrs.id } : undefined,
    jumpoint: jumpoint && opt(jumpoint.text) ? { name: jumpoint.text.trim(), id: jumpoint.attrs.id } : undefined,
    primaryRep: primaryRep && opt(primaryRep.text) ? { name: primaryRep.text.trim(), id: primaryRep.attrs.id, gsnumber: primaryRep.attrs.gsnumber } : undefined,
    endpoints,
    representatives,
  };
}

export class AccessSessionReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  private readonly decoder = new TextDecoder('utf-8');
  private readonly wanted: string;
  private depth = 0;
  private root: string | undefined;
  private rootClosed = false;
  private failure: ReaderOutcome | undefined;
  private errorText: string | undefined;
  /** Inside the wanted session: its attributes, the header elements, and whether it closed. */
  private session: El | undefined;
  private sessionDone = false;
  private readonly headerElements: El[] = [];
  private inDetails = false;
  /** Elements being built (a header element or an event), innermost last. */
  private readonly open: El[] = [];
  private held = 0;
  private bytes = 0;
  private events = 0;
  private ready: SessionEvent[] = [];
  private skipping = 0;
  private headerSoFar: SessionHeader | undefined;

  constructor(
    lsid: string,
    private readonly limits: ReaderLimits = READER_LIMITS,
  ) {
    this.wanted = lsid.toLowerCase();
    this.parser.on('opentag', (tag) => this.onOpen(tag));
    this.parser.on('closetag', () => this.onClose());
    this.parser.on('text', (text) => this.onText(text));
    this.parser.on('cdata', (text) => this.onText(text));
    this.parser.on('error', (error) => {
      this.failure ??= { kind: 'invalid', message: `The AccessSession report is not well-formed XML (${error.message}).` };
    });
  }

  private fail(outcome: ReaderOutcome): void {
    this.failure ??= outcome;
  }

  private onOpen(tag: SaxesTagPlain): void {
    this.depth += 1;
    const name = localName(tag.name);
    if (this.depth === 1) {
      this.root = name;
      if (name === 'error') this.errorText = '';
      else if (name !== 'session_list') this.fail({ kind: 'invalid', message: `Expected <session_list> in the AccessSession report, got <${name}>.` });
      return;
    }
    if (this.skipping) {
      this.skipping += 1;
      return;
    }
    if (this.depth === 2 && this.root === 'session_list') {
      if (name === 'error') this.errorText = '';
      else if (name === 'session' && !this.session && (tag.attributes.lsid ?? '').toLowerCase() === this.wanted) {
        this.session = { name, attrs: { ...tag.attributes }, children: [], text: '' };
      } else this.skipping = 1;
      return;
    }
    if (!this.session || this.sessionDone) return;
    if (this.depth === 3 && name === 'session_details') {
      this.inDetails = true;
      this.headerSoFar ??= headerOf(this.session, this.headerElements);
      return;
    }
    if (this.inDetails && this.depth === 4 && name !== 'event') {
      this.skipping = 1;
      return;
    }
    const el: El = { name, attrs: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [localName(k), v])), children: [], text: '' };
    for (const value of Object.values(el.attrs)) this.hold(value.length);
    const parent = this.open[this.open.length - 1];
    if (parent) parent.children.push(el);
    this.open.push(el);
  }

  private onClose(): void {
    this.depth -= 1;
    if (this.depth === 0) {
      this.rootClosed = true;
      return;
    }
    if (this.skipping) {
      this.skipping -= 1;
      return;
    }
    if (this.depth === 1) {
      if (this.session && !this.sessionDone) this.sessionDone = true;
      return;
    }
    if (!this.session || this.sessionDone) return;
    if (this.depth === 2 && this.inDetails && this.open.length === 0) {
      this.inDetails = false;
      return;
    }
    const el = this.open.pop();
    if (!el) return;
    if (this.open.length > 0) return;
    if (this.inDetails) {
      this.ready.push(eventOf(el));
      this.events += 1;
      this.held = 0;
    } else {
      this.headerElements.push(el);
    }
  }

  private onText(text: string): void {
    if (this.errorText !== undefined && this.depth <= 2) {
      if (this.errorText.length < 10_000) this.errorText += text;
      return;
    }
    const el = this.open[this.open.length - 1];
    if (!el || this.skipping) return;
    el.text += text;
    this.hold(text.length);
  }

  private hold(chars: number): void {
    this.held += chars;
    if (this.held > this.limits.maxElementChars) {
      this.fail({ kind: 'too-large', message: `An element of the AccessSession report holds more than ${this.limits.maxElementChars.toLocaleString('en')} characters, more than the import can process.` });
    }
  }

  /** The session's header once its events begin (everything before `<session_details>` has been read). */
  get header(): SessionHeader | undefined {
    return this.headerSoFar;
  }

  /** Feeds the next piece of the report; returns the events of the wanted session completed by it. */
  write(chunk: Uint8Array | string): SessionEvent[] {
    if (this.failure) return [];
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (this.bytes > this.limits.maxReportBytes) {
      this.fail({ kind: 'too-large', message: `The AccessSession report is larger than ${Math.round(this.limits.maxReportBytes / 1024 / 1024)} MB, more than the import can process.` });
      return [];
    }
    this.parser.write(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    const out = this.ready;
    this.ready = [];
    return this.failure ? [] : out;
  }

  /** The end of the report: checks that it is complete and says what it held. */
  finish(): ReaderOutcome {
    if (!this.failure) {
      const rest = this.decoder.decode();
      if (rest) this.parser.write(rest);
    }
    if (!this.failure) {
      this.parser.close();
      // an error raised while closing is about what never came: the document was cut off
      if (this.failure && this.root !== undefined) this.failure = { kind: 'incomplete', message: this.cutOffMessage() };
    }
    if (this.failure) return this.failure;
    if (this.root === undefined) return { kind: 'invalid', message: 'The AccessSession report is empty.' };
    if (!this.rootClosed) return { kind: 'incomplete', message: this.cutOffMessage() };
    if (this.errorText !== undefined) return { kind: 'no-data', message: this.errorText.trim() || 'The appliance returned an error without a message.' };
    if (!this.session) return { kind: 'no-data', message: `The report has no session ${this.wanted}.` };
    if (!this.sessionDone) return { kind: 'incomplete', message: this.cutOffMessage() };
    return { kind: 'session', header: headerOf(this.session, this.headerElements), events: this.events };
  }

  private cutOffMessage(): string {
    return `The AccessSession report was cut off after ${this.bytes.toLocaleString('en')} bytes (${this.events} complete events): the document does not close.`;
  }
}
