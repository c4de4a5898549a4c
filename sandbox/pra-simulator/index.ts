/**
 * BeyondTrust PRA appliance simulator: OAuth, command, reporting, client scripting and configuration APIs,
 * outbound events, the Jump Policy ticket-system caller, and a control API under /__sim/ (docs/pra-simulator.md).
 * The typed methods below and the control endpoints are two front doors to the same implementation.
 */
import { createHandler, FaultInjector, listen, Router, type Listening, type NodeHandler } from '../shared/http';
import { createAccount, listAccounts, rotateSecret, updateAccount, type AccountInput, type AccountPatch, type ApiAccountView } from './accounts';
import { listClientScriptRequests, registerClientScriptRoutes, startSessionFromJump, type StartFromJumpInput } from './clientScript';
import { registerCommandRoutes } from './command';
import { registerConfigRoutes } from './configApi';
import { registerControlRoutes } from './control';
import {
  createJumpGroup,
  createJumpItem,
  createJumpoint,
  createUser,
  defineCustomField,
  deleteJumpItem,
  updateJumpItem,
  updateUser,
  type UserPatch,
  type CustomFieldInput,
  type JumpGroupInput,
  type JumpItemInput,
  type JumpItemPatch,
  type JumpointInput,
  type UserInput,
} from './directory';
import { randomHex } from './ids';
import { getKnobs, setKnobs, type KnobsPatch, type PraKnobs } from './knobs';
import { createLargeSession, type LargeSessionInput } from './largeSession';
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
import { registerOAuthRoutes } from './oauth';
import {
  OutboundDispatcher,
  type DeliveryLogEntry,
  type QueueView,
  type RecipientInput,
  type RecipientPatch,
  type RecipientView,
} from './outbound';
import { importRawSession, replaceRawSession, type ImportSessionInput, type ReplaceSessionInput } from './rawSession';
import { SimError } from './input';
import { registerReportingRoutes } from './reporting';
import { CONTROL_PREFIX, countersView, recordRequest, resetRequestLog, type CountersView } from './requestLog';
import type { EventInput } from './sessionEvents';
import { SessionService, type CreateSessionInput, type EndSessionInput, type MemberInput, type SessionPatch, type SessionSummary } from './sessions';
import { exportPraRows, exportPraState, importPraState, joinPraRows, type PraSnapshot } from './snapshot';
import type { SnapshotRows } from '../shared/snapshotRows';
import { PraState } from './state';
import { configureTicketSystem, sendTicketRequest, type TicketRequestInput, type TicketSystemInput } from './ticketSystem';

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

const DEFAULT_IDLE_WAIT_MS = 5_000;

export function createPraSimulator(options: PraSimulatorOptions = {}): PraSimulator {
  const state = new PraState({
    publicHost: options.publicHost ?? 'pra.example.com',
    applianceId: options.applianceId ?? randomHex(32),
    apiVersion: options.apiVersion ?? '1.25.0',
    now: options.now ?? Date.now,
  });
  const faults = new FaultInjector();
  const outbound = new OutboundDispatcher(state);
  const sessions = new SessionService(state, (event, session, member) => outbound.enqueue(event, session, member));
  const listeners: Listening[] = [];
  const router = new Router();

  const updateKnobs = (patch: KnobsPatch): PraKnobs => {
    const knobs = setKnobs(state, faults, patch);
    outbound.kick();
    return knobs;
  };

  const sim: PraSimulator = {
    handler: createHandler({
      router,
      faults,
      controlPrefix: CONTROL_PREFIX,
      onRequest: (req, res) => recordRequest(state, req, res),
    }),
    state,
    faults,
    async listen(port = 0) {
      const listening = await listen(sim.handler, port);
      listeners.push(listening);
      return listening;
    },
    async close() {
      outbound.close();
      await Promise.all(listeners.splice(0).map((l) => l.close()));
    },

    reset() {
      outbound.stop();
      state.reset();
      faults.clear();
    },
    advanceClock: (ms) => {
      updateKnobs({ clockOffsetMs: state.knobs.clockOffsetMs + ms });
      return state.now();
    },
    getKnobs: () => getKnobs(state, faults),
    setKnobs: updateKnobs,

    createAccount: (input) => createAccount(state, input),
    updateAccount: (clientId, patch) => updateAccount(state, clientId, patch),
    rotateSecret: (clientId, newSecret) => rotateSecret(state, clientId, newSecret),
    listAccounts: () => listAccounts(state),

    createUser: (input) => createUser(state, input),
    listUsers: () => [...state.users.values()],
    createJumpGroup: (input) => createJumpGroup(state, input),
    listJumpGroups: () => [...state.jumpGroups.values()],
    createJumpoint: (input) => createJumpoint(state, input),
    listJumpoints: () => [...state.jumpoints.values()],
    createJumpItem: (input) => createJumpItem(state, input),
    updateJumpItem: (id, patch) => updateJumpItem(state, id, patch),
    deleteJumpItem: (id) => deleteJumpItem(state, id),
    listJumpItems: () => [...state.jumpItems.values()],
    defineCustomField: (input) => defineCustomField(state, input),
    listCustomFields: () => [...state.customFields.values()],

    createSession: (input) => sessions.create(input),
    getSession: (lsid) => sessions.get(lsid),
    listSessions: () => sessions.list(),
    addEvent: (lsid, event) => sessions.addEvents(lsid, [event]),
    addEvents: (lsid, events) => sessions.addEvents(lsid, events),
    addMember: (lsid, input) => sessions.addMember(lsid, input),
    removeMember: (lsid, username) => sessions.removeMember(lsid, username),
    changeOwner: (lsid, username) => sessions.changeOwner(lsid, username),
    updateSession: (lsid, patch) => sessions.update(lsid, patch),
    endSession: (lsid, input) => sessions.end(lsid, input),
    deleteSession(lsid) {
      if (!state.sessions.delete(lsid)) throw new SimError(404, `No session with lsid ${lsid}`);
    },
    replaceSessionXml: (lsid, input) => replaceRawSession(state, lsid, input),
    completeSession(lsid) {
      const session = state.sessions.get(lsid);
      if (!session) throw new SimError(404, `No session with lsid ${lsid}`);
      delete session.inProgressFetchesLeft;
      return session;
    },
    updateUser: (username, patch) => updateUser(state, username, patch),
    importSessionXml: (input) => importRawSession(state, sessions, typeof input === 'string' ? { xml: input } : input),
    createLargeSession: (input) => createLargeSession(state, sessions, input),

    addRecipient: (input) => outbound.addRecipient(input),
    updateRecipient: (id, patch) => outbound.updateRecipient(id, patch),
    removeRecipient: (id) => outbound.removeRecipient(id),
    listRecipients: () => outbound.listRecipients(),
    outboundLog: (recipientId) => outbound.log(recipientId),
    outboundQueue: (recipientId) => outbound.queue(recipientId),
    pauseOutbound: () => updateKnobs({ outboundPaused: true }),
    resumeOutbound: () => updateKnobs({ outboundPaused: false }),
    waitForOutboundIdle: (timeoutMs = DEFAULT_IDLE_WAIT_MS) => outbound.waitForIdle(timeoutMs),

    configureTicketSystem: (input) => configureTicketSystem(state, input),
    sendTicketRequest: (input) => sendTicketRequest(state, input),
    ticketLog: () => [...state.ticketLog],

    listClientScriptRequests: () => listClientScriptRequests(state),
    startSessionFromJump: (requestId, input) => startSessionFromJump(state, sessions, requestId, input),

    requestLog: () => [...state.requestLog],
    counters: () => countersView(state),
    resetRequestLog: () => resetRequestLog(state),

    exportState: () => exportPraState(state, faults.latencyMs),
    exportRows: () => exportPraRows(state, faults.latencyMs),
    joinRows: joinPraRows,
    importState(snapshot) {
      outbound.stop();
      const { latencyMs } = importPraState(state, snapshot);
      faults.latencyMs = latencyMs;
      outbound.kick();
    },
  };

  registerOAuthRoutes(router, state);
  router.get('/check_health', () =>
    state.knobs.healthy ? { status: 200, body: 'OK' } : { status: 500, body: 'The appliance is not healthy.' },
  );
  registerCommandRoutes(router, state, sessions);
  registerReportingRoutes(router, state);
  registerClientScriptRoutes(router, state);
  registerConfigRoutes(router, state);
  registerControlRoutes(router, sim);
  return sim;
}

export type { PraState } from './state';
export type * from './model';
export type { PraKnobs, KnobsPatch, ReportLagMode } from './knobs';
export type { AccountInput, AccountPatch, ApiAccountView } from './accounts';
export type { CustomFieldInput, JumpGroupInput, JumpItemInput, JumpItemPatch, JumpItemRef, JumpointInput, UserInput, UserRef } from './directory';
export type { CreateSessionInput, EndSessionInput, MemberInput, SessionPatch, SessionSummary } from './sessions';
export type { ActorRef, EventInput } from './sessionEvents';
export type { ImportSessionInput } from './rawSession';
export type { LargeSessionInput } from './largeSession';
export type { DeliveryLogEntry, QueueView, RecipientInput, RecipientPatch, RecipientView } from './outbound';
export type { TicketRequestInput, TicketSystemInput } from './ticketSystem';
export type { StartFromJumpInput } from './clientScript';
export type { CountersView } from './requestLog';
export type { PraSnapshot } from './snapshot';
export { buildLargeSessionEvents } from './largeSession';
export { SimError } from './input';
