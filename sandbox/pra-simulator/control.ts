/**
 * The control API under /__sim/ (JSON in and out, never faulted or delayed): a thin HTTP front door over the
 * simulator's typed methods. Documented in docs/pra-simulator.md; a stable contract.
 */
import { z } from 'zod';
import { json, type Router, type SimRequest, type SimResponse } from '../shared/http';
import type { PraSimulator } from './simulator';
import { parseInput } from './input';
import type { EventInput } from './sessionEvents';

const P = '/__sim';

const ok = (body: unknown = { ok: true }): SimResponse => json(200, body);
const created = (body: unknown): SimResponse => json(201, body);

/** The JSON body (empty body = {}). */
function body<T>(req: SimRequest): T {
  return (req.rawBody.length === 0 ? {} : req.json()) as T;
}

const FaultRuleSchema = z
  .object({
    id: z.string().optional(),
    path: z.string().optional(),
    method: z.string().optional(),
    query: z.record(z.string(), z.string()).optional(),
    status: z.number().int().min(100).max(599).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
    delayMs: z.number().nonnegative().optional(),
    count: z.number().int().positive().optional(),
    destroy: z.boolean().optional(),
    dropResponse: z.boolean().optional(),
  })
  .strict();

const AdvanceSchema = z.object({ ms: z.number() }).strict();
const RotateSchema = z.object({ clientSecret: z.string().min(1).optional() }).strict();
const OwnerSchema = z.object({ username: z.string().min(1) }).strict();
const WaitSchema = z.object({ timeoutMs: z.number().positive().max(60_000).optional() }).strict();

function numericId(req: SimRequest): number {
  return Number(req.params.id);
}

/** `recipient` query parameter, if given. */
const recipientFilter = (req: SimRequest) => req.query.get('recipient') ?? undefined;

export function registerControlRoutes(router: Router, sim: PraSimulator): void {
  router.get(`${P}/info`, () =>
    ok({ publicHost: sim.state.publicHost, applianceId: sim.state.applianceId, apiVersion: sim.state.apiVersion, now: sim.state.now() }),
  );
  router.post(`${P}/reset`, () => {
    sim.reset();
    return ok();
  });

  // knobs, clock, faults
  router.get(`${P}/knobs`, () => ok(sim.getKnobs()));
  router.on('PATCH', `${P}/knobs`, (req) => ok(sim.setKnobs(body(req))));
  router.post(`${P}/clock/advance`, (req) => ok({ now: sim.advanceClock(parseInput(AdvanceSchema, body(req)).ms) }));
  router.get(`${P}/faults`, () => ok(sim.faults.list()));
  router.post(`${P}/faults`, (req) => created(sim.faults.add(parseInput(FaultRuleSchema, body(req)))));
  router.delete(`${P}/faults`, () => {
    sim.faults.clear();
    return ok();
  });

  // API accounts
  router.get(`${P}/accounts`, () => ok(sim.listAccounts()));
  router.post(`${P}/accounts`, (req) => created(sim.createAccount(body(req))));
  router.on('PATCH', `${P}/accounts/:clientId`, (req) => ok(sim.updateAccount(req.params.clientId ?? '', body(req))));
  router.post(`${P}/accounts/:clientId/rotate-secret`, (req) =>
    ok(sim.rotateSecret(req.params.clientId ?? '', parseInput(RotateSchema, body(req)).clientSecret)),
  );

  // directory
  router.get(`${P}/users`, () => ok(sim.listUsers()));
  router.post(`${P}/users`, (req) => created(sim.createUser(body(req))));
  router.on('PATCH', `${P}/users/:username`, (req) => ok(sim.updateUser(req.params.username ?? '', body(req))));
  router.get(`${P}/jump-groups`, () => ok(sim.listJumpGroups()));
  router.post(`${P}/jump-groups`, (req) => created(sim.createJumpGroup(body(req))));
  router.get(`${P}/jumpoints`, () => ok(sim.listJumpoints()));
  router.post(`${P}/jumpoints`, (req) => created(sim.createJumpoint(body(req))));
  router.get(`${P}/jump-items`, () => ok(sim.listJumpItems()));
  router.post(`${P}/jump-items`, (req) => created(sim.createJumpItem(body(req))));
  router.on('PATCH', `${P}/jump-items/:id`, (req) => ok(sim.updateJumpItem(numericId(req), body(req))));
  router.delete(`${P}/jump-items/:id`, (req) => {
    sim.deleteJumpItem(numericId(req));
    return ok();
  });
  router.get(`${P}/custom-fields`, () => ok(sim.listCustomFields()));
  router.post(`${P}/custom-fields`, (req) => created(sim.defineCustomField(body(req))));

  // sessions
  router.get(`${P}/sessions`, () => ok(sim.listSessions()));
  router.post(`${P}/sessions`, (req) => created(sim.createSession(body(req))));
  router.post(`${P}/sessions/import`, (req) => created(sim.importSessionXml(body(req))));
  router.post(`${P}/sessions/large`, (req) => created(sim.createLargeSession(body(req))));
  router.get(`${P}/sessions/:lsid`, (req) => ok(sim.getSession(req.params.lsid ?? '')));
  router.delete(`${P}/sessions/:lsid`, (req) => {
    sim.deleteSession(req.params.lsid ?? '');
    return ok();
  });
  router.put(`${P}/sessions/:lsid/raw`, (req) => ok(sim.replaceSessionXml(req.params.lsid ?? '', body(req))));
  router.post(`${P}/sessions/:lsid/complete`, (req) => ok(sim.completeSession(req.params.lsid ?? '')));
  router.on('PATCH', `${P}/sessions/:lsid`, (req) => ok(sim.updateSession(req.params.lsid ?? '', body(req))));
  router.post(`${P}/sessions/:lsid/events`, (req) => {
    const input = body<{ events?: EventInput[] } & EventInput>(req);
    return ok(sim.addEvents(req.params.lsid ?? '', Array.isArray(input.events) ? input.events : [input]));
  });
  router.post(`${P}/sessions/:lsid/members`, (req) => ok(sim.addMember(req.params.lsid ?? '', body(req))));
  router.delete(`${P}/sessions/:lsid/members/:username`, (req) =>
    ok(sim.removeMember(req.params.lsid ?? '', req.params.username ?? '')),
  );
  router.post(`${P}/sessions/:lsid/owner`, (req) =>
    ok(sim.changeOwner(req.params.lsid ?? '', parseInput(OwnerSchema, body(req)).username)),
  );
  router.post(`${P}/sessions/:lsid/end`, (req) => ok(sim.endSession(req.params.lsid ?? '', body(req))));

  // outbound events
  router.get(`${P}/outbound/recipients`, () => ok(sim.listRecipients()));
  router.post(`${P}/outbound/recipients`, (req) => created(sim.addRecipient(body(req))));
  router.on('PATCH', `${P}/outbound/recipients/:id`, (req) => ok(sim.updateRecipient(req.params.id ?? '', body(req))));
  router.delete(`${P}/outbound/recipients/:id`, (req) => {
    sim.removeRecipient(req.params.id ?? '');
    return ok();
  });
  router.get(`${P}/outbound/log`, (req) => ok(sim.outboundLog(recipientFilter(req))));
  router.get(`${P}/outbound/queue`, (req) => ok(sim.outboundQueue(recipientFilter(req))));
  router.post(`${P}/outbound/pause`, () => ok(sim.pauseOutbound()));
  router.post(`${P}/outbound/resume`, () => ok(sim.resumeOutbound()));
  router.post(`${P}/outbound/wait-idle`, async (req) =>
    ok({ idle: await sim.waitForOutboundIdle(parseInput(WaitSchema, body(req)).timeoutMs) }),
  );

  // ticket system
  router.get(`${P}/ticket-system`, () => ok({ ...sim.state.ticketSystem }));
  router.put(`${P}/ticket-system`, (req) => ok(sim.configureTicketSystem(body(req))));
  router.post(`${P}/ticket-system/requests`, async (req) => ok(await sim.sendTicketRequest(body(req))));
  router.get(`${P}/ticket-system/log`, () => ok(sim.ticketLog()));

  // client scripting
  router.get(`${P}/client-script/requests`, () => ok(sim.listClientScriptRequests()));
  router.post(`${P}/client-script/requests/:id/start-session`, (req) =>
    created(sim.startSessionFromJump(req.params.id ?? '', body(req))),
  );

  // request log and counters
  router.get(`${P}/requests`, () => ok(sim.requestLog()));
  router.get(`${P}/counters`, () => ok(sim.counters()));
  router.delete(`${P}/requests`, () => {
    sim.resetRequestLog();
    return ok();
  });
}
