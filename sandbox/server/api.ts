/**
 * The sandbox's scripting API under /sandbox/api (docs/sandbox.md; a stable contract for acceptance tests
 * outside this repository): health, the integration URLs, resolvers invoked as a user, scheduled triggers,
 * waiting until the integration is idle, reset, and the lists the console shows. The simulators' own
 * control APIs are at /pra/__sim and /jira/__sim.
 */
import { z } from 'zod';
import { createHandler, HttpError, json, Router, type NodeHandler, type SimRequest } from '../shared/http';
import { DEMO } from '../jira-simulator/seed';
import { PRA_DEMO } from '../demo/praSeed';
import { DEMO_CASES } from './demoSetup';
import { isNeedsAuthentication } from '../forge-host';
import { getRecord, LSID_PATTERN } from '../../src/import/ledger';
import type { SandboxWorld } from './world';
import { SITE_URL } from './world';

export interface SandboxContext {
  world(): SandboxWorld;
  publicUrl: string;
  databaseFile: string | undefined;
  startedAt: number;
  /** Set when the sandbox listens beyond loopback (the URLs below carry their tokens). */
  tokenWarning?: string;
  reset(): Promise<void>;
}

const ResolverCall = z
  .object({
    moduleKey: z.string().min(1),
    functionKey: z.string().min(1),
    payload: z.record(z.string(), z.unknown()).optional(),
    accountId: z.string().min(1).optional(),
    extension: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** No cap beyond a day: long retry chains and slow time scales are the caller's choice. */
const WaitIdle = z
  .object({ timeoutMs: z.number().int().positive().max(86_400_000).optional(), includeScheduled: z.boolean().optional() })
  .strict();
const TimeScale = z.object({ queueDelayScale: z.number().positive().max(1000) }).strict();
const FUNCTION_FOR_READS = { functionKey: 'reconcile-fn', moduleType: 'scheduledTrigger' as const, moduleKey: 'reconcile-sessions' };
/** Moves every clock of the sandbox together: by `advanceMs`, to the instant `at`, or back to real time (`reset`). */
const ClockMove = z
  .object({ advanceMs: z.number().int().optional(), at: z.iso.datetime({ offset: true }).optional(), reset: z.literal(true).optional() })
  .strict()
  .refine((m) => [m.advanceMs, m.at, m.reset].filter((v) => v !== undefined).length === 1, { message: 'Send exactly one of advanceMs, at or reset.' });

function clockView(world: SandboxWorld) {
  const app = world.host.appNow();
  return {
    now: app,
    iso: new Date(app).toISOString(),
    offsetMs: world.host.clockOffsetMs,
    pra: { now: world.pra.getKnobs().clockOffsetMs + Date.now(), offsetMs: world.pra.getKnobs().clockOffsetMs },
    jira: world.jira.clock(),
  };
}


function parse<S extends z.ZodType>(schema: S, req: SimRequest): z.output<S> {
  const body = req.rawBody.length ? req.json() : {};
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, { error: z.prettifyError(result.error) });
  return result.data;
}

function consentAccount(req: SimRequest): string {
  const accountId = req.params.accountId ?? '';
  if (!accountId || accountId.length > 128) throw new HttpError(400, { error: 'An accountId is required (at most 128 characters).' });
  return accountId;
}

const ROLE_OF: Record<string, string> = Object.fromEntries(Object.entries(DEMO.users).map(([role, id]) => [id, role]));

const openEvents = (world: SandboxWorld) => world.host.queue.list(10_000).filter((e) => e.state === 'pending' || e.state === 'running');

/**
 * Waits until PRA has no outbound event queued and the app's queue has nothing pending or running. With
 * `includeScheduled: false`, events waiting for a later retry do not count: idle = nothing to do now.
 */
async function waitIdle(world: SandboxWorld, timeoutMs: number, includeScheduled: boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const busyNow = () => openEvents(world).filter((e) => e.state === 'running' || e.dueAt <= Date.now()).length;
  // Settled when both are quiet twice in a row: an import can make PRA send nothing new, but a delivery can queue an import.
  let quietRounds = 0;
  while (quietRounds < 2) {
    if (Date.now() >= deadline) return false;
    const outboundIdle = world.pra.getKnobs().outboundPaused || (await world.pra.waitForOutboundIdle(left()));
    let queueIdle: boolean;
    if (includeScheduled) {
      queueIdle = await world.host.queue.idle(left()).then(
        () => true,
        () => false,
      );
      queueIdle &&= openEvents(world).length === 0;
    } else {
      while (busyNow() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      queueIdle = busyNow() === 0;
    }
    quietRounds = outboundIdle && queueIdle ? quietRounds + 1 : 0;
    if (!includeScheduled && quietRounds > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** An import as the scripting API shows it: the ledger record, its queue event and what it wrote. */
async function importView(world: SandboxWorld, lsid: string) {
  const record = await world.host.runAs(FUNCTION_FOR_READS, () => getRecord(lsid));
  const events = world.host.queue.list(10_000).filter((e) => e.queueName === 'session-import' && e.body.lsid === lsid);
  if (!record && events.length === 0) return undefined;
  const open = events.find((e) => e.state === 'pending' || e.state === 'running');
  const comments = record?.progress.comments ?? {};
  const attachments = record?.progress.attachments ?? {};
  return {
    lsid,
    status: record?.status ?? null,
    source: record?.source ?? null,
    ticketKey: record?.ticketKey ?? null,
    reason: record?.reason ?? null,
    attempts: record?.attempts ?? 0,
    notReadyAttempts: record?.notReadyAttempts ?? 0,
    rateLimited: record?.rateLimited ?? 0,
    generation: record?.generation ?? null,
    receivedAt: record?.receivedAt ?? null,
    updatedAt: record?.updatedAt ?? null,
    completedAt: record?.completedAt ?? null,
    queue: open ? { state: open.state, retryCount: open.retryCount, dueAt: new Date(open.dueAt).toISOString(), lastError: open.lastError } : null,
    nextRetryAt: open && open.state === 'pending' && open.retryCount > 0 ? new Date(open.dueAt).toISOString() : null,
    deliveries: events.length,
    parts: { planned: record?.plan?.parts ?? null, written: Object.keys(comments).length, commentIds: comments },
    attachments: { planned: record?.plan ? record.plan.files.length + (record.plan.recordingFile ? 1 : 0) : null, written: Object.keys(attachments).length, ids: attachments },
  };
}

/** `2026-12-04 22:00 – 2026-12-04 23:00 UTC` from a ticket's Planned start / Planned end, or null. */
function plannedWindow(state: SandboxWorld['jira']['state'], issue: { issueTypeId: string; custom: Record<string, unknown> }): string | null {
  const fields = state.fieldsOnIssueType(issue.issueTypeId).filter((f) => f.type === 'datetime');
  const value = (name: string) => {
    const field = fields.find((f) => f.name === name);
    const ms = field ? issue.custom[field.id] : undefined;
    return typeof ms === 'number' ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : undefined;
  };
  const start = value('Planned start');
  const end = value('Planned end');
  return start && end ? `${start} – ${end} UTC` : null;
}

export function createApiHandler(ctx: SandboxContext): NodeHandler {
  const router = new Router();

  router.get('/health', () => {
    const world = ctx.world();
    const queue = world.host.queue.list();
    return json(200, {
      ok: true,
      publicUrl: ctx.publicUrl,
      persistence: ctx.databaseFile ?? null,
      lastSave: world.lastSave ? { ...world.lastSave, at: new Date(world.lastSave.at).toISOString(), ms: Math.round(world.lastSave.ms * 10) / 10 } : null,
      startedAt: new Date(ctx.startedAt).toISOString(),
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 1000),
      queue: { pending: queue.filter((e) => e.state === 'pending').length, running: queue.filter((e) => e.state === 'running').length },
      pra: { sessions: world.pra.listSessions().length, outboundPending: world.pra.outboundQueue().length },
      jira: { issues: world.jira.state.issues.size },
    });
  });

  router.get('/urls', async () => {
    const urls = await ctx.world().urls();
    return json(200, {
      console: `${ctx.publicUrl}/`,
      outboundEventUrl: urls?.outboundEventUrl ?? null,
      endpointApprovalUrl: urls?.endpointApprovalUrl ?? null,
      customLinkUrl: urls?.customLinkUrl ?? null,
      praPublicOrigin: `https://${PRA_DEMO.host}`,
      siteUrl: SITE_URL,
      forge: `${ctx.publicUrl}/forge`,
      pra: `${ctx.publicUrl}/pra`,
      jira: `${ctx.publicUrl}/jira`,
      api: `${ctx.publicUrl}/sandbox/api`,
      ...(ctx.tokenWarning ? { warning: ctx.tokenWarning } : {}),
    });
  });

  router.post('/resolver', async (req) => {
    const call = parse(ResolverCall, req);
    const world = ctx.world();
    try {
      world.host.uiModule(call.moduleKey);
    } catch (error) {
      throw new HttpError(404, { ok: false, error: (error as Error).message });
    }
    try {
      const result = await world.host.invokeResolver(call);
      return json(200, { ok: true, result: result ?? null });
    } catch (error) {
      // The user has not allowed the app: Jira would show the module's "Allow access" prompt.
      if (isNeedsAuthentication(error)) return json(401, { ok: false, error: (error as Error).message, needsAuthentication: true });
      return json(500, { ok: false, error: (error as Error).message });
    }
  });

  router.get('/consent', () => {
    const world = ctx.world();
    return json(200, { required: world.host.userConsent.required, users: world.host.userConsent.list() });
  });
  router.put('/consent/:accountId', (req) => {
    const accountId = consentAccount(req);
    ctx.world().host.userConsent.grant(accountId);
    return json(200, { accountId, consented: true });
  });
  router.delete('/consent/:accountId', (req) => {
    const accountId = consentAccount(req);
    const revoked = ctx.world().host.userConsent.revoke(accountId);
    return json(200, { accountId, consented: false, revoked });
  });

  router.post('/reset', async () => {
    await ctx.reset();
    return json(200, { ok: true });
  });

  router.get('/scheduled', () => {
    const world = ctx.world();
    return json(200, { triggers: world.host.manifest.scheduledTriggers, runs: world.scheduled.runs });
  });
  router.post('/scheduled/:key/run', async (req) => {
    const world = ctx.world();
    if (!world.scheduled.keys().includes(req.params.key ?? '')) throw new HttpError(404, { error: `manifest.yml has no scheduled trigger "${req.params.key}"` });
    const run = await world.scheduled.run(req.params.key!);
    return json(run.ok ? 200 : 500, run);
  });

  // The clock: the app's notion of now (the Forge host) and both simulators', moved together.
  router.get('/clock', () => json(200, clockView(ctx.world())));
  router.post('/clock', (req) => {
    const move = parse(ClockMove, req);
    const world = ctx.world();
    const delta =
      move.advanceMs ?? (move.at !== undefined ? Date.parse(move.at.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) - world.host.appNow() : -world.host.clockOffsetMs);
    world.host.clockOffsetMs += delta;
    world.pra.advanceClock(delta);
    world.jira.advanceClock(delta);
    world.markDirty();
    return json(200, clockView(world));
  });

  router.post('/wait-idle', async (req) => {
    const { timeoutMs = 20_000, includeScheduled = true } = parse(WaitIdle, req);
    const world = ctx.world();
    const idle = await waitIdle(world, timeoutMs, includeScheduled);
    const open = openEvents(world);
    const next = open.filter((e) => e.state === 'pending').sort((a, b) => a.dueAt - b.dueAt)[0];
    // Without scheduled retries, idle does not mean "nothing left": say what is still scheduled.
    return json(200, includeScheduled ? { idle } : { idle, open: open.length, nextDueAt: next ? new Date(next.dueAt).toISOString() : null });
  });

  router.get('/imports/:lsid', async (req) => {
    const lsid = (req.params.lsid ?? '').toLowerCase();
    if (!LSID_PATTERN.test(lsid)) throw new HttpError(400, { error: 'An lsid is 32 hexadecimal digits.' });
    const view = await importView(ctx.world(), lsid);
    if (!view) throw new HttpError(404, { error: `No import of session ${lsid} is known.` });
    return json(200, view);
  });

  router.get('/time-scale', () => json(200, { queueDelayScale: ctx.world().host.queue.delayScale }));
  router.put('/time-scale', (req) => {
    const { queueDelayScale } = parse(TimeScale, req);
    ctx.world().host.queue.setDelayScale(queueDelayScale);
    return json(200, { queueDelayScale });
  });

  router.get('/invocations', (req) => {
    const limit = Math.min(1000, Math.max(1, Number(req.query.get('limit') ?? '100') || 100));
    const functionKey = req.query.get('functionKey');
    const figures = ctx.world().host.invocations.filter((f) => !functionKey || f.functionKey === functionKey);
    return json(200, figures.slice(-limit).reverse());
  });

  router.get('/people', () => {
    const world = ctx.world();
    const praByEmail = new Map(world.pra.listUsers().map((u) => [u.email.toLowerCase(), u.username]));
    const people = [...world.jira.state.users.values()]
      .filter((u) => u.accountType !== 'app')
      .map((u) => ({
        accountId: u.accountId,
        displayName: u.displayName,
        emailAddress: u.emailAddress ?? '',
        emailVisible: u.emailVisible,
        accountType: u.accountType,
        jiraAdmin: u.groups.includes('jira-administrators'),
        praUsername: (u.emailAddress && praByEmail.get(u.emailAddress.toLowerCase())) ?? null,
        role: ROLE_OF[u.accountId] ?? 'user',
      }));
    return json(200, people);
  });

  router.get('/issues', () => {
    const { state } = ctx.world().jira;
    const issues = [...state.issues.values()].map((issue) => {
      const status = state.statuses.get(issue.statusId);
      const assets: string[] = [];
      for (const field of state.fieldsOnIssueType(issue.issueTypeId)) {
        const value = issue.custom[field.id];
        if (field.type === 'text' && typeof value === 'string' && value) assets.push(`${value} (${field.name})`);
        if (field.type === 'assets' && Array.isArray(value)) {
          for (const id of value) {
            const object = state.assetObjects.get(String(id));
            const labelAttribute = object && state.assetObjectTypes.get(object.typeId)?.attributes.find((a) => a.label);
            const label = labelAttribute ? object.values.get(labelAttribute.id)?.[0] : undefined;
            if (object) assets.push(`${label ? `${label} = ` : ''}${object.objectKey} (${field.name})`);
          }
        }
      }
      return {
        key: issue.key,
        summary: issue.summary,
        status: status?.name ?? issue.statusId,
        statusCategory: status?.category ?? 'undefined',
        assignee: issue.assigneeId,
        assigneeName: issue.assigneeId ? (state.users.get(issue.assigneeId)?.displayName ?? null) : null,
        assets,
        note: DEMO_CASES[issue.key] ?? '',
        changeWindow: plannedWindow(state, issue),
      };
    });
    return json(200, issues);
  });

  router.get('/modules', () =>
    json(
      200,
      ctx.world().host.manifest.uiModules.map((m) => ({ key: m.key, type: m.type, title: m.title ?? null, resource: m.resource, render: m.render === 'native' ? 'native' : 'custom' })),
    ),
  );

  router.get('/logs', (req) => {
    const limit = Math.min(1000, Math.max(1, Number(req.query.get('limit') ?? 200) || 200));
    return json(200, ctx.world().host.logs.slice(-limit));
  });

  return createHandler({ router, maxBodyBytes: 1024 * 1024 });
}
