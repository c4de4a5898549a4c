/**
 * The simulated appliance's typed surface (what `createPraSimulator` returns) and its options. Kept apart from
 * index.ts so the control routes (control.ts), which index.ts registers, can name it without a circular import.
 */
import type { FaultInjector, Listening, NodeHandler } from '../shared/http';
import type { AccountInput, AccountPatch, ApiAccountView } from './accounts';
import type { StartFromJumpInput } from './clientScript';
import type { CustomFieldInput, JumpGroupInput, JumpItemInput, JumpItemPatch, JumpointInput, UserInput, UserPatch } from './directory';
import type { KnobsPatch, PraKnobs } from './knobs';
import type { LargeSessionInput } from './largeSession';
import type {
  ClientScriptRequest,
  CustomField,
  JumpGroup,
  JumpItem,
  Jumpoint,
  PraUser,
  RequestLogEntry,
  SessionRecord,
  TicketLogEntry,
  TicketOutcome,
  TicketSystemConfig,
} from './model';
import type { DeliveryLogEntry, QueueView, RecipientInput, RecipientPatch, RecipientView } from './outbound';
import type { ImportSessionInput, ReplaceSessionInput } from './rawSession';
import type { CountersView } from './requestLog';
import type { EventInput } from './sessionEvents';
import type { CreateSessionInput, EndSessionInput, MemberInput, SessionPatch, SessionSummary } from './sessions';
import type { PraSnapshot } from './snapshot';
import type { SnapshotRows } from '../shared/snapshotRows';
import type { PraState } from './state';
import type { TicketRequestInput, TicketSystemInput } from './ticketSystem';

export interface PraSimulatorOptions {
  /** Default 'pra.example.com'; used in every absolute URL the appliance emits (report URLs, redirects). */
  publicHost?: string;
  /** GUID-like; default random 32 hex. */
  applianceId?: string;
  /** Default '1.25.0'. */
  apiVersion?: string;
  /** Clock in ms; default Date.now. */
  now?: () => number;
}

export interface PraSimulator {
  /** Mountable under a prefix (third argument = path without the prefix). */
  handler: NodeHandler;
  /** Direct access for tests: accounts, sessions, Jump Items, users, recipients, knobs, request log. */
  state: PraState;
  faults: FaultInjector;
  listen(port?: number): Promise<Listening>;
  /** Stops timers (outbound retry loops) and the listeners. */
  close(): Promise<void>;

  /** Back to the initial state (default knobs, seeded data only); pending outbound deliveries are dropped. */
  reset(): void;
  /** Moves the simulator clock forward (clockOffsetMs knob); returns the new time in ms. */
  advanceClock(ms: number): number;
  getKnobs(): PraKnobs;
  setKnobs(patch: KnobsPatch): PraKnobs;

  createAccount(input?: AccountInput): ApiAccountView;
  updateAccount(clientId: string, patch: AccountPatch): ApiAccountView;
  /** New client secret (random, or the given one); the account's tokens stop working at once. */
  rotateSecret(clientId: string, newSecret?: string): ApiAccountView;
  listAccounts(): ApiAccountView[];

  createUser(input: UserInput): PraUser;
  listUsers(): PraUser[];
  createJumpGroup(input: JumpGroupInput): JumpGroup;
  listJumpGroups(): JumpGroup[];
  createJumpoint(input: JumpointInput): Jumpoint;
  listJumpoints(): Jumpoint[];
  createJumpItem(input: JumpItemInput): JumpItem;
  updateJumpItem(id: number, patch: JumpItemPatch): JumpItem;
  deleteJumpItem(id: number): void;
  listJumpItems(): JumpItem[];
  defineCustomField(input: CustomFieldInput): CustomField;
  listCustomFields(): CustomField[];

  /** Starts a session and enqueues support_conference_begin. */
  createSession(input?: CreateSessionInput): SessionRecord;
  getSession(lsid: string): SessionRecord;
  /** Forgets a session (reports answer as for an unknown lsid). */
  deleteSession(lsid: string): void;
  /** Serves another raw AccessSession document for the session (same lsid); its end state is kept. */
  replaceSessionXml(lsid: string, input: ReplaceSessionInput): SessionRecord;
  /** Ends an in-progress hold (`inProgressFetches` / `holdInProgress`): reports show the session complete. */
  completeSession(lsid: string): SessionRecord;
  updateUser(username: string, patch: UserPatch): PraUser;
  listSessions(): SessionSummary[];
  addEvent(lsid: string, event: EventInput): SessionRecord;
  addEvents(lsid: string, events: EventInput[]): SessionRecord;
  /** A PRA user joins (Conference Member Added + support_conference_member_added). */
  addMember(lsid: string, input: MemberInput): SessionRecord;
  /** A PRA user leaves (Conference Member Departed + support_conference_member_departed). */
  removeMember(lsid: string, username: string): SessionRecord;
  /** Conference Owner Changed + support_conference_owner_changed. */
  changeOwner(lsid: string, username: string): SessionRecord;
  /** External key, custom attributes (merged; "" clears) and recording. */
  updateSession(lsid: string, patch: SessionPatch): SessionRecord;
  /** Ends a session and enqueues support_conference_end to the recipients. */
  endSession(lsid: string, input?: EndSessionInput): SessionRecord;
  /** Stores a raw AccessSession document, served back verbatim for its lsid. */
  importSessionXml(input: ImportSessionInput | string): SessionRecord;
  createLargeSession(input?: LargeSessionInput): SessionRecord;

  addRecipient(input: RecipientInput): RecipientView;
  updateRecipient(id: string, patch: RecipientPatch): RecipientView;
  removeRecipient(id: string): void;
  listRecipients(): RecipientView[];
  outboundLog(recipientId?: string): DeliveryLogEntry[];
  outboundQueue(recipientId?: string): QueueView[];
  /** "Outbound events off": events are held in the queues. */
  pauseOutbound(): PraKnobs;
  resumeOutbound(): PraKnobs;
  /** True once every recipient queue is empty; false after timeoutMs (default 5000). */
  waitForOutboundIdle(timeoutMs?: number): Promise<boolean>;

  configureTicketSystem(input: TicketSystemInput): TicketSystemConfig;
  /** "The user enters a ticket ID": POSTs to the ticket system and answers what the user would see. */
  sendTicketRequest(input: TicketRequestInput): Promise<TicketOutcome>;
  ticketLog(): TicketLogEntry[];

  listClientScriptRequests(): ClientScriptRequest[];
  /** Turns a recorded Jump into a running session on the matched Jump Item. */
  startSessionFromJump(requestId: string, input?: StartFromJumpInput): SessionRecord;

  requestLog(): RequestLogEntry[];
  counters(): CountersView;
  /** Clears the request log, the counters and the accounts' token request counts. */
  resetRequestLog(): void;

  /** The whole state as a JSON-serialisable value (fault rules, timers and in-flight deliveries excluded). */
  exportState(): PraSnapshot;
  /** The state as rows over the live records (one per session), for a store that saves only what changed. */
  exportRows(): SnapshotRows;
  /** The snapshot saved as rows (`exportRows`), for `importState`. */
  joinRows(meta: Record<string, unknown>, rows: Record<string, unknown[]>): PraSnapshot;
  /**
   * Replaces the whole state with a snapshot from `exportState` (also its appliance id and public host),
   * then resumes delivering the outbound events still queued in it. Throws SimError(400) for anything else.
   */
  importState(snapshot: PraSnapshot): void;
}
