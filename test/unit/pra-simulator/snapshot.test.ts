/**
 * pra.exportState() / pra.importState(): a simulator restored from a snapshot (after a JSON round trip, as
 * the sandbox stores it) is the same appliance — same identity, reports, tokens, ID sequences — and
 * delivers the outbound events that were still queued.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createPraSimulator, SimError, type PraSimulator, type PraSnapshot } from '../../../sandbox/pra-simulator';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function sim(applianceId?: string): PraSimulator {
  const pra = createPraSimulator({ publicHost: 'pra.example.com', applianceId });
  closers.push(() => pra.close());
  return pra;
}

async function listen(pra: PraSimulator): Promise<string> {
  return (await pra.listen()).url;
}

/** A recipient that answers 200 and records the form bodies it receives. */
async function receiver(): Promise<{ url: string; bodies: URLSearchParams[] }> {
  const bodies: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      bodies.push(new URLSearchParams(data));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, bodies };
}

const roundTrip = (snapshot: PraSnapshot): PraSnapshot => JSON.parse(JSON.stringify(snapshot)) as PraSnapshot;

async function bearer(url: string, clientId: string, secret: string): Promise<string> {
  const res = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** An appliance with a bit of everything. */
async function populated(): Promise<{ pra: PraSimulator; url: string; token: string; lsid: string }> {
  const pra = sim('00112233445566778899aabbccddeeff');
  const url = await listen(pra);
  const account = pra.createAccount({ name: 'Jira', clientId: 'client-1', clientSecret: 'secret-1' });
  const token = await bearer(url, account.clientId, account.clientSecret);
  pra.createUser({ username: 'arivera', displayName: 'Alex Rivera', email: 'alex.rivera@example.com' });
  pra.createJumpItem({ name: 'WORKSTATION-01', hostname: 'workstation-01.corp.example.com', type: 'remote-rdp', ticketIdRequired: true });
  pra.defineCustomField({ codeName: 'change_id', displayName: 'Change' });
  pra.configureTicketSystem({ url: 'http://127.0.0.1:9/approve', timeoutMs: 2000 });
  pra.setKnobs({ outboundRetryIntervalMs: 2000, latencyMs: 5 });
  const jump = await fetch(`${url}/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=web01&session.custom.external_key=SD-1`, {
    redirect: 'manual',
  });
  expect(jump.status).toBe(302);
  const session = pra.createSession({
    jumpItem: { name: 'web01', hostname: 'web01.corp.example.com' },
    rep: 'arivera',
    externalKey: 'SD-1',
    recording: { size: 100 },
    events: [{ eventType: 'Chat Message', performedBy: 'rep', destination: 'customer', body: 'Hello \u0001 there' }],
  });
  pra.endSession(session.lsid);
  return { pra, url, token, lsid: session.lsid };
}

describe('exportState', () => {
  it('is plain JSON: a JSON round trip changes nothing', async () => {
    const { pra } = await populated();
    const snapshot = pra.exportState();
    expect(roundTrip(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({ format: 'pra-simulator-state', version: 1, applianceId: '00112233445566778899aabbccddeeff', latencyMs: 5 });
  });

  it('is a copy: changing the simulator afterwards does not change it', async () => {
    const { pra } = await populated();
    const snapshot = pra.exportState();
    pra.createUser({ username: 'later' });
    expect(snapshot.users.map((u) => u.username)).not.toContain('later');
  });
});

describe('importState', () => {
  it('restores every part, so exporting again gives the same snapshot', async () => {
    const { pra } = await populated();
    const snapshot = pra.exportState();
    const restored = sim();
    restored.importState(roundTrip(snapshot));
    expect(restored.exportState()).toEqual(snapshot);
    expect(restored.getKnobs()).toEqual(pra.getKnobs());
  });

  it('serves the same reports and accepts the tokens issued before', async () => {
    const { pra, url, token, lsid } = await populated();
    const report = (base: string) =>
      fetch(`${base}/api/reporting?generate_report=AccessSession&lsid=${lsid}`, { headers: { Authorization: `Bearer ${token}` } }).then(async (r) => [r.status, await r.text()]);
    const before = await report(url);
    const restored = sim();
    restored.importState(roundTrip(pra.exportState()));
    const after = await report(await listen(restored));
    expect(before[0]).toBe(200);
    expect(after).toEqual(before);
    expect(String(after[1])).toContain('encoded_body');
  });

  it('continues the ID sequences and keeps the appliance identity', async () => {
    const { pra } = await populated();
    const restored = sim('ffffffffffffffffffffffffffffffff');
    restored.importState(roundTrip(pra.exportState()));
    expect(restored.state.applianceId).toBe('00112233445566778899aabbccddeeff');
    const lastItem = Math.max(...pra.listJumpItems().map((i) => i.id));
    expect(restored.createJumpItem({ name: 'NEW', hostname: 'new.example.com' }).id).toBe(lastItem + 1);
    expect(restored.createSession({ jumpItem: { name: 'web01' } }).lseq).toBe(pra.listSessions().length + 1);
    const url = await listen(restored);
    await fetch(`${url}/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=web01`, { redirect: 'manual' });
    expect(restored.listClientScriptRequests().map((r) => r.id)).toEqual(['csr-1', 'csr-2']);
  });

  it('delivers the outbound events that were still queued', async () => {
    const { url, bodies } = await receiver();
    const pra = sim();
    pra.pauseOutbound();
    pra.addRecipient({ id: 'jira', url, events: ['support_conference_end'] });
    const session = pra.createSession({ externalKey: 'SD-7' });
    pra.endSession(session.lsid);
    const snapshot = roundTrip(pra.exportState());
    expect(snapshot.recipients[0]!.queue).toHaveLength(1);

    const restored = sim();
    restored.importState({ ...snapshot, knobs: { ...snapshot.knobs, outboundPaused: false } });
    expect(await restored.waitForOutboundIdle(5000)).toBe(true);
    expect(bodies.map((b) => [b.get('event'), b.get('lsid'), b.get('external_key')])).toEqual([['support_conference_end', session.lsid, 'SD-7']]);
    expect(restored.outboundLog('jira').map((a) => a.delivered)).toEqual([true]);
  });

  it('keeps a ticket-system approval for the next session of that user on that Jump Item', async () => {
    const pra = sim();
    const user = pra.createUser({ username: 'arivera' });
    const item = pra.createJumpItem({ name: 'DB', hostname: 'db.example.com', ticketIdRequired: true });
    pra.state.approvals.set(`${user.id}:${item.id}`, { external_key: 'SD-3' });
    const restored = sim();
    restored.importState(roundTrip(pra.exportState()));
    expect(restored.createSession({ jumpItem: { id: item.id }, rep: 'arivera' }).externalKey).toBe('SD-3');
    expect(() => restored.createSession({ jumpItem: { id: item.id }, rep: 'arivera' })).toThrow(/requires a ticket ID/);
  });

  it('refuses anything that is not a snapshot, and leaves the state as it was', async () => {
    const { pra } = await populated();
    const before = pra.exportState();
    for (const bad of [null, {}, { ...before, format: 'jira-simulator-state' }, { ...before, version: 2 }, { ...before, sessions: 'none' }]) {
      let error: unknown;
      try {
        pra.importState(bad as PraSnapshot);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SimError);
      expect((error as SimError).status).toBe(400);
    }
    expect(pra.exportState()).toEqual(before);
  });
});
