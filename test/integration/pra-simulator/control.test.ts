import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createPraSimulator } from '../../../sandbox/pra-simulator';
import { api, parseXml, startSim, token, type RunningSim } from './helpers';

let run: RunningSim;
beforeEach(async () => {
  run = await startSim();
});
afterEach(() => run.close());

async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${run.url}/__sim${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

describe('control API', () => {
  it('drives a whole session over HTTP: account, user, Jump Item, session, events, members, end', async () => {
    const account = await control<{ clientId: string; clientSecret: string }>('POST', '/accounts', { name: 'jira', permissions: { command: 'read_only' } });
    expect(account.status).toBe(201);
    await control('POST', '/users', { username: 'jdoe', displayName: 'Jane Doe' });
    await control('POST', '/users', { username: 'bob' });
    const item = await control<{ id: number }>('POST', '/jump-items', { name: 'web01', hostname: 'web01.corp', type: 'remote-rdp' });
    const created = await control<{ lsid: string; lseq: number }>('POST', '/sessions', {
      jumpItem: { id: item.body.id },
      rep: 'jdoe',
      externalKey: 'OPS-42',
      customAttributes: { priority: 'high' },
    });
    expect(created.status).toBe(201);
    const { lsid } = created.body;
    expect(lsid).toMatch(/^[0-9a-f]{32}$/);
    expect((await control('POST', `/sessions/${lsid}/events`, { eventType: 'Session Note Added', performedBy: 'rep', body: 'note' })).status).toBe(200);
    await control('POST', `/sessions/${lsid}/events`, {
      events: [
        { eventType: 'File Deleted', performedBy: 'rep', filename: 'C:\\old.log' },
        { eventType: 'File Moved', performedBy: 'rep', data: { old_path: 'a', new_path: 'b' } },
        { eventType: 'Custom Thing', data: { answer: 42 } },
      ],
    });
    await control('POST', `/sessions/${lsid}/members`, { user: 'bob', invited: true });
    await control('POST', `/sessions/${lsid}/owner`, { username: 'bob' });
    await control('DELETE', `/sessions/${lsid}/members/jdoe`);
    run.clock.now += 90_000;
    const ended = await control<{ endTime: number }>('POST', `/sessions/${lsid}/end`, {});
    expect(ended.body.endTime).toBe(Math.floor(run.clock.now / 1000));
    expect((await control('POST', `/sessions/${lsid}/end`, {})).status).toBe(409);

    const bearer = await token(run.url, account.body.clientId, account.body.clientSecret);
    const xml = (await api(run, bearer, `/api/reporting?generate_report=AccessSession&lsid=${lsid}`)).text;
    const session = (parseXml(xml).session_list as { session: Record<string, unknown>[] }).session[0]!;
    expect(session).toMatchObject({ external_key: 'OPS-42', duration: '00:01:30', file_delete_count: '1', file_move_count: '1', file_transfer_count: '0' });
    expect((session.custom_attributes as { custom_attribute: unknown[] }).custom_attribute).toEqual([
      { '#text': 'high', '@display_name': 'priority', '@code_name': 'priority' },
    ]);
    const reps = (session.rep_list as { representative: Record<string, unknown>[] }).representative;
    expect(reps.map((r) => [r.username, r.session_owner, r.invited])).toEqual([
      ['jdoe', '0', undefined],
      ['bob', '1', '1'],
    ]);
    const types = (session.session_details as { event: { '@event_type': string }[] }).event.map((e) => e['@event_type']);
    expect(types.slice(-7)).toEqual([
      'File Deleted',
      'File Moved',
      'Custom Thing',
      'Conference Member Added',
      'Conference Owner Changed',
      'Conference Member Departed',
      'Session End',
    ]);
    expect(xml).toContain('<value name="answer" value="42" />');

    const summaries = await control<{ lsid: string; active: boolean }[]>('GET', '/sessions');
    expect(summaries.body).toEqual([expect.objectContaining({ lsid, active: false, externalKey: 'OPS-42', primaryRep: 'jdoe' })]);
  });

  it('validates control input and answers JSON errors', async () => {
    const bad = await control<{ error: string }>('POST', '/sessions', { lsid: 'not-hex' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('lsid');
    expect((await control('GET', '/sessions/0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await control('PATCH', '/knobs', { namespace: 'nope' })).status).toBe(400);
    expect((await control('PATCH', '/knobs', { unknownKnob: 1 })).status).toBe(400);
    expect((await control('POST', '/users', { username: 'admin' })).status).toBe(409);
  });

  it('exposes knobs, faults (never applied to /__sim/), request log, counters, and resets everything', async () => {
    const knobs = await control<Record<string, unknown>>('PATCH', '/knobs', { latencyMs: 0, namespace: 'documented', reportLagMs: 5 });
    expect(knobs.body).toMatchObject({ namespace: 'documented', reportLagMs: 5, reportLagMode: 'in-progress', outboundRetryIntervalMs: 30_000 });
    const fault = await control<{ id: string }>('POST', '/faults', { path: '/', status: 503, count: 2 });
    expect(fault.status).toBe(201);
    expect((await fetch(`${run.url}/check_health`)).status).toBe(503);
    expect((await control('GET', '/faults')).status).toBe(200);
    expect((await fetch(`${run.url}/check_health`)).status).toBe(503);
    expect((await fetch(`${run.url}/check_health`)).status).toBe(200);

    const account = run.sim.createAccount();
    const bearer = await token(run.url, account.clientId, account.clientSecret);
    await api(run, bearer, '/api/command?action=get_api_info');
    await api(run, bearer, '/api/reporting', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'generate_report=AccessSessionListing&start_time=0&duration=0',
    });
    const counters = await control<Record<string, unknown>>('GET', '/counters');
    expect(counters.body).toEqual({
      total: 6,
      byPath: { '/check_health': 3, '/oauth2/token': 1, '/api/command': 1, '/api/reporting': 1 },
      byCommandAction: { get_api_info: 1 },
      byReportType: { AccessSessionListing: 1 },
      tokenRequestsByClientId: { [account.clientId]: 1 },
    });
    const log = await control<{ path: string; status: number; clientId: string | null; operation: string | null }[]>('GET', '/requests');
    expect(log.body.at(-1)).toMatchObject({ path: '/api/reporting', status: 200, clientId: account.clientId, operation: 'AccessSessionListing' });
    expect(log.body.every((e) => !e.path.startsWith('/__sim'))).toBe(true);

    await control('DELETE', '/requests');
    expect((await control<{ total: number }>('GET', '/counters')).body.total).toBe(0);
    await control('POST', '/reset');
    expect(run.sim.listAccounts()).toEqual([]);
    expect(run.sim.getKnobs().namespace).toBe('sra');
    expect(run.sim.listUsers().map((u) => u.username)).toEqual(['admin']);
    expect((await control('GET', '/info')).body).toMatchObject({ publicHost: 'pra.example.com', apiVersion: '1.25.0' });
  });

  it('can be mounted under a path prefix of another server', async () => {
    const sim = createPraSimulator();
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/pra/')) sim.handler(req, res, url.pathname.slice('/pra'.length));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pra`;
    try {
      expect((await fetch(`${base}/check_health`)).status).toBe(200);
      const created = await fetch(`${base}/__sim/accounts`, { method: 'POST', body: JSON.stringify({ clientId: 'c', clientSecret: 's' }) });
      expect(created.status).toBe(201);
      expect((await token(base, 'c', 's')).length).toBe(40);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sim.close();
    }
  });
});
