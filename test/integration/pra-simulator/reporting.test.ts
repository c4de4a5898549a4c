import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { accountToken, api, parseXml, startSim, type RunningSim } from './helpers';

const NO_DATA =
  '<?xml version="1.0" encoding="UTF-8"?>\n<error >No Support report information matching your chosen criteria is available.</error>\n';
const FIXTURE = readFileSync(join(__dirname, '../../fixtures/pra/access-session-ops-42.xml'), 'utf8');
const FIXTURE_LSID = 'e9e99aeb9ad54fb381634498502c5a1b';

let run: RunningSim;
let bearer: string;
beforeEach(async () => {
  run = await startSim();
  bearer = await accountToken(run);
});
afterEach(() => run.close());

const report = (query: string) => api(run, bearer, `/api/reporting?${query}`);
const nowSeconds = () => Math.floor(run.clock.now / 1000);

function sessionsOf(text: string): Record<string, unknown>[] {
  return ((parseXml(text).session_list as { session?: Record<string, unknown>[] }).session ?? []);
}

describe('no data', () => {
  it('answers HTTP 200 with the bare <error > document for every empty report', async () => {
    for (const query of [
      'generate_report=AccessSession&lsid=00000000000000000000000000000000',
      'generate_report=AccessSession&start_time=0&duration=0',
      'generate_report=AccessSessionListing&end_date=2024-01-01&duration=0',
    ]) {
      const reply = await report(query);
      expect(reply.status).toBe(200);
      expect(reply.text).toBe(NO_DATA);
    }
  });
});

describe('AccessSession', () => {
  it('selects by lsid and lsids, and rejects invalid parameter sets', async () => {
    const a = run.sim.createSession({ externalKey: 'OPS-1' });
    const b = run.sim.createSession();
    run.sim.endSession(a.lsid);
    const one = sessionsOf((await report(`generate_report=AccessSession&lsid=${a.lsid}`)).text);
    expect(one.map((s) => s['@lsid'])).toEqual([a.lsid]);
    expect(one[0]?.external_key).toBe('OPS-1');
    const both = sessionsOf((await report(`generate_report=AccessSession&lsids=${b.lsid},${a.lsid}`)).text);
    expect(both.map((s) => s['@lsid'])).toEqual([b.lsid, a.lsid]);
    expect((await report('generate_report=AccessSession&start_time=2025-09-18T19%3A12%3A20Z&duration=0')).text).toMatch(
      /<error[^>]*>start_time must be a UNIX timestamp/,
    );
    expect((await report(`generate_report=AccessSession&lsid=${a.lsid}&start_time=0&duration=0`)).text).toMatch(/<error[^>]*>Exactly one of/);
    expect((await report('generate_report=AccessSession&start_time=0')).text).toMatch(/<error[^>]*>duration is required/);
    expect((await report('generate_report=Nope')).text).toMatch(/<error[^>]*>Unsupported report type/);
  });

  it('start_* includes sessions in progress (empty end_time); end_* only closed ones', async () => {
    const start = nowSeconds();
    const open = run.sim.createSession();
    const closed = run.sim.createSession();
    run.clock.now += 5000;
    run.sim.endSession(closed.lsid);
    const byStart = sessionsOf((await report(`generate_report=AccessSession&start_time=${start}&duration=0`)).text);
    expect(byStart.map((s) => s['@lsid'])).toEqual([open.lsid, closed.lsid]);
    expect(byStart[0]?.end_time).toBe('');
    expect(byStart[1]?.end_time).toEqual({ '#text': expect.stringMatching(/\+00:00$/), '@timestamp': String(start + 5) });
    const byEnd = sessionsOf((await report(`generate_report=AccessSession&end_time=${start}&duration=0`)).text);
    expect(byEnd.map((s) => s['@lsid'])).toEqual([closed.lsid]);
    // duration in seconds with *_time: a window that ends before the session ended excludes it
    expect((await report(`generate_report=AccessSession&end_time=${start}&duration=5`)).text).toBe(NO_DATA);
    expect(sessionsOf((await report(`generate_report=AccessSession&end_time=${start}&duration=6`)).text)).toHaveLength(1);
    // duration in days with *_date
    const today = new Date(run.clock.now).toISOString().slice(0, 10);
    expect(sessionsOf((await report(`generate_report=AccessSession&start_date=${today}&duration=1`)).text)).toHaveLength(2);
    expect((await report('generate_report=AccessSession&start_date=2020-01-01&duration=1')).text).toBe(NO_DATA);
  });

  it('lags after a session ends: in-progress mode shows an empty end_time, missing mode shows nothing', async () => {
    const session = run.sim.createSession({ externalKey: 'OPS-7' });
    run.sim.setKnobs({ reportLagMs: 10_000, reportLagMode: 'in-progress' });
    run.sim.endSession(session.lsid);
    const lagging = sessionsOf((await report(`generate_report=AccessSession&lsid=${session.lsid}`)).text)[0]!;
    expect(lagging.end_time).toBe('');
    expect(lagging.session_chat_view_url).toBeUndefined();
    const events = (lagging.session_details as { event: { '@event_type': string }[] }).event;
    expect(events.map((e) => e['@event_type'])).not.toContain('Session End');
    expect((await report(`generate_report=AccessSession&end_time=0&duration=0`)).text).toBe(NO_DATA);

    run.sim.setKnobs({ reportLagMode: 'missing' });
    expect((await report(`generate_report=AccessSession&lsid=${session.lsid}`)).text).toBe(NO_DATA);
    expect((await report('generate_report=AccessSessionListing&start_time=0&duration=0')).text).toBe(NO_DATA);

    run.clock.now += 10_000;
    const settled = sessionsOf((await report(`generate_report=AccessSession&lsid=${session.lsid}`)).text)[0]!;
    expect(settled.end_time).toMatchObject({ '@timestamp': expect.any(String) });
    expect(settled.session_chat_view_url).toMatch(/^https:\/\/pra\.example\.com\/session_download\?lsid=l%3D/);
  });
});

describe('AccessSessionListing', () => {
  it('lists lsids with has_recording and external_key (omitted when empty)', async () => {
    const withKey = run.sim.createSession({ externalKey: 'OPS-9', recording: { size: 10 } });
    const without = run.sim.createSession();
    run.sim.endSession(withKey.lsid);
    run.sim.endSession(without.lsid);
    const { text } = await report('generate_report=AccessSessionListing&end_time=0&duration=0');
    expect(text).toContain(`<session_summary lsid="${withKey.lsid}" has_recording="1" external_key="OPS-9" />`);
    expect(text).toContain(`<session_summary lsid="${without.lsid}" has_recording="0"  />`);
    expect((await report(`generate_report=AccessSessionListing&lsid=${without.lsid}`)).text).toMatch(/<error[^>]*>lsid and lsids are not parameters/);
  });
});

describe('AccessSessionRecording', () => {
  it('returns the recording bytes with the configured size', async () => {
    const small = run.sim.createSession({ recording: { size: 1234 } });
    const large = run.sim.createSession({ recording: { size: 5 * 1024 * 1024 } });
    run.sim.endSession(small.lsid);
    run.sim.endSession(large.lsid);
    for (const [lsid, size] of [
      [small.lsid, 1234],
      [large.lsid, 5 * 1024 * 1024],
    ] as const) {
      const response = await fetch(`${run.url}/api/reporting?generate_report=AccessSessionRecording&lsid=${lsid}`, {
        headers: { Authorization: `Bearer ${bearer}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect((await response.arrayBuffer()).byteLength).toBe(size);
    }
  });

  it('answers <error> for an expired recording, a session without one, and a running session', async () => {
    const expired = run.sim.createSession({ recording: { size: 10, expired: true } });
    const none = run.sim.createSession();
    const running = run.sim.createSession({ recording: { size: 10 } });
    run.sim.endSession(expired.lsid);
    run.sim.endSession(none.lsid);
    expect((await report(`generate_report=AccessSessionRecording&lsid=${expired.lsid}`)).text).toMatch(
      /<error[^>]*>This recording has expired and can no longer be viewed or downloaded\.<\/error>/,
    );
    expect((await report(`generate_report=AccessSessionRecording&lsid=${none.lsid}`)).text).toMatch(/<error[^>]*>This session has no recording/);
    expect((await report(`generate_report=AccessSessionRecording&lsid=${running.lsid}`)).text).toMatch(/<error[^>]*>The recording is not available/);
  });
});

describe('raw XML import', () => {
  it('serves the imported document verbatim for its lsid and derives the listing entry', async () => {
    const session = run.sim.importSessionXml({ xml: FIXTURE, recording: { size: 64 } });
    expect(session).toMatchObject({ lsid: FIXTURE_LSID, lseq: 8, externalKey: 'OPS-42', startTime: 1733239565, endTime: 1733240467 });
    const single = await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`);
    expect(single.text).toBe(FIXTURE);
    const listing = await report('generate_report=AccessSessionListing&end_time=1733240000&duration=0');
    expect(listing.text).toContain(`<session_summary lsid="${FIXTURE_LSID}" has_recording="1" external_key="OPS-42" />`);
    // mixed with a generated session, the raw <session> element is embedded as is
    run.clock.now += 60_000;
    expect(run.sim.createSession().lseq).toBe(9);
    const mixed = await report('generate_report=AccessSession&start_time=1733239000&duration=0');
    const lsids = sessionsOf(mixed.text).map((s) => s['@lsid']);
    expect(lsids[0]).toBe(FIXTURE_LSID);
    expect(lsids).toHaveLength(2);
    expect(mixed.text).toContain('<filename>C:\\temp\\patch.msi</filename>');
  });

  it('can import through the control API without ending, and lags like any session', async () => {
    const response = await fetch(`${run.url}/__sim/sessions/import`, {
      method: 'POST',
      body: JSON.stringify({ xml: FIXTURE, end: false, notify: false }),
    });
    expect(response.status).toBe(201);
    expect(run.sim.listSessions()[0]).toMatchObject({ lsid: FIXTURE_LSID, active: true, source: 'raw' });
    expect((await report('generate_report=AccessSession&end_time=0&duration=0')).text).toBe(NO_DATA);
    run.sim.setKnobs({ reportLagMs: 1000 });
    run.sim.endSession(FIXTURE_LSID);
    expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text).toContain('<end_time></end_time>');
    run.clock.now += 1000;
    expect((await report(`generate_report=AccessSession&lsid=${FIXTURE_LSID}`)).text).toBe(FIXTURE);
  });

  it('rejects documents that are not one well-formed session', async () => {
    expect(() => run.sim.importSessionXml('<session_list><session lsid="x">')).toThrow(/not well-formed/);
    expect(() => run.sim.importSessionXml('<session_list></session_list>')).toThrow(/exactly one session/);
  });
});

describe('permissions and large sessions', () => {
  it('requires perm_reporting', async () => {
    const noReporting = await accountToken(run, { permissions: { reporting: false } });
    const reply = await api(run, noReporting, '/api/reporting?generate_report=AccessSessionListing&start_time=0&duration=0');
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('<error');
  });

  it('serves a 10,000-event session with long chat that parses back completely', async () => {
    const session = run.sim.createLargeSession({ eventCount: 10_000, chatLength: 1500, invalidXmlEvery: 100, externalKey: 'BIG-1' });
    const started = Date.now();
    const reply = await api(run, bearer, '/api/reporting', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `generate_report=AccessSession&lsid=${session.lsid}`,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(reply.text.length).toBeGreaterThan(10_000 * 500);
    const parsed = sessionsOf(reply.text)[0]!;
    const events = (parsed.session_details as { event: Record<string, unknown>[] }).event;
    expect(events).toHaveLength(10_000 + 5);
    expect(events.filter((e) => e.encoded_body !== undefined)).toHaveLength(60);
    expect(Number(parsed.file_transfer_count)).toBe(1000);
  });
});
