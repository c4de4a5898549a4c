/**
 * The sandbox server (`startSandbox`, what `npm start` and `npm run demo` run) over HTTP on one port:
 * the scripted demo flow, the scripting API (docs/sandbox.md), the /pra mount's redirects and pages, and
 * persistence in the SQLite file across restarts, `--reset` and `POST /sandbox/api/reset`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { APPROVAL_CASES, runDemoFlow } from '../../../sandbox/demo/flow';
import { DEMO } from '../../../sandbox/jira-simulator/seed';

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
    expect(report.attachments.map((a) => [a.filename, a.size])).toEqual([[`pra-session-${report.session.lsid}-recording.bin`, 256 * 1024]]);
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
    expect(run.body).toMatchObject({ key: 'reconcile-sessions', ok: true });
    expect((await call(s, 'POST', '/sandbox/api/wait-idle', { timeoutMs: 20_000 })).body).toEqual({ idle: true });
    const comments = (await call(s, 'GET', '/jira/rest/api/3/issue/SD-7/comment?expand=properties', undefined, { Authorization: 'Bearer sim-app' })).body.comments;
    expect(comments.filter((c: any) => c.properties.some((p: any) => p.value?.lsid === session.lsid))).toHaveLength(1);
    expect((await call(s, 'POST', '/sandbox/api/scheduled/nope/run')).status).toBe(404);
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
  const savedAt = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare("SELECT saved_at FROM sandbox_state WHERE name = 'jira'").get() as { saved_at: number } | undefined)?.saved_at ?? 0;
    } finally {
      db.close();
    }
  };

  it('saves shortly after a change, and a restart on another port carries on where it stopped', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    live.push(first);
    expect(first.databaseFile).toBe(path.join(dir, 'sandbox.db'));
    const urlsBefore = (await call(first, 'GET', '/sandbox/api/urls')).body;
    const before = savedAt(first.databaseFile!);
    const created = await call(first, 'POST', '/jira/__sim/issues', { project: 'SD', summary: 'Made before the restart', assignee: DEMO.users.technician, fields: { 'Asset Name': 'WEB01' } });
    expect(created.body.key).toBe('SD-9');
    const deadline = Date.now() + 10_000;
    while (savedAt(first.databaseFile!) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(savedAt(first.databaseFile!)).toBeGreaterThan(before);
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
    const approval = await call(second, 'POST', '/pra/__sim/ticket-system/requests', { ticketId: 'SD-9', user: 'arivera', jumpItem: { name: 'WEB01' } });
    expect(approval.body).toMatchObject({ allowed: true, customAttributes: { external_key: 'SD-9' } });
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
