/**
 * The simulator's state as one JSON-serialisable value, and back (`pra.exportState()` / `pra.importState()`):
 * what the sandbox saves so an appliance survives a restart. Everything the appliance holds is included
 * (directory, accounts and live tokens, sessions, outbound queues and logs, ticket system, client-script
 * requests, request log, counters, knobs, ID sequences, identity); fault rules, timers and in-flight
 * deliveries are not (they belong to a running process).
 */
import { z } from 'zod';
import { encodeAllRows, smallRows, type SnapshotRows } from '../shared/snapshotRows';
import { SimError } from './input';
import type { StoredKnobs } from './knobs';
import type {
  AccessToken,
  ApiAccount,
  ClientScriptRequest,
  CustomField,
  JumpGroup,
  JumpItem,
  Jumpoint,
  OutboundRecipient,
  PraUser,
  RequestCounters,
  RequestLogEntry,
  SessionRecord,
  TicketLogEntry,
  TicketSystemConfig,
} from './model';
import type { PraState } from './state';

export const PRA_SNAPSHOT_FORMAT = 'pra-simulator-state';
export const PRA_SNAPSHOT_VERSION = 1;

export interface PraSnapshot {
  format: typeof PRA_SNAPSHOT_FORMAT;
  version: typeof PRA_SNAPSHOT_VERSION;
  publicHost: string;
  applianceId: string;
  apiVersion: string;
  knobs: StoredKnobs;
  latencyMs: number;
  accounts: ApiAccount[];
  tokens: AccessToken[];
  users: PraUser[];
  jumpGroups: JumpGroup[];
  jumpoints: Jumpoint[];
  jumpItems: JumpItem[];
  customFields: CustomField[];
  /** In creation order. */
  sessions: SessionRecord[];
  /** With their pending queues and delivery logs. */
  recipients: OutboundRecipient[];
  ticketSystem: TicketSystemConfig;
  ticketLog: TicketLogEntry[];
  /** Ticket-system grants waiting for the user's next session: [`userId:jumpItemId`, custom attributes]. */
  approvals: [string, Record<string, string>][];
  clientScriptRequests: ClientScriptRequest[];
  requestLog: RequestLogEntry[];
  counters: RequestCounters;
  /** Last value of each ID sequence. */
  sequences: Record<string, number>;
}

/** A deep copy through JSON: what is saved is exactly what a JSON round trip keeps. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The small part of the snapshot (no sessions, recipients, client-script requests or logs). */
function metaOf(state: PraState, latencyMs: number) {
  return {
    format: PRA_SNAPSHOT_FORMAT as typeof PRA_SNAPSHOT_FORMAT,
    version: PRA_SNAPSHOT_VERSION as typeof PRA_SNAPSHOT_VERSION,
    publicHost: state.publicHost,
    applianceId: state.applianceId,
    apiVersion: state.apiVersion,
    knobs: state.knobs,
    latencyMs,
    accounts: [...state.accounts.values()],
    tokens: [...state.tokens.values()],
    users: [...state.users.values()],
    jumpGroups: [...state.jumpGroups.values()],
    jumpoints: [...state.jumpoints.values()],
    jumpItems: [...state.jumpItems.values()],
    customFields: [...state.customFields.values()],
    ticketSystem: state.ticketSystem,
    approvals: [...state.approvals.entries()],
    counters: state.counters,
    sequences: state.sequenceValues(),
  };
}

/** A session's fingerprint leaves out its bulk: events are only ever appended, raw XML is summarised. */
function sessionFingerprint(session: SessionRecord): string {
  const raw = session.rawXml;
  return JSON.stringify({
    ...session,
    events: session.events.length,
    rawXml: raw === null ? null : `${raw.length}:${raw.slice(0, 256)}:${raw.slice(-256)}`,
  });
}

/** An outbound recipient's queue and delivery log are summarised (attempts are appended, the head is removed on delivery). */
function recipientFingerprint(recipient: OutboundRecipient): string {
  const last = recipient.log.at(-1);
  return JSON.stringify({
    ...recipient,
    queue: recipient.queue.map((e) => `${e.id}:${e.attempts}`),
    log: `${recipient.log.length}:${last ? `${last.eventId}:${last.attempt}:${last.at}` : ''}`,
  });
}

/**
 * The appliance as rows for the sandbox's store (sandbox/shared/snapshotRows.ts), one per session: a new
 * field on a record is saved with it; a new top-level part of the state goes into `metaOf` (and
 * `importPraState`).
 */
export function exportPraRows(state: PraState, latencyMs: number): SnapshotRows {
  return {
    meta: copy(metaOf(state, latencyMs)) as Record<string, unknown>,
    collections: {
      sessions: { kind: 'keyed', entries: () => state.sessions.entries(), fingerprint: sessionFingerprint, encode: (s: SessionRecord) => s },
      recipients: { kind: 'keyed', entries: () => state.recipients.entries(), fingerprint: recipientFingerprint, encode: (r: OutboundRecipient) => r },
      clientScriptRequests: smallRows(() => state.clientScriptRequests.entries()),
      ticketLog: { kind: 'log', items: () => state.ticketLog },
      requestLog: { kind: 'log', items: () => state.requestLog },
    },
  };
}

/** The snapshot from saved rows (the inverse of `exportPraRows`). */
export function joinPraRows(meta: Record<string, unknown>, rows: Record<string, unknown[]>): PraSnapshot {
  return {
    ...(meta as ReturnType<typeof metaOf>),
    sessions: (rows.sessions ?? []) as SessionRecord[],
    recipients: (rows.recipients ?? []) as OutboundRecipient[],
    clientScriptRequests: (rows.clientScriptRequests ?? []) as ClientScriptRequest[],
    ticketLog: (rows.ticketLog ?? []) as TicketLogEntry[],
    requestLog: (rows.requestLog ?? []) as RequestLogEntry[],
  };
}

export function exportPraState(state: PraState, latencyMs: number): PraSnapshot {
  const { meta, collections } = exportPraRows(state, latencyMs);
  return copy(joinPraRows(meta, encodeAllRows(collections)));
}

/** The outer shape is checked; the records inside are trusted to come from `exportState`. */
const records = z.array(z.record(z.string(), z.unknown()));
const SnapshotShape = z.object({
  format: z.literal(PRA_SNAPSHOT_FORMAT),
  version: z.literal(PRA_SNAPSHOT_VERSION),
  publicHost: z.string().min(1),
  applianceId: z.string().min(1),
  apiVersion: z.string().min(1),
  knobs: z.record(z.string(), z.unknown()),
  latencyMs: z.number().nonnegative(),
  accounts: records,
  tokens: records,
  users: records,
  jumpGroups: records,
  jumpoints: records,
  jumpItems: records,
  customFields: records,
  sessions: records,
  recipients: records,
  ticketSystem: z.record(z.string(), z.unknown()),
  ticketLog: records,
  approvals: z.array(z.tuple([z.string(), z.record(z.string(), z.string())])),
  clientScriptRequests: records,
  requestLog: records,
  counters: z.record(z.string(), z.unknown()),
  sequences: z.record(z.string(), z.number().int().nonnegative()),
});

/** Replaces the whole state with the snapshot's (after checking its shape; nothing changes when it is refused). */
export function importPraState(state: PraState, snapshot: unknown): { latencyMs: number } {
  const parsed = SnapshotShape.safeParse(snapshot);
  if (!parsed.success) throw new SimError(400, `Not a PRA simulator snapshot: ${z.prettifyError(parsed.error)}`);
  const s = copy(snapshot) as PraSnapshot;
  const fill = <K, V>(map: Map<K, V>, entries: Iterable<[K, V]>) => {
    map.clear();
    for (const [k, v] of entries) map.set(k, v);
  };
  state.publicHost = s.publicHost;
  state.applianceId = s.applianceId;
  state.apiVersion = s.apiVersion;
  state.knobs = { ...state.knobs, ...s.knobs };
  fill(state.accounts, s.accounts.map((a) => [a.clientId, a]));
  fill(state.tokens, s.tokens.map((t) => [t.token, t]));
  fill(state.users, s.users.map((u) => [u.id, u]));
  fill(state.jumpGroups, s.jumpGroups.map((g) => [g.id, g]));
  fill(state.jumpoints, s.jumpoints.map((j) => [j.id, j]));
  fill(state.jumpItems, s.jumpItems.map((i) => [i.id, i]));
  fill(state.customFields, s.customFields.map((f) => [f.codeName, f]));
  fill(state.sessions, s.sessions.map((x) => [x.lsid, x]));
  fill(state.recipients, s.recipients.map((r) => [r.id, r]));
  fill(state.approvals, s.approvals);
  fill(state.clientScriptRequests, s.clientScriptRequests.map((r) => [r.id, r]));
  state.ticketSystem = s.ticketSystem;
  state.ticketLog = s.ticketLog;
  state.requestLog = s.requestLog;
  state.counters = s.counters;
  state.restoreSequences(s.sequences);
  return { latencyMs: s.latencyMs };
}
