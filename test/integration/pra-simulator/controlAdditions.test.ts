/**
 * The PRA simulator's control API for outside acceptance tests (issue 13 item 5, docs/pra-simulator.md):
 * fault rules matched on the request's parameters, the request log's parameters, raw sessions replaced,
 * deleted, or served in progress before they are complete, users edited (also without an email), the
 * listing without its external_key attribute, and large sessions that stay quiet with notify:false.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { accountToken, api, startReceiver, startSim, type RunningSim } from './helpers';

const FIXTURE = readFileSync(join(__dirname, '../../fixtures/pra/access-session-ops-42.xml'), 'utf8');
const FIXTURE_LSID = 'e9e99aeb9ad54fb381634498502c5a1b';

let run: RunningSim;
let bearer: string;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
beforeEach(async () => {
  run = await startSim();
  bearer = await accountToken(run);
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await run.close();
});

const report = (query: string) => api(run, bearer, `/api/reporting?${query}`);
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${run.url}/__sim${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};
const importRaw = (extra: Record<string, unknown> = {}) => control('POST', '/sessions/import', { xml: FIXTURE, notify: false, ...extra });

describe('fault rules and the request log', () => {
  it('fault only the requests whose parameters match (one lsid, one report type), from the query or a form body', async () => {
    await importRaw();
    const other = run.sim.createSession({ externalKey: 'SD-2', notify: false });
    run.sim.endSession(other.lsid, { notify: false });
    const rule = await control('POST', '/faults', { path: '/api/reporting', query: { generate_report: 'AccessSession', lsid: FIXTURE_LSID }, status: 503, count: 2 });
    expect(rule.status).toBe(201);

    expect((await report(`generate_report=AccessSession&lsid=${other.lsid}`)).status).toBe(200);
    expect((await report(`generate_report=AccessSessionListing&lsid=${FIXTURE_LSID}`)).status).toBe(200);
    expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).status).toBe(503);
    const form = await api(run, bearer, '/api/reporting', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `generate_report=AccessSession&lsid=${FIXTURE_LSID}`,
    });
    expect(form.status).toBe(503);
    // two uses, then gone
    expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).status).toBe(200);
    expect((await control('POST', '/faults', { query: { lsid: 5 } })).status).toBe(400);

    const log = (await control('GET', '/requests')).body as Array<{ path: string; query: string; status: number }>;
    const reporting = log.filter((e) => e.path === '/api/reporting');
    expect(reporting.map((e) => [new URLSearchParams(e.query).get('lsid'), e.status])).toEqual([
      [other.lsid, 200],
      [FIXTURE_LSID, 200],
      [FIXTURE_LSID, 503],
      [FIXTURE_LSID, 503],
      [FIXTURE_LSID, 200],
    ]);
    // the secret never reaches the log, even when a client sends it in the body
    await fetch(`${run.url}/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=x&client_secret=s3cr3t' });
    const token = ((await control('GET', '/requests')).body as Array<{ path: string; query: string }>).filter((e) => e.path === '/oauth2/token').at(-1)!;
    expect(token.query).toContain('grant_type=client_credentials');
    expect(token.query).not.toContain('s3cr3t');
  });
});

describe('raw sessions', () => {
  it('are served in progress for N fetches, then complete', async () => {
    expect((await importRaw({ inProgressFetches: 2 })).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text).toContain('<end_time></end_time>');
    const third = (await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text;
    expect(third).toBe(FIXTURE);
  });

  it('are held in progress until the complete call', async () => {
    await importRaw({ holdInProgress: true });
    for (let i = 0; i < 3; i++) expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text).toContain('<end_time></end_time>');
    expect((await control('POST', `/sessions/${FIXTURE_LSID}/complete`)).status).toBe(200);
    expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text).toBe(FIXTURE);
    expect((await control('POST', '/sessions/00000000000000000000000000000000/complete')).status).toBe(404);
  });

  it('can be replaced by another document of the same session, or deleted', async () => {
    await importRaw();
    const changed = FIXTURE.replace('<external_key>OPS-42</external_key>', '<external_key>SD-7 &amp; «Zoë» 日本</external_key>');
    expect(changed).not.toBe(FIXTURE);
    const replaced = await control('PUT', `/sessions/${FIXTURE_LSID}/raw`, { xml: changed });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ lsid: FIXTURE_LSID, externalKey: 'SD-7 & «Zoë» 日本' });
    expect(replaced.body.endTime).not.toBeNull();
    expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text).toBe(changed);

    const otherLsid = changed.replaceAll(FIXTURE_LSID, 'f'.repeat(32));
    expect((await control('PUT', `/sessions/${FIXTURE_LSID}/raw`, { xml: otherLsid })).status).toBe(400);
    expect((await control('PUT', `/sessions/${FIXTURE_LSID}/raw`, { xml: changed.slice(0, 500) })).status).toBe(400);

    expect((await control('DELETE', `/sessions/${FIXTURE_LSID}`)).status).toBe(200);
    expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text).toContain('<error');
    expect((await control('DELETE', `/sessions/${FIXTURE_LSID}`)).status).toBe(404);
  });
});

describe('users, listing, large sessions', () => {
  it('edits a user, down to no email address, which the ticket system then receives', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: JSON.stringify({ is_valid: true }) }));
    run.sim.createUser({ username: 'jdoe', displayName: 'Jane Doe', email: 'jdoe@example.com' });
    const edited = await control('PATCH', '/users/jdoe', { displayName: 'Jane "JD" O\'Doe', publicDisplayName: 'Jane "JD" O\'Doe', email: null });
    expect(edited.body).toMatchObject({ username: 'jdoe', displayName: 'Jane "JD" O\'Doe', email: '' });
    expect((await control('PATCH', '/users/nobody', { email: '' })).status).toBe(404);
    expect((await control('PATCH', '/users/jdoe', { username: 'other' })).status).toBe(400);

    await control('PUT', '/ticket-system', { url: receiver.url });
    await control('POST', '/ticket-system/requests', { ticketId: 'SD-1', user: 'jdoe', jumpItem: { name: 'web01', hostname: 'web01.corp' } });
    const sent = JSON.parse(receiver.requests[0]!.body) as { user: { email_address: string; public_display_name: string } };
    expect(sent.user).toMatchObject({ email_address: '', public_display_name: 'Jane "JD" O\'Doe' });
  });

  it('leaves the external_key attribute out of the listing when the knob says so', async () => {
    await importRaw();
    const listing = `generate_report=AccessSessionListing&end_time=0&duration=0`;
    expect((await report(listing)).text).toContain('external_key="OPS-42"');
    expect((await control('PATCH', '/knobs', { listingExternalKey: false })).body.listingExternalKey).toBe(false);
    const bare = (await report(listing)).text;
    expect(bare).toContain(`lsid="${FIXTURE_LSID}"`);
    expect(bare).not.toContain('external_key');
  });

  it('sends no outbound event for a large session created with notify:false', async () => {
    receiver = await startReceiver(() => 200);
    run.sim.addRecipient({ url: receiver.url });
    expect((await control('POST', '/sessions/large', { eventCount: 50, chatLength: 20, notify: false })).status).toBe(201);
    expect((await control('POST', '/sessions/large', { eventCount: 50, chatLength: 20 })).status).toBe(201);
    expect(await run.sim.waitForOutboundIdle(3000)).toBe(true);
    expect(receiver.requests.map((r) => new URLSearchParams(r.body).get('event'))).toEqual(['support_conference_begin', 'support_conference_end']);
  });
});
