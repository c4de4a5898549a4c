/** Everything the simulated appliance holds in memory, plus its clock and ID sequences. */
import { defaultKnobs, type StoredKnobs } from './knobs';
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

export interface PraStateOptions {
  publicHost: string;
  applianceId: string;
  apiVersion: string;
  now: () => number;
}

const DEFAULT_TICKET_TIMEOUT_MS = 10_000;

export function emptyCounters(): RequestCounters {
  return { total: 0, byPath: {}, byCommandAction: {}, byReportType: {} };
}

export class PraState {
  /** Set from the options; `importState` restores them from a snapshot. */
  publicHost: string;
  applianceId: string;
  apiVersion: string;
  private readonly clock: () => number;

  knobs: StoredKnobs = defaultKnobs();
  /** API accounts by client ID. */
  readonly accounts = new Map<string, ApiAccount>();
  readonly tokens = new Map<string, AccessToken>();
  readonly users = new Map<number, PraUser>();
  readonly jumpGroups = new Map<number, JumpGroup>();
  readonly jumpoints = new Map<number, Jumpoint>();
  readonly jumpItems = new Map<number, JumpItem>();
  readonly customFields = new Map<string, CustomField>();
  /** Sessions by lsid, in creation order. */
  readonly sessions = new Map<string, SessionRecord>();
  readonly recipients = new Map<string, OutboundRecipient>();
  ticketSystem: TicketSystemConfig = { url: null, timeoutMs: DEFAULT_TICKET_TIMEOUT_MS };
  ticketLog: TicketLogEntry[] = [];
  /** Custom attributes granted by the ticket system, by `userId:jumpItemId`, used by the next session. */
  readonly approvals = new Map<string, Record<string, string>>();
  readonly clientScriptRequests = new Map<string, ClientScriptRequest>();
  requestLog: RequestLogEntry[] = [];
  counters: RequestCounters = emptyCounters();
  private readonly sequences = new Map<string, number>();

  constructor(options: PraStateOptions) {
    this.publicHost = options.publicHost;
    this.applianceId = options.applianceId;
    this.apiVersion = options.apiVersion;
    this.clock = options.now;
    this.reset();
  }

  /** The simulator clock in ms (injected clock plus the clockOffsetMs knob). */
  now(): number {
    return this.clock() + this.knobs.clockOffsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Next value of a named sequence, starting at 1. */
  nextSeq(name: string): number {
    const next = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, next);
    return next;
  }

  /** The last value handed out by each sequence (for snapshots). */
  sequenceValues(): Record<string, number> {
    return Object.fromEntries(this.sequences);
  }

  /** Replaces every sequence with the given last values (restoring a snapshot). */
  restoreSequences(values: Record<string, number>): void {
    this.sequences.clear();
    for (const [name, value] of Object.entries(values)) this.sequences.set(name, value);
  }

  /** Makes sure the sequence never hands out `value` or anything below it again. */
  reserveSeq(name: string, value: number): void {
    this.sequences.set(name, Math.max(this.sequences.get(name) ?? 0, value));
  }

  /** Back to the initial state: default knobs, no data except the seeded user, Jump Group and Jumpoint. */
  reset(): void {
    this.knobs = defaultKnobs();
    for (const map of [
      this.accounts,
      this.tokens,
      this.users,
      this.jumpGroups,
      this.jumpoints,
      this.jumpItems,
      this.customFields,
      this.sessions,
      this.recipients,
      this.approvals,
      this.clientScriptRequests,
      this.sequences,
    ]) {
      map.clear();
    }
    this.ticketSystem = { url: null, timeoutMs: DEFAULT_TICKET_TIMEOUT_MS };
    this.ticketLog = [];
    this.requestLog = [];
    this.counters = emptyCounters();
    this.seed();
  }

  private seed(): void {
    const userId = this.nextSeq('user');
    this.users.set(userId, {
      id: userId,
      username: 'admin',
      displayName: 'Admin',
      publicDisplayName: 'Admin',
      privateDisplayName: 'Admin',
      email: 'admin@example.com',
      publicIp: '203.0.113.10:56722',
      privateIp: 'Unknown',
      hostname: null,
      os: 'Unknown',
    });
    const groupId = this.nextSeq('jumpGroup');
    this.jumpGroups.set(groupId, { id: groupId, name: 'Default', codeName: 'default', type: 'shared', comments: '' });
    const jumpointId = this.nextSeq('jumpoint');
    this.jumpoints.set(jumpointId, { id: jumpointId, name: 'Default Jumpoint', codeName: 'default_jumpoint', comments: '' });
  }
}
