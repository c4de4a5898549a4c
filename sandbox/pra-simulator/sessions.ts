/** Access sessions: start, events, members, attributes, end. Every change that PRA announces is notified. */
import { z } from 'zod';
import { attributeLimitError, EXTERNAL_KEY } from './customAttributes';
import { JumpItemRefSchema, UserRefSchema, jumpItemSnapshot, resolveJumpItem, resolveUser } from './directory';
import { randomHex } from './ids';
import { parseInput, SimError } from './input';
import type { JumpItem, OutboundEventName, PraUser, SessionRecord, SessionRep } from './model';
import { EventInputSchema, toSessionEvent, type EventInput } from './sessionEvents';
import type { PraState } from './state';
import { sessionUrlHash } from './urls';

/** A recording of `size` bytes for AccessSessionRecording; `expired` makes the download answer the expiry error. */
export const RecordingSchema = z
  .object({
    size: z.number().int().nonnegative(),
    expired: z.boolean().default(false),
    /** The container the bytes start with (its real header); omitted = filler no player recognises. */
    container: z.enum(['mp4', 'webm']).optional(),
  })
  .strict();

export const CreateSessionSchema = z
  .object({
    lsid: z.string().regex(/^[0-9a-f]{32}$/, 'lsid is 32 lowercase hex characters').optional(),
    /** Unix seconds; defaults to the simulator clock. */
    startTime: z.number().int().optional(),
    /** Defaults to a Jump Item named web01 (created if missing). */
    jumpItem: JumpItemRefSchema.optional(),
    /** The primary rep; defaults to the seeded `admin` user. */
    rep: UserRefSchema.optional(),
    /** Overrides of the endpoint (`customer`) data, which defaults to the Jump Item's. */
    endpoint: z
      .object({
        username: z.string(),
        hostname: z.string(),
        os: z.string(),
        publicIp: z.string(),
        privateIp: z.string(),
      })
      .partial()
      .strict()
      .optional(),
    externalKey: z.string().optional(),
    /** By code name; `external_key` here sets the external key. */
    customAttributes: z.record(z.string(), z.string()).optional(),
    recording: RecordingSchema.nullable().optional(),
    /** Events after the automatic start events. */
    events: z.array(EventInputSchema).optional(),
    /** Add Session Start, Conference Owner Changed and Conference Member Added (default true). */
    autoEvents: z.boolean().optional(),
    /** Send support_conference_begin to outbound recipients (default true). */
    notify: z.boolean().optional(),
  })
  .strict();
export type CreateSessionInput = z.input<typeof CreateSessionSchema>;

const MemberSchema = z.object({ user: UserRefSchema, invited: z.boolean().optional() }).strict();
export type MemberInput = z.input<typeof MemberSchema>;

const SessionPatchSchema = z
  .object({
    externalKey: z.string().optional(),
    customAttributes: z.record(z.string(), z.string()).optional(),
    recording: RecordingSchema.nullable().optional(),
  })
  .strict();
export type SessionPatch = z.input<typeof SessionPatchSchema>;

const EndSessionSchema = z
  .object({ endTime: z.number().int().optional(), notify: z.boolean().optional() })
  .strict();
export type EndSessionInput = z.input<typeof EndSessionSchema>;

export interface SessionSummary {
  lsid: string;
  lseq: number;
  active: boolean;
  source: 'structured' | 'raw';
  startTime: number;
  endTime: number | null;
  externalKey: string;
  jumpItem: string;
  primaryRep: string;
  eventCount: number;
  hasRecording: boolean;
}

/** Called for every change PRA sends an outbound event for. */
export type SessionNotifier = (event: OutboundEventName, session: SessionRecord, member?: SessionRep) => void;

const PRE_START_CONFERENCE = 'Pre-start Conference';
const FIRST_GSNUMBER = 21;

export function approvalKey(userId: number, jumpItemId: number): string {
  return `${userId}:${jumpItemId}`;
}

export class SessionService {
  constructor(
    private readonly state: PraState,
    private readonly notify: SessionNotifier,
  ) {}

  get(lsid: string): SessionRecord {
    const session = this.state.sessions.get(lsid);
    if (!session) throw new SimError(404, `No session with lsid ${lsid}`);
    return session;
  }

  list(): SessionSummary[] {
    return [...this.state.sessions.values()].map((s) => ({
      lsid: s.lsid,
      lseq: s.lseq,
      active: s.endedAtMs === null,
      source: s.rawXml === null ? 'structured' : 'raw',
      startTime: s.startTime,
      endTime: s.endTime,
      externalKey: s.externalKey,
      jumpItem: s.jumpItem.name,
      primaryRep: s.reps.find((r) => r.gsnumber === s.primaryRepGsnumber)?.username ?? '',
      eventCount: s.events.length,
      hasRecording: s.recording !== null,
    }));
  }

  create(input: CreateSessionInput = {}): SessionRecord {
    const parsed = parseInput(CreateSessionSchema, input);
    const lsid = parsed.lsid ?? randomHex(32);
    if (this.state.sessions.has(lsid)) throw new SimError(409, `A session with lsid ${lsid} already exists`);
    const item = resolveJumpItem(this.state, parsed.jumpItem ?? { name: 'web01', hostname: 'web01.example.com' });
    const user = resolveUser(this.state, parsed.rep ?? 'admin');
    const attributes = this.startAttributes(user, item, { ...parsed.customAttributes, ...withExternalKey(parsed.externalKey) });
    const startTime = parsed.startTime ?? this.state.nowSeconds();
    const { [EXTERNAL_KEY]: externalKey = '', ...customAttributes } = attributes;
    const repGsnumber = FIRST_GSNUMBER;
    const session: SessionRecord = {
      lsid,
      lseq: this.state.nextSeq('lseq'),
      startTime,
      endTime: null,
      endedAtMs: null,
      externalKey,
      customAttributes,
      jumpItem: jumpItemSnapshot(this.state, item),
      customer: {
        gsnumber: repGsnumber + 1,
        username: parsed.endpoint?.username ?? item.name,
        hostname: parsed.endpoint?.hostname ?? item.hostname,
        os: parsed.endpoint?.os ?? (item.os || 'Unknown'),
        publicIp: parsed.endpoint?.publicIp ?? (item.publicIp || '198.51.100.20:49152'),
        privateIp: parsed.endpoint?.privateIp ?? (item.privateIp || '10.0.0.4'),
      },
      reps: [{ ...toRep(user, repGsnumber, startTime, false), owner: true }],
      primaryRepGsnumber: repGsnumber,
      events: [],
      eventsBeforeEnd: null,
      recording: parsed.recording ?? null,
      urlHash: sessionUrlHash(this.state.applianceId, lsid),
      rawXml: null,
      nextGsnumber: repGsnumber + 2,
    };
    const rep = session.reps[0]!;
    if (parsed.autoEvents ?? true) {
      this.push(session, [
        { eventType: 'Session Start', timestamp: startTime },
        {
          eventType: 'Conference Owner Changed',
          timestamp: startTime,
          destination: { type: 'system', name: PRE_START_CONFERENCE, gsnumber: 0 },
          data: { owner: PRE_START_CONFERENCE },
        },
        { eventType: 'Conference Member Added', timestamp: startTime, performedBy: 'rep', data: memberData(rep) },
        { eventType: 'Conference Owner Changed', timestamp: startTime, destination: 'rep', data: { owner: rep.displayName } },
      ]);
    }
    this.push(session, parsed.events ?? []);
    this.state.sessions.set(lsid, session);
    if (parsed.notify ?? true) this.notify('support_conference_begin', session);
    return session;
  }

  /** Adds a session imported elsewhere (raw XML), optionally ending it at once. */
  adopt(session: SessionRecord, options: { end: boolean; notify: boolean }): SessionRecord {
    if (this.state.sessions.has(session.lsid)) throw new SimError(409, `A session with lsid ${session.lsid} already exists`);
    this.state.sessions.set(session.lsid, session);
    if (options.end) {
      session.endTime ??= this.state.nowSeconds();
      session.endedAtMs = this.state.now();
      if (options.notify) this.notify('support_conference_end', session);
    } else {
      session.endTime = null;
      if (options.notify) this.notify('support_conference_begin', session);
    }
    return session;
  }

  addEvents(lsid: string, events: EventInput[]): SessionRecord {
    const session = this.active(lsid, true);
    this.push(session, parseInput(z.array(EventInputSchema), events));
    return session;
  }

  addMember(lsid: string, input: MemberInput): SessionRecord {
    const parsed = parseInput(MemberSchema, input);
    const session = this.active(lsid, true);
    const user = resolveUser(this.state, parsed.user);
    if (session.reps.some((r) => r.userId === user.id && r.leftAt === null)) {
      throw new SimError(409, `${user.username} is already in session ${lsid}`);
    }
    const rep = toRep(user, session.nextGsnumber++, this.state.nowSeconds(), parsed.invited ?? false);
    session.reps.push(rep);
    this.push(session, [{ eventType: 'Conference Member Added', performedBy: { username: user.username }, data: memberData(rep) }]);
    this.notify('support_conference_member_added', session, rep);
    return session;
  }

  removeMember(lsid: string, username: string): SessionRecord {
    const session = this.active(lsid, true);
    const rep = this.presentRep(session, username);
    this.push(session, [{ eventType: 'Conference Member Departed', performedBy: { username: rep.username } }]);
    rep.leftAt = this.state.nowSeconds();
    this.notify('support_conference_member_departed', session, rep);
    return session;
  }

  changeOwner(lsid: string, username: string): SessionRecord {
    const session = this.active(lsid, true);
    const rep = this.presentRep(session, username);
    for (const r of session.reps) r.owner = r === rep;
    this.push(session, [
      { eventType: 'Conference Owner Changed', destination: { username: rep.username }, data: { owner: rep.displayName } },
    ]);
    this.notify('support_conference_owner_changed', session, rep);
    return session;
  }

  update(lsid: string, patch: SessionPatch): SessionRecord {
    const parsed = parseInput(SessionPatchSchema, patch);
    const session = this.get(lsid);
    if (parsed.externalKey !== undefined || parsed.customAttributes !== undefined) {
      this.setAttributes(session, { ...parsed.customAttributes, ...withExternalKey(parsed.externalKey) });
    }
    if (parsed.recording !== undefined) session.recording = parsed.recording;
    return session;
  }

  /** set_session_attributes semantics: given attributes change, others keep their value, "" clears. */
  setAttributes(session: SessionRecord, attributes: Record<string, string>): void {
    const merged: Record<string, string> = { ...session.customAttributes, ...withExternalKey(session.externalKey) };
    for (const [codeName, value] of Object.entries(attributes)) {
      if (value === '') delete merged[codeName];
      else merged[codeName] = value;
    }
    const problem = attributeLimitError(merged);
    if (problem) throw new SimError(400, problem);
    const { [EXTERNAL_KEY]: externalKey = '', ...custom } = merged;
    session.externalKey = externalKey;
    session.customAttributes = custom;
  }

  end(lsid: string, input: EndSessionInput = {}): SessionRecord {
    const parsed = parseInput(EndSessionSchema, input);
    const session = this.active(lsid, false);
    const endTime = parsed.endTime ?? Math.max(this.state.nowSeconds(), session.startTime);
    if (endTime < session.startTime) throw new SimError(400, 'endTime is before the start of the session');
    if (session.rawXml === null) {
      session.eventsBeforeEnd = session.events.length;
      this.push(session, [{ eventType: 'Session End', timestamp: endTime }]);
      for (const rep of session.reps) rep.leftAt ??= endTime;
    }
    session.endTime = endTime;
    session.endedAtMs = this.state.now();
    if (parsed.notify ?? true) this.notify('support_conference_end', session);
    return session;
  }

  /** An active session; `structuredOnly` also refuses sessions imported as raw XML. */
  active(lsid: string, structuredOnly: boolean): SessionRecord {
    const session = this.get(lsid);
    if (session.endedAtMs !== null) throw new SimError(409, `Session ${lsid} has ended`);
    if (structuredOnly && session.rawXml !== null) throw new SimError(409, `Session ${lsid} was imported as raw XML`);
    return session;
  }

  private presentRep(session: SessionRecord, username: string): SessionRep {
    const rep = session.reps.find((r) => r.username.toLowerCase() === username.toLowerCase() && r.leftAt === null);
    if (!rep) throw new SimError(404, `${username} is not in session ${session.lsid}`);
    return rep;
  }

  /** Appends events that are already valid (parsed input or literals). */
  private push(session: SessionRecord, events: EventInput[]): void {
    const now = this.state.nowSeconds();
    for (const input of events) {
      session.events.push(toSessionEvent(session, input, now, this.state.publicHost));
    }
  }

  /** Custom attributes for a new session: the caller's, then the ticket system's grant (consumed here). */
  private startAttributes(user: PraUser, item: JumpItem, requested: Record<string, string>): Record<string, string> {
    const key = approvalKey(user.id, item.id);
    const granted = this.state.approvals.get(key);
    if (item.ticketIdRequired && !granted) {
      throw new SimError(403, `Jump Item ${item.name} requires a ticket ID that the ticket system approved for ${user.username}`);
    }
    this.state.approvals.delete(key);
    const attributes = Object.fromEntries(Object.entries({ ...requested, ...granted }).filter(([, v]) => v !== ''));
    const problem = attributeLimitError(attributes);
    if (problem) throw new SimError(400, problem);
    return attributes;
  }
}

function withExternalKey(externalKey: string | undefined): Record<string, string> {
  return externalKey === undefined ? {} : { [EXTERNAL_KEY]: externalKey };
}

function toRep(user: PraUser, gsnumber: number, joinedAt: number, invited: boolean): SessionRep {
  return {
    gsnumber,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    publicDisplayName: user.publicDisplayName,
    privateDisplayName: user.privateDisplayName,
    publicIp: user.publicIp,
    privateIp: user.privateIp,
    hostname: user.hostname,
    os: user.os,
    owner: false,
    invited,
    joinedAt,
    leftAt: null,
    secondsInvolved: null,
  };
}

/** The data values of a Conference Member Added event. */
function memberData(rep: SessionRep): Record<string, string> {
  return {
    private_name: rep.privateDisplayName,
    public_name: rep.publicDisplayName,
    username: rep.username,
    private_ip: rep.privateIp,
    public_ip: rep.publicIp,
    ...(rep.hostname ? { hostname: rep.hostname } : {}),
    os: rep.os,
    user_id: String(rep.userId),
  };
}
