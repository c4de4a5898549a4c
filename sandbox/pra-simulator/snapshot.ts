/**
 * The simulator's state as one JSON-serialisable value, and back (`pra.exportState()` / `pra.importState()`):
 * what the sandbox saves so an appliance survives a restart. Everything the appliance holds is included
 * (directory, accounts and live tokens, sessions, outbound queues and logs, ticket system, client-script
 * requests, request log, counters, knobs, ID sequences, identity); fault rules, timers and in-flight
 * deliveries are not (they belong to a running process).
 */
import { z } from 'zod';
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

export function exportPraState(state: PraState, latencyMs: number): PraSnapshot {
  return copy({
    format: PRA_SNAPSHOT_FORMAT,
    version: PRA_SNAPSHOT_VERSION,
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
    sessions: [...state.sessions.values()],
    recipients: [...state.recipients.values()],
    ticketSystem: state.ticketSystem,
    ticketLog: state.ticketLog,
    approvals: [...state.approvals.entries()],
    clientScriptRequests: [...state.clientScriptRequests.values()],
    requestLog: state.requestLog,
    counters: state.counters,
    sequences: state.sequenceValues(),
  } satisfies PraSnapshot);
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
