/**
 * The sandbox server (`startSandbox`, what `npm start` and `npm run demo` run) over HTTP on one port:
 * the scripted demo flow, the scripting API (docs/sandbox.md), the /pra mount's redirects and pages, and
 * persistence in the SQLite file across restarts, `--reset` and `POST /sandbox/api/reset`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { carriedOverNotices } from '../../../sandbox/server/notices';
import { APPROVAL_CASES, runDemoFlow } from '../../../sandbox/demo/flow';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { banner } from '../../../sandbox/server/banner';
import { isLoopbackOnly, tokenExposureWarning } from '../../../sandbox/server/tokenExposure';

/** A stand-in console build: these tests check the routing, the browser test the pages. */
function fakeConsole(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(dir, 'uikit.html'), '<!doctype html><title>uikit</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {};');
  return dir;
}

const consoleDir = fakeConsole();
const dirs: string[] = [consoleDir];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const start = (options: Parameters<typeof startSandbox>[0] = {}) => startSandbox({ port: 0, dataDir: null, consoleDir, queueDelayScale: 0.001, ...options });

async function call<T = any>(s: Sandbox, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${s.url}${p}`, {
    method,
    redirect: 'manual',
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

const SPEC_DENIALS: Record<string, string> = {
  'SD-2': 'The user that initiated the PRA session does not match the assignee of ticket [SD-2].',
  'SD-999': 'The specified ticket, [SD-999], could not be found. Please provide a valid ticket number.',
  'SD-3': 'The specified ticket, [SD-3], is not assigned to anyone.',
};

describe('a fresh in-memory sandbox', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(() => s.close());

  it('is seeded, configured, and PRA points at the app URLs it reports', async () => {
    const health = await call(s, 'GET', '/sandbox/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, persistence: null, jira: { issues: 11 } });
    const urls = (await call(s, 'GET', '/sandbox/api/urls')).body;
    expect(urls.outboundEventUrl).toMatch(new RegExp(`^${s.url}/forge/public/[0-9a-f-]+\\?token=`));
    expect(urls.endpointApprovalUrl).toMatch(new RegExp(`^${s.url}/forge/public/[0-9a-f-]+\\?token=`));
    expect(urls).toMatchObject({ praPublicOrigin: 'https://pra.example.com', siteUrl: 'https://sandbox.atlassian.net', customLinkUrl: 'https://sandbox.atlassian.net/browse/%SESSION.CUSTOM.EXTERNAL_KEY%' });
    const recipients = (await call(s, 'GET', '/pra/__sim/outbound/recipients')).body;
    expect(recipients.map((r: { url: string; events: string[] }) => [r.url, r.events])).toEqual([[urls.outboundEventUrl, ['support_conference_end']]]);
    expect((await call(s, 'GET', '/pra/__sim/ticket-system')).body.url).toBe(urls.endpointApprovalUrl);
    const config = await call(s, 'POST', '/sandbox/api/resolver', { moduleKey: 'pra-config-page', functionKey: 'getConfiguration', accountId: DEMO.users.admin });
    expect(config.body.result.view.validation.status).toBe('valid');
    // On loopback only: no token warning.
    expect(urls).not.toHaveProperty('warning');
    expect(s.tokenWarning).toBeUndefined();
    expect(banner(s, await s.urls(), true, false)).not.toMatch(/WARNING/);
  });

  it('keeps user consent: Casey has not allowed the app, the resolver answers 401 until PUT /sandbox/api/consent/<id>', async () => {
    const casey = DEMO.users.technician2;
    const consent = (await call(s, 'GET', '/sandbox/api/consent')).body;
    expect(consent.required).toBe(true);
    expect(consent.users.map((u: { accountId: string }) => u.accountId).sort()).toEqual(Object.values(DEMO.users).filter((id) => id !== casey).sort());
    const jump = { moduleKey: 'jump-to-asset', functionKey: 'getJumpInfo', accountId: casey, extension: { issue: { key: 'SD-8', id: '10007' } } };
    expect(await call(s, 'POST', '/sandbox/api/resolver', jump)).toMatchObject({ status: 401, body: { ok: false, error: 'Authentication Required', needsAuthentication: true } });
    expect(await call(s, 'PUT', `/sandbox/api/consent/${casey}`)).toMatchObject({ status: 200, body: { accountId: casey, consented: true } });
    expect(await call(s, 'POST', '/sandbox/api/resolver', jump)).toMatchObject({ status: 200, body: { ok: true, result: { ok: true } } });
    expect(await call(s, 'DELETE', `/sandbox/api/consent/${casey}`)).toMatchObject({ status: 200, body: { consented: false, revoked: true } });
    expect((await call(s, 'POST', '/sandbox/api/resolver', jump)).status).toBe(401);
    // The seeded Jira site has granted the app an Assets role.
    expect((await call(s, 'GET', '/jira/__sim/assets/app-role')).body).toEqual({ role: 'Users' });
  });

  it('runs the demo flow: approvals with the messages PRA users see, the Jump, the session, its import', async () => {
    const report = await runDemoFlow(s.url, { commentTimeoutMs: 20_000 });
    expect(report.approvals.map((a) => [a.ticketId, a.jumpItem, a.allowed])).toEqual(APPROVAL_CASES.map((c) => [c.ticketId, c.jumpItem, c.ticketId === 'SD-1' && c.jumpItem === 'WORKSTATION-01']));
    for (const a of report.approvals.filter((x) => SPEC_DENIALS[x.ticketId])) expect(a.message).toBe(SPEC_DENIALS[a.ticketId]);
    expect(report.approvals.find((a) => a.ticketId === 'SD-6')!.message).toMatch(/^The specified ticket, \[SD-6\], is not active/);
    expect(report.approvals.find((a) => a.ticketId === 'SD-1' && a.jumpItem === 'WEB01')!.message).toBe(
      'The specified ticket, [SD-1], does not appear to be associated with an asset named [WEB01].',
    );
    expect(report.jump).toMatchObject({ status: 302, location: `/pra/console?jump=${report.jump.requestId}` });
    expect(report.session).toMatchObject({ jumpItem: 'WORKSTATION-01', rep: 'arivera', externalKey: 'SD-1' });
    expect(report.comments.length).toBeGreaterThanOrEqual(1);
    expect(report.comments[0]).toMatchObject({ author: 'BeyondTrust Privileged Remote Access', title: 'BeyondTrust PRA session: WORKSTATION-01', part: 1 });
    expect(report.attachments.map((a) => [a.filename, a.size])).toEqual([[`pra-session-${report.session.lsid}-recording.mp4`, 256 * 1024]]);
    expect(report.msToFirstComment).toBeGreaterThanOrEqual(0);
  });

  it('invokes a resolver as the given user, and refuses bad calls', async () => {
    const asAlex = await call(s, 'POST', '/sandbox/api/resolver', { moduleKey: 'pra-config-page', functionKey: 'getConfiguration', accountId: DEMO.users.technician });
    expect(asAlex.body).toMatchObject({ ok: true, result: { ok: false, error: { code: 'FORBIDDEN' } } });
    expect((await call(s, 'POST', '/sandbox/api/resolver', { moduleKey: 'no-such-module', functionKey: 'x' })).status).toBe(404);
    expect((await call(s, 'POST', '/sandbox/api/resolver', { functionKey: 'x' })).status).toBe(400);
    expect((await call(s, 'POST', '/sandbox/api/resolver', { moduleKey: 'jump-to-asset', functionKey: 'x', extra: 1 })).status).toBe(400);
  });

  it('runs the scheduled reconciliation on demand: a session whose end event never left PRA is imported', async () => {
    await call(s, 'POST', '/pra/__sim/outbound/pause');
    const now = Math.floor(Date.now() / 1000);
    const session = (await call(s, 'POST', '/pra/__sim/sessions', { jumpItem: { name: 'WORKSTATION-01' }, rep: 'arivera', externalKey: 'SD-7', startTime: now - 1200 })).body;
    await call(s, 'POST', `/pra/__sim/sessions/${session.lsid}/end`, { endTime: now - 900 });
    const run = await call(s, 'POST', '/sandbox/api/scheduled/reconcile-sessions/run');
    expect(run.status).toBe(200);
    // The pass answers what it did (a scheduled trigger that returns no response is a 424 on Forge).
    expect(run.body).toMatchObject({ key: 'reconcile-sessions', ok: true, status: 204, result: { lagSeconds: 5, queued: 1, complete: true } });
    expect(run.body.result.listed).toBeGreaterThanOrEqual(1);
    expect(run.body.result.windowEnd).toBeGreaterThanOrEqual(now - 5);
    expect((await call(s, 'POST', '/sandbox/api/wait-idle', { timeoutMs: 20_000 })).body).toEqual({ idle: true });
    const comments = (await call(s, 'GET', '/jira/rest/api/3/issue/SD-7/comment?expand=properties', undefined, { Authorization: 'Bearer sim-app' })).body.comments;
    expect(comments.filter((c: any) => c.properties.some((p: any) => p.value?.lsid === session.lsid))).toHaveLength(1);
    expect((await call(s, 'POST', '/sandbox/api/scheduled/nope/run')).status).toBe(404);
    await call(s, 'POST', '/pra/__sim/outbound/resume');
    expect((await call(s, 'POST', '/sandbox/api/wait-idle', {})).body).toEqual({ idle: true });
  });

  it('has a short reconcile lag: "end a session, then run the reconciliation now" finds a session that ended seconds ago', async () => {
    await call(s, 'POST', '/pra/__sim/outbound/pause');
    const startAndEnd = async () => {
      const session = (await call(s, 'POST', '/pra/__sim/sessions', { jumpItem: { name: 'WEB01' }, rep: 'arivera', externalKey: 'SD-2' })).body;
      await call(s, 'POST', `/pra/__sim/sessions/${session.lsid}/end`, {});
      return session.lsid as string;
    };
    const secondsAgo = await startAndEnd();
    await new Promise((resolve) => setTimeout(resolve, 6_500)); // more than the sandbox's 5 s lag
    const justNow = await startAndEnd();
    const run = await call(s, 'POST', '/sandbox/api/scheduled/reconcile-sessions/run');
    expect(run.body).toMatchObject({ ok: true, result: { lagSeconds: 5, queued: 1 } });
    expect(run.body.result.error).toBeUndefined();
    expect((await call(s, 'POST', '/sandbox/api/wait-idle', { timeoutMs: 20_000 })).body).toEqual({ idle: true });
    const comments = (await call(s, 'GET', '/jira/rest/api/3/issue/SD-2/comment?expand=properties', undefined, { Authorization: 'Bearer sim-app' })).body.comments;
    const lsids = comments.flatMap((c: any) => c.properties.map((p: any) => p.value?.lsid));
    expect(lsids.filter((l: string) => l === secondsAgo)).toHaveLength(1);
    expect(lsids).not.toContain(justNow);
    await call(s, 'POST', '/pra/__sim/outbound/resume');
    expect((await call(s, 'POST', '/sandbox/api/wait-idle', {})).body).toEqual({ idle: true });
  });

  it('rewrites the appliance redirect into /pra and serves the console pages', async () => {
    const jump = await call(s, 'GET', '/pra/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=WEB01');
    expect(jump.status).toBe(302);
    expect(jump.headers.get('location')).toMatch(/^\/pra\/console\?jump=csr-\d+$/);
    const file = await call(s, 'GET', '/pra/api/client_script?type=rep&operation=generate&action=start_jump_item_session&search_string=WEB01');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="start_jump_item_session.brcs-pra"');
    for (const page of ['/', '/browse/SD-1', '/admin', '/pra/console?jump=csr-1', '/pra/login', '/pra/session_download?lsid=x']) {
      const res = await call(s, 'GET', page);
      expect([page, res.status, res.body]).toEqual([page, 200, '<!doctype html><title>console</title>']);
    }
    expect((await call(s, 'GET', '/uikit.html')).body).toContain('uikit');
    expect((await call(s, 'GET', '/assets/app.js')).headers.get('content-type')).toContain('javascript');
    expect((await call(s, 'GET', '/assets/../../etc/passwd')).status).toBe(404);
    expect((await call(s, 'GET', '/nothing-here')).status).toBe(404);
    expect((await call(s, 'GET', '/jira/rest/api/3/serverInfo')).body.baseUrl).toBe('https://sandbox.atlassian.net');
    expect((await call(s, 'GET', '/forge/__forge/health')).body).toEqual({ ok: true });
  });

  it('lists the people with their PRA usernames, the issues with what they show, and the UI modules', async () => {
    const people = (await call(s, 'GET', '/sandbox/api/people')).body;
    expect(people.find((p: any) => p.accountId === DEMO.users.technicianHiddenEmail)).toMatchObject({ displayName: 'Sam Patel', emailVisible: false, praUsername: 'spatel' });
    expect(people.find((p: any) => p.accountId === DEMO.users.admin)).toMatchObject({ jiraAdmin: true, praUsername: 'mlee', role: 'admin' });
    const issues = (await call(s, 'GET', '/sandbox/api/issues')).body;
    expect(issues.find((i: any) => i.key === 'SD-1')).toMatchObject({ assigneeName: 'Alex Rivera', assets: ['WORKSTATION-01 (Asset Name)', 'WORKSTATION-01 = ITSM-1 (Assets)'] });
    expect(issues.find((i: any) => i.key === 'SD-3').note).toContain('not assigned');
    const modules = (await call(s, 'GET', '/sandbox/api/modules')).body;
    expect(modules).toContainEqual({ key: 'jump-to-asset', type: 'jira:issueAction', title: 'Jump to Asset with BeyondTrust PRA', resource: 'jump-to-asset-ui', render: 'native' });
    expect(modules).toContainEqual(expect.objectContaining({ key: 'pra-config-page', type: 'jira:adminPage', render: 'custom' }));
  });
});

describe('the scripting API for outside tests (issue 13 item 6)', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(() => s.close());

  it('shows an import: status, attempts, the next retry, parts and attachments written; waits for scheduled retries or not', async () => {
    expect((await call(s, 'GET', '/sandbox/api/time-scale')).body).toEqual({ queueDelayScale: 0.001 });
    expect((await call(s, 'PUT', '/sandbox/api/time-scale', { queueDelayScale: 0 })).status).toBe(400);
    // Real-time retries for this test: Jira answers the first comment with 503 and Retry-After: 2.
    expect((await call(s, 'PUT', '/sandbox/api/time-scale', { queueDelayScale: 1 })).body).toEqual({ queueDelayScale: 1 });
    await call(s, 'POST', '/jira/__sim/faults', { path: '^/rest/api/3/issue/[^/]+/comment$', method: 'POST', status: 503, headers: { 'Retry-After': '2' }, count: 1 });
    const session = (
      await call(s, 'POST', '/pra/__sim/sessions', {
        jumpItem: { name: 'WORKSTATION-01' },
        rep: 'arivera',
        externalKey: 'SD-1',
        events: [{ eventType: 'Chat Message', performedBy: 'rep', body: 'Zoë\'s "C:\\Temp" 日本語 😀' }],
      })
    ).body;
    await call(s, 'POST', `/pra/__sim/sessions/${session.lsid}/end`, {});

    // Nothing to do now, but a retry is scheduled.
    const now = await call(s, 'POST', '/sandbox/api/wait-idle', { timeoutMs: 10_000, includeScheduled: false });
    expect(now.body.idle).toBe(true);
    expect(now.body.open).toBe(1);
    const waiting = (await call(s, 'GET', `/sandbox/api/imports/${session.lsid}`)).body;
    expect(waiting).toMatchObject({ lsid: session.lsid, ticketKey: 'SD-1', attempts: 1, parts: { written: 0 } });
    expect(Date.parse(waiting.nextRetryAt)).toBeGreaterThan(Date.now());
    expect(waiting.queue).toMatchObject({ state: 'pending', retryCount: 1 });

    const settled = await call(s, 'POST', '/sandbox/api/wait-idle', { timeoutMs: 150_000 });
    expect(settled.body).toEqual({ idle: true });
    expect((await call(s, 'POST', '/sandbox/api/wait-idle', { includeScheduled: false })).body).toEqual({ idle: true, open: 0, nextDueAt: null });
    const done = (await call(s, 'GET', `/sandbox/api/imports/${session.lsid}`)).body;
    expect(done).toMatchObject({ status: 'done', nextRetryAt: null, queue: null, deliveries: 1 });
    expect(done.parts.planned).toBeGreaterThanOrEqual(1);
    expect(done.parts.written).toBe(done.parts.planned);
    expect(done.attachments.written).toBe(done.attachments.planned);
    const comments = (await call(s, 'GET', '/jira/__sim/issues/SD-1')).body.comments.map((c: { id: string }) => c.id);
    for (const id of Object.values(done.parts.commentIds)) expect(comments).toContain(id);

    expect((await call(s, 'GET', '/sandbox/api/imports/0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await call(s, 'GET', '/sandbox/api/imports/not-an-lsid')).status).toBe(400);
    expect((await call(s, 'POST', '/sandbox/api/wait-idle', { timeoutMs: 200_000 })).status).toBe(200);
    await call(s, 'PUT', '/sandbox/api/time-scale', { queueDelayScale: 0.001 });
  }, 60_000);

  it('reports what each invocation of the app cost', async () => {
    const figures = (await call(s, 'GET', '/sandbox/api/invocations?functionKey=session-import-fn&limit=5')).body;
    expect(figures.length).toBeGreaterThanOrEqual(2);
    for (const f of figures) {
      expect(f).toMatchObject({ functionKey: 'session-import-fn', moduleType: 'consumer', ok: true });
      expect(f.elapsedMs).toBeGreaterThan(0);
      expect(Number.isInteger(f.heapUsedDeltaBytes)).toBe(true);
      expect(Number.isInteger(f.rssDeltaBytes)).toBe(true);
    }
    // newest first
    expect(Date.parse(figures[0].startedAt)).toBeGreaterThanOrEqual(Date.parse(figures.at(-1).startedAt));
  });
});

describe('persistence', () => {
  const live: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(live.splice(0).map((s) => s.close()));
  });
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-data-'));
    dirs.push(dir);
    return dir;
  };
  /** The saved Jira issue rows, read through another connection (what a crash would leave). */
  const savedIssueSummaries = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT value FROM simulator_rows WHERE sim = 'jira' AND collection = 'issues'").all() as Array<{ value: string }>;
      return rows.map((row) => (JSON.parse(row.value) as { summary: string }).summary);
    } finally {
      db.close();
    }
  };

  it('saves a change before answering it, and a restart on another port carries on where it stopped', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    live.push(first);
    expect(first.databaseFile).toBe(path.join(dir, 'sandbox.db'));
    const urlsBefore = (await call(first, 'GET', '/sandbox/api/urls')).body;
    expect(savedIssueSummaries(first.databaseFile!)).not.toContain('Made before the restart');
    const created = await call(first, 'POST', '/jira/__sim/issues', { project: 'SD', summary: 'Made before the restart', assignee: DEMO.users.technician, fields: { 'Asset Name': 'WEB01' } });
    expect(created.body.key).toBe('SD-9');
    // Already on disk when the answer arrives: no waiting.
    expect(savedIssueSummaries(first.databaseFile!)).toContain('Made before the restart');
    const { lastSave } = (await call(first, 'GET', '/sandbox/api/health')).body;
    expect(lastSave.rowsWritten).toBeGreaterThanOrEqual(1);
    expect(lastSave.bytesWritten).toBeLessThan(200_000);
    const report = await runDemoFlow(first.url, { commentTimeoutMs: 20_000 });
    await first.close();
    live.splice(0);

    const second = await start({ dataDir: dir });
    live.push(second);
    expect(second.world().firstStart).toBe(false);
    expect(second.url).not.toBe(first.url);
    expect((await call(second, 'GET', '/jira/__sim/issues/SD-9')).body.summary).toBe('Made before the restart');
    expect((await call(second, 'GET', '/jira/__sim/issues/SD-1')).body.comments.length).toBe(report.comments.length);
    expect((await call(second, 'GET', `/pra/__sim/sessions/${report.session.lsid}`)).body.endTime).not.toBeNull();
    // Same URLs (ids and tokens kept in the host database), now on the new port; PRA followed them.
    const urlsAfter = (await call(second, 'GET', '/sandbox/api/urls')).body;
    expect(urlsAfter.outboundEventUrl).toBe(urlsBefore.outboundEventUrl.replace(first.url, second.url));
    expect((await call(second, 'GET', '/pra/__sim/outbound/recipients')).body[0].url).toBe(urlsAfter.outboundEventUrl);
    expect((await call(second, 'GET', '/pra/__sim/ticket-system')).body.url).toBe(urlsAfter.endpointApprovalUrl);
    expect(carriedOverNotices(second.world())).toEqual([]);
    const approval = await call(second, 'POST', '/pra/__sim/ticket-system/requests', { ticketId: 'SD-9', user: 'arivera', jumpItem: { name: 'WEB01' } });
    expect(approval.body).toMatchObject({ allowed: true, customAttributes: { external_key: 'SD-9' } });
  });

  it('says in the start banner that outbound events were left off', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    await call(first, 'POST', '/pra/__sim/outbound/pause');
    const session = (await call(first, 'POST', '/pra/__sim/sessions', { jumpItem: { name: 'WEB01' }, rep: 'arivera', externalKey: 'SD-2' })).body;
    await call(first, 'POST', `/pra/__sim/sessions/${session.lsid}/end`, {});
    await first.close();
    const second = await start({ dataDir: dir });
    live.push(second);
    const [notice, ...rest] = carriedOverNotices(second.world());
    expect(rest).toEqual([]);
    expect(notice).toContain('PRA outbound events are OFF');
    expect(notice).toContain('1 event(s) are held');
    await call(second, 'POST', '/pra/__sim/outbound/resume');
    expect(carriedOverNotices(second.world())).toEqual([]);
  });

  it('starts clean with reset, and POST /sandbox/api/reset goes back to the seeded demo', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    await call(first, 'POST', '/jira/__sim/issues', { project: 'SD', summary: 'Gone after reset' });
    await first.close();

    const clean = await start({ dataDir: dir, reset: true });
    live.push(clean);
    expect(clean.world().firstStart).toBe(true);
    expect((await call(clean, 'GET', '/jira/__sim/issues/SD-9')).status).toBe(404);

    await call(clean, 'POST', '/jira/__sim/issues', { project: 'SD', summary: 'Gone after the API reset' });
    const urlsBefore = (await call(clean, 'GET', '/sandbox/api/urls')).body;
    expect((await call(clean, 'POST', '/sandbox/api/reset')).body).toEqual({ ok: true });
    expect((await call(clean, 'GET', '/jira/__sim/issues/SD-9')).status).toBe(404);
    const urlsAfter = (await call(clean, 'GET', '/sandbox/api/urls')).body;
    expect(urlsAfter.outboundEventUrl).not.toBe(urlsBefore.outboundEventUrl);
    expect((await call(clean, 'GET', '/pra/__sim/outbound/recipients')).body[0].url).toBe(urlsAfter.outboundEventUrl);
    expect((await call(clean, 'POST', '/pra/__sim/ticket-system/requests', { ticketId: 'SD-1', user: 'arivera', jumpItem: { name: 'WORKSTATION-01' } })).body.allowed).toBe(true);
  });
});

describe('tokens in URLs (issue 12.6)', () => {
  it('knows which bind addresses stay on this machine', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackOnly(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'sandbox.example.com', '']) expect(isLoopbackOnly(host)).toBe(false);
  });

  it('warns in the start banner and at /sandbox/api/urls when it listens beyond loopback', async () => {
    const wide = await start({ host: '0.0.0.0' });
    try {
      const expected = tokenExposureWarning('0.0.0.0')!;
      expect(expected).toMatch(/^The sandbox listens on 0\.0\.0\.0, beyond this machine: the Outbound Event and Endpoint Approval URLs .* carry their secret tokens/);
      const urls = (await call(wide, 'GET', '/sandbox/api/urls')).body;
      expect(urls.warning).toBe(expected);
      expect(urls.outboundEventUrl).toMatch(/\?token=/);
      const text = banner(wide, await wide.urls(), true, false);
      expect(text).toContain(`WARNING: ${expected}`);
      expect(text.indexOf('WARNING')).toBeGreaterThan(text.indexOf('Endpoint Approval URL'));
    } finally {
      await wide.close();
    }
  });
});
