/**
 * BeyondTrust PRA appliance simulator: OAuth, command, reporting, client scripting and configuration APIs,
 * outbound events, the Jump Policy ticket-system caller, and a control API under /__sim/ (docs/pra-simulator.md).
 * The typed methods below and the control endpoints are two front doors to the same implementation.
 */
import { createHandler, FaultInjector, listen, Router, type Listening } from '../shared/http';
import { createAccount, listAccounts, rotateSecret, updateAccount } from './accounts';
import { listClientScriptRequests, registerClientScriptRoutes, startSessionFromJump } from './clientScript';
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
} from './directory';
import { randomHex } from './ids';
import { getKnobs, setKnobs, type KnobsPatch, type PraKnobs } from './knobs';
import { createLargeSession } from './largeSession';
import { registerOAuthRoutes } from './oauth';
import { OutboundDispatcher } from './outbound';
import { importRawSession, replaceRawSession } from './rawSession';
import { SimError } from './input';
import { registerReportingRoutes } from './reporting';
import { CONTROL_PREFIX, countersView, recordRequest, resetRequestLog } from './requestLog';
import { SessionService } from './sessions';
import { exportPraRows, exportPraState, importPraState, joinPraRows } from './snapshot';
import { PraState } from './state';
import type { PraSimulator, PraSimulatorOptions } from './simulator';
import { configureTicketSystem, sendTicketRequest } from './ticketSystem';

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

export type { PraSimulator, PraSimulatorOptions } from './simulator';
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
