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
import type { SandboxWorld } from './world';
import { SITE_URL } from './world';

export interface SandboxContext {
  world(): SandboxWorld;
  publicUrl: string;
  databaseFile: string | undefined;
  startedAt: number;
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

const WaitIdle = z.object({ timeoutMs: z.number().int().positive().max(120_000).optional() }).strict();

function parse<S extends z.ZodType>(schema: S, req: SimRequest): z.output<S> {
  const body = req.rawBody.length ? req.json() : {};
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, { error: z.prettifyError(result.error) });
  return result.data;
}

const ROLE_OF: Record<string, string> = Object.fromEntries(Object.entries(DEMO.users).map(([role, id]) => [id, role]));

/** Waits until PRA has no outbound event queued and the app's queue has nothing pending or running. */
async function waitIdle(world: SandboxWorld, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const open = () => world.host.queue.list().filter((e) => e.state === 'pending' || e.state === 'running').length;
  // Settled when both are quiet twice in a row: an import can make PRA send nothing new, but a delivery can queue an import.
  let quietRounds = 0;
  while (quietRounds < 2) {
    if (Date.now() >= deadline) return false;
    const outboundIdle = world.pra.getKnobs().outboundPaused || (await world.pra.waitForOutboundIdle(left()));
    const queueIdle = await world.host.queue.idle(left()).then(
      () => true,
      () => false,
    );
    quietRounds = outboundIdle && queueIdle && open() === 0 ? quietRounds + 1 : 0;
  }
  return true;
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
      return json(500, { ok: false, error: (error as Error).message });
    }
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
    const { timeoutMs = 20_000 } = parse(WaitIdle, req);
    return json(200, { idle: await waitIdle(ctx.world(), timeoutMs) });
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
