/**
 * Sessions imported from a raw AccessSession document: the document is served back verbatim for its lsid;
 * the fields the simulator needs (times, external key, attributes, Jump Item, people) are read from it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { parseInput, SimError } from './input';
import type { SessionRecord, SessionRep } from './model';
import { RecordingSchema, type SessionService } from './sessions';
import type { PraState } from './state';
import { sessionUrlHash } from './urls';

const ImportSessionSchema = z
  .object({
    /** A complete AccessSession document holding exactly one `<session>`. */
    xml: z.string().min(1),
    /** End the session at once (default true); otherwise it stays active until ended. */
    end: z.boolean().optional(),
    /** Send support_conference_end (or _begin when not ended) to outbound recipients (default true). */
    notify: z.boolean().optional(),
    /** Recording served by AccessSessionRecording; defaults to 64 KiB when the document has recording URLs. */
    recording: RecordingSchema.nullable().optional(),
    /** Answer this many AccessSession fetches with the session in progress (empty end_time) first. */
    inProgressFetches: z.number().int().positive().optional(),
    /** Answer AccessSession fetches with the session in progress until `POST /__sim/sessions/<lsid>/complete`. */
    holdInProgress: z.boolean().optional(),
  })
  .strict();
export type ImportSessionInput = z.input<typeof ImportSessionSchema>;

const ReplaceSessionSchema = z.object({ xml: z.string().min(1), recording: RecordingSchema.nullable().optional() }).strict();
export type ReplaceSessionInput = z.input<typeof ReplaceSessionSchema>;

type Node = Record<string, unknown>;
const DEFAULT_RAW_RECORDING_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  textNodeName: '#text',
  isArray: (name) => ['session', 'customer', 'representative', 'custom_attribute'].includes(name),
});

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return '';
}

function attr(value: unknown, name: string): string {
  return isNode(value) && typeof value[name] === 'string' ? value[name] : '';
}

function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

function intOr(value: string, fallback: number): number {
  return /^\d+$/.test(value) ? Number(value) : fallback;
}

/** Builds the session record of a raw document (not yet registered). */
function parseRawSession(state: PraState, input: z.output<typeof ImportSessionSchema>): SessionRecord {
  const validation = XMLValidator.validate(input.xml);
  if (validation !== true) throw new SimError(400, `The document is not well-formed XML: ${validation.err.msg}`);
  const doc: unknown = parser.parse(input.xml);
  const list = isNode(doc) ? doc.session_list : undefined;
  const sessions = isNode(list) ? nodes(list.session) : [];
  const s = sessions[0];
  if (sessions.length !== 1 || !s) throw new SimError(400, 'The document must be a session_list with exactly one session.');
  const lsid = attr(s, 'lsid');
  if (!lsid) throw new SimError(400, 'The session has no lsid attribute.');
  const startTime = intOr(attr(s.start_time, 'timestamp'), state.nowSeconds());
  const endAttr = attr(s.end_time, 'timestamp');
  const customer = nodes(isNode(s.customer_list) ? s.customer_list.customer : undefined)[0] ?? {};
  const repNodes = nodes(isNode(s.rep_list) ? s.rep_list.representative : undefined);
  const attributes = nodes(isNode(s.custom_attributes) ? s.custom_attributes.custom_attribute : undefined);
  const hasRecordingUrl = s.session_recording_view_url !== undefined || s.session_recording_download_url !== undefined;
  const reps: SessionRep[] = repNodes.map((rep) => ({
    gsnumber: intOr(attr(rep, 'gsnumber'), 0),
    userId: intOr(attr(rep, 'id'), 0),
    username: text(rep.username),
    displayName: text(rep.display_name),
    publicDisplayName: text(rep.public_display_name),
    privateDisplayName: text(rep.private_display_name),
    publicIp: text(rep.public_ip),
    privateIp: text(rep.private_ip),
    hostname: rep.hostname === undefined ? null : text(rep.hostname),
    os: text(rep.os),
    owner: text(rep.session_owner) === '1',
    invited: text(rep.invited) === '1',
    joinedAt: startTime,
    leftAt: null,
    secondsInvolved: rep.seconds_involved === undefined ? null : intOr(text(rep.seconds_involved), 0),
  }));
  const lseqText = text(s.lseq);
  const lseq = /^\d+$/.test(lseqText) ? Number(lseqText) : state.nextSeq('lseq');
  state.reserveSeq('lseq', lseq);
  const recording = input.recording === undefined ? (hasRecordingUrl ? { size: DEFAULT_RAW_RECORDING_BYTES, expired: false } : null) : input.recording;
  return {
    lsid,
    lseq,
    startTime,
    endTime: /^\d+$/.test(endAttr) ? Number(endAttr) : null,
    endedAtMs: null,
    externalKey: text(s.external_key),
    customAttributes: Object.fromEntries(attributes.map((a) => [attr(a, 'code_name'), text(a)])),
    jumpItem: {
      id: null,
      name: text(s.primary_customer),
      hostname: text(customer.hostname),
      jumpGroup: {
        id: intOr(attr(s.jump_group, 'id'), 0),
        type: attr(s.jump_group, 'type') === 'personal' ? 'personal' : 'shared',
        name: text(s.jump_group),
      },
      jumpoint: s.jumpoint === undefined ? null : { id: intOr(attr(s.jumpoint, 'id'), 0), name: text(s.jumpoint) },
    },
    customer: {
      gsnumber: intOr(attr(customer, 'gsnumber'), 0),
      username: text(customer.username),
      publicIp: text(customer.public_ip),
      privateIp: text(customer.private_ip),
      hostname: text(customer.hostname),
      os: text(customer.os),
    },
    reps,
    primaryRepGsnumber: intOr(attr(s.primary_rep, 'gsnumber'), reps[0]?.gsnumber ?? 0),
    events: [],
    eventsBeforeEnd: null,
    recording,
    urlHash: sessionUrlHash(state.applianceId, lsid),
    rawXml: input.xml,
    nextGsnumber: 0,
  };
}

export function importRawSession(state: PraState, sessions: SessionService, input: ImportSessionInput): SessionRecord {
  const parsed = parseInput(ImportSessionSchema, input);
  const session = parseRawSession(state, parsed);
  if (parsed.holdInProgress) session.inProgressFetchesLeft = -1;
  else if (parsed.inProgressFetches) session.inProgressFetchesLeft = parsed.inProgressFetches;
  return sessions.adopt(session, { end: parsed.end ?? true, notify: parsed.notify ?? true });
}

/**
 * Serves another document for a session (same lsid): what an appliance's report of it would now say.
 * The session keeps its place, its end state and any in-progress hold; no outbound event is sent.
 */
export function replaceRawSession(state: PraState, lsid: string, input: ReplaceSessionInput): SessionRecord {
  const parsed = parseInput(ReplaceSessionSchema, input);
  const old = state.sessions.get(lsid);
  if (!old) throw new SimError(404, `No session with lsid ${lsid}`);
  const fresh = parseRawSession(state, { ...parsed, recording: parsed.recording === undefined ? old.recording : parsed.recording });
  if (fresh.lsid !== lsid) throw new SimError(400, `The document describes session ${fresh.lsid}, not ${lsid}`);
  const replaced: SessionRecord = {
    ...fresh,
    lseq: old.lseq,
    endTime: old.endedAtMs === null ? null : (fresh.endTime ?? old.endTime),
    endedAtMs: old.endedAtMs,
    ...(old.inProgressFetchesLeft === undefined ? {} : { inProgressFetchesLeft: old.inProgressFetchesLeft }),
  };
  state.sessions.set(lsid, replaced);
  return replaced;
}

/** The stored document as served for its lsid; while the report lags, its end_time is emptied. */
export function rawDocument(xml: string, inProgress: boolean): string {
  return inProgress ? xml.replace(/<end_time\b[^>]*>[^<]*<\/end_time>/, '<end_time></end_time>') : xml;
}

/** The `<session>` element of a stored document, for reports that list several sessions. */
export function rawSessionElement(xml: string, inProgress: boolean): string {
  const match = /<session\b[^>]*>[\s\S]*<\/session>/.exec(rawDocument(xml, inProgress));
  return match ? `${match[0]}\n` : '';
}
