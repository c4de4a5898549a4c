/**
 * Session data import end to end: a session ends in the PRA simulator, PRA posts the outbound event to
 * the app's web trigger, the queue consumer fetches the report and writes comments and attachments to
 * the ticket in the Jira simulator (which validates the ADF and enforces Jira's limits).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adfText, DEMO, PRA_DEMO, startImportWorld, type ImportWorld } from './importFixture';

/** Lines of one member of a zip, read by Python's zipfile (an independent reader). */
function unzipLines(zip: Buffer, member: string): number {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'zip-')), 'a.zip');
  writeFileSync(file, zip);
  const out = execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.read(sys.argv[2]).decode("utf-8").splitlines()))', file, member]);
  return Number(out.toString().trim());
}

let w: ImportWorld;
beforeAll(async () => {
  w = await startImportWorld();
});
afterAll(() => w.close());

const record = (lsid: string) => w.importRecord(lsid);
const ownComments = (key: string, lsid: string) => w.importComments(key, lsid);

describe('a session that ends in PRA appears on its ticket', () => {
  it('imports details, people, system information, transfers, chat, notes, recordings and events', async () => {
    const lsid = await w.endSession({
      externalKey: 'SD-1',
      jumpItem: { name: 'WORKSTATION-01' },
      recording: { size: 2048 },
      events: [
        { eventType: 'Chat Message', performedBy: 'rep', destination: 'customer', body: 'Restarting the print spooler now' },
        { eventType: 'File Upload', performedBy: 'rep', destination: 'customer', filename: 'C:\\temp\\fix.ps1', filesize: 4096 },
        { eventType: 'Command Shell Session Started', performedBy: 'rep' },
        {
          eventType: 'System Information Retrieved',
          performedBy: 'rep',
          systemInformation: [{ name: 'Services', fields: [{ name: 'name', label: 'Name' }, { name: 'state', label: 'State' }], rows: [{ name: 'Spooler', state: 'Running' }] }],
        },
        { eventType: 'Session Note Added', performedBy: 'rep', body: 'Spooler restarted, printing works' },
      ],
    });
    await w.settle();
    const comments = await ownComments('SD-1', lsid);
    expect(comments).toHaveLength(1);
    // session data is for agents: an internal comment on a service-management ticket
    expect(comments[0]!.properties).toContainEqual({ key: 'sd.public.comment', value: { internal: true } });
    const text = adfText(comments[0]!.body);
    for (const expected of [
      'BeyondTrust PRA session: WORKSTATION-01',
      'Session Details',
      lsid,
      'User Information',
      'Alex Rivera',
      'System Information',
      'Spooler',
      'File Transfers',
      'C:\\temp\\fix.ps1',
      'Chat Messages',
      'Restarting the print spooler now',
      'Session Notes',
      'Spooler restarted, printing works',
      'Session Recordings',
      'Command shell recording',
      'Session Events',
      'UTC',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await record(lsid)).toMatchObject({ status: 'done', ticketKey: 'SD-1', parts: 1 });
  });

  it('answers PRA 200 at once and calls neither PRA nor Jira in the web trigger', async () => {
    const session = w.pra.createSession({ externalKey: 'SD-1', rep: PRA_DEMO.users.alex.username, notify: false });
    w.pra.endSession(session.lsid, { notify: false });
    const jiraBefore = w.host.jiraCalls.length;
    const praBefore = w.pra.counters().byPath?.['/api/reporting'] ?? 0;
    const res = await w.postEvent({ event: 'support_conference_end', version: '3', timestamp: '1733240467', appliance_id: 'x', lsid: session.lsid, external_key: 'SD-1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'queued' });
    expect(w.host.jiraCalls.length).toBe(jiraBefore);
    expect(w.pra.counters().byPath?.['/api/reporting'] ?? 0).toBe(praBefore);
    await w.settle();
    expect(await ownComments('SD-1', session.lsid)).toHaveLength(1);
  });
});

describe('exactly once', () => {
  it('the same event delivered five times gives one set of comments', async () => {
    const session = w.pra.createSession({ externalKey: 'SD-2', rep: PRA_DEMO.users.sam.username, notify: false });
    w.pra.endSession(session.lsid); // PRA delivers it once
    const fields = { event: 'support_conference_end', lsid: session.lsid, external_key: 'SD-2' };
    const replies = await Promise.all([1, 2, 3, 4].map(() => w.postEvent(fields)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await w.settle();
    expect(await ownComments('SD-2', session.lsid)).toHaveLength(1);
    const activity = await w.configCall('listImportActivity');
    // Duplicates are coalesced into one entry per hour (issue 12.5); concurrent deliveries may undercount, never overcount.
    const duplicates = activity.events.filter((e: { lsid?: string; outcome: string }) => e.lsid === session.lsid && e.outcome === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0].count).toBeGreaterThanOrEqual(1);
    expect(duplicates[0].count).toBeLessThanOrEqual(4);
  });

  it('a lost acknowledgement while posting resumes without a duplicate comment', async () => {
    const session = w.pra.createLargeSession({ externalKey: 'SD-3', eventCount: 1500, chatLength: 300, end: false, rep: PRA_DEMO.users.alex.username, notify: false });
    // the first comment goes through; the second is written by Jira but its answer never reaches the app
    w.jira.addFault({ path: '^/rest/api/3/issue/SD-3/comment$', method: 'POST', delayMs: 0, count: 1 });
    w.jira.addFault({ path: '^/rest/api/3/issue/SD-3/comment$', method: 'POST', dropResponse: true, count: 1 });
    w.pra.endSession(session.lsid);
    await w.settle();
    const markers = (await ownComments('SD-3', session.lsid)).map((c) => c.properties!.find((p) => p.key === 'beyondtrust-pra-session')!.value);
    const n = markers[0]!.parts;
    expect(n).toBeGreaterThan(2);
    expect(markers.map((m) => m.part).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(w.jira.listFaults().faults).toEqual([]);
    expect(await record(session.lsid)).toMatchObject({ status: 'done', parts: n });
  });

  it('Jira 429 in the middle of posting waits for Retry-After and resumes without duplicates', async () => {
    const session = w.pra.createLargeSession({ externalKey: 'SD-8', eventCount: 1500, chatLength: 300, end: false, rep: PRA_DEMO.users.casey.username, notify: false });
    w.jira.addFault({ path: '^/rest/api/3/issue/SD-8/comment$', method: 'POST', delayMs: 0, count: 2 });
    w.jira.addFault({ path: '^/rest/api/3/issue/SD-8/comment$', method: 'POST', status: 429, headers: { 'Retry-After': '7' }, count: 1 });
    w.pra.endSession(session.lsid);
    await w.settle();
    const comments = await ownComments('SD-8', session.lsid);
    const n = comments[0]!.properties!.find((p) => p.key === 'beyondtrust-pra-session')!.value.parts;
    expect(comments).toHaveLength(n);
    const queued = w.host.queue.list().find((e) => e.body.lsid === session.lsid)!;
    expect(queued.retryReason).toBe('FUNCTION_UPSTREAM_RATE_LIMITED');
    expect(await record(session.lsid)).toMatchObject({ status: 'done' });
  });

  it('tries again when the appliance answers something that is not a report (a proxy error page)', async () => {
    w.pra.faults.add({ path: '/api/reporting', status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>', count: 1 });
    const lsid = await w.endSession({ externalKey: 'SD-7' });
    await w.settle();
    expect(await ownComments('SD-7', lsid)).toHaveLength(1);
    expect(w.host.queue.list().find((e) => e.body.lsid === lsid)!.retryCount).toBe(1);
  });

  it('waits for a report that lags behind the end event', async () => {
    w.pra.setKnobs({ reportLagMs: 150, reportLagMode: 'in-progress' });
    try {
      const lsid = await w.endSession({ externalKey: 'SD-7' });
      await w.settle();
      expect(await ownComments('SD-7', lsid)).toHaveLength(1);
      const queued = w.host.queue.list().find((e) => e.body.lsid === lsid)!;
      expect(queued.retryCount).toBeGreaterThan(0);
    } finally {
      w.pra.setKnobs({ reportLagMs: 0 });
    }
  });
});

describe('events that are not imported still get 200 and are listed', () => {
  it('refuses a wrong or missing token with 403 and stores nothing', async () => {
    const before = (await w.configCall('listImportActivity')).events.length;
    const bad = new URL(w.outboundUrl);
    bad.searchParams.set('token', 'x'.repeat(43));
    expect((await w.postEvent({ event: 'support_conference_end', lsid: 'a'.repeat(32) }, bad.toString())).status).toBe(403);
    bad.searchParams.delete('token');
    expect((await w.postEvent({ event: 'support_conference_end', lsid: 'a'.repeat(32) }, bad.toString())).status).toBe(403);
    expect((await w.configCall('listImportActivity')).events.length).toBe(before);
    expect(await record('a'.repeat(32))).toBeUndefined();
  });

  it.each([
    [{ event: 'support_conference_begin', lsid: 'b'.repeat(32) }, 'Event "support_conference_begin" is not imported'],
    [{ event: 'support_conference_end' }, 'The session end event has no lsid.'],
    [{ event: 'support_conference_end', lsid: '../../etc/passwd' }, 'malformed lsid'],
    [{ lsid: 'c'.repeat(32) }, 'The request has no event name.'],
  ])('ignores %j with a reason', async (fields, reason) => {
    const res = await w.postEvent(fields as Record<string, string>);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ignored' });
    const events = (await w.configCall('listImportActivity')).events;
    expect(events[0]).toMatchObject({ outcome: 'ignored' });
    expect(events[0].reason).toContain(reason);
  });

  it('answers 200 to an unreadable body and accepts JSON for tolerance', async () => {
    const garbage = await fetch(w.outboundUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' });
    expect(garbage.status).toBe(200);
    expect((await w.configCall('listImportActivity')).events[0].reason).toMatch(/^The request body could not be read/);
    const session = w.pra.createSession({ externalKey: 'SD-1', rep: PRA_DEMO.users.alex.username, notify: false });
    w.pra.endSession(session.lsid, { notify: false });
    const json = await fetch(w.outboundUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ event: 'support_conference_end', lsid: session.lsid }) });
    expect(await json.json()).toEqual({ status: 'queued' });
    await w.settle();
    expect(await ownComments('SD-1', session.lsid)).toHaveLength(1);
  });

  it('does not block PRA: a poison session fails on its own and the next one imports', async () => {
    w.pra.importSessionXml({
      xml: '<session_list xmlns="http://www.beyondtrust.com/sra/namespaces/API/reporting"><session lsid="dddddddddddddddddddddddddddddddd"><start_time timestamp="1733239565">2024-12-03T15:26:05+00:00</start_time><end_time timestamp="1733240467">2024-12-03T15:41:07+00:00</end_time><external_key>NOT A KEY</external_key></session></session_list>',
    });
    const next = await w.endSession({ externalKey: 'SD-1' });
    await w.settle();
    expect(await record('d'.repeat(32))).toMatchObject({ status: 'unmatched', reason: 'The session\'s external key "NOT A KEY" is not a Jira issue key.' });
    expect(await ownComments('SD-1', next)).toHaveLength(1);
    expect(w.pra.outboundQueue('jira')).toEqual([]);
  });

  it('records sessions without a ticket as unmatched instead of retrying them', async () => {
    const noKey = await w.endSession({});
    const unknown = await w.endSession({ externalKey: 'SD-999' });
    await w.settle();
    expect(await record(noKey)).toMatchObject({ status: 'unmatched', reason: 'The session has no external key, so there is no ticket to import it to.' });
    expect(await record(unknown)).toMatchObject({ status: 'unmatched', reason: 'Ticket SD-999 was not found, or the app cannot see it.' });
    const failed = (await w.configCall('listImportActivity')).events.filter((e: { outcome: string }) => e.outcome === 'failed');
    expect(failed.some((e: { lsid?: string }) => e.lsid === unknown)).toBe(true);
  });
});

describe('content rules', () => {
  it('leaves out the event types excluded in the settings', async () => {
    await w.configure({ excludedEventTypes: ['Chat Message', 'Session Mouse Left Clicked'] });
    try {
      const lsid = await w.endSession({
        externalKey: 'SD-1',
        events: [
          { eventType: 'Chat Message', performedBy: 'rep', body: 'secret chat that must not appear' },
          { eventType: 'Session Mouse Left Clicked', performedBy: 'rep' },
          { eventType: 'Session Note Added', performedBy: 'rep', body: 'note stays' },
        ],
      });
      await w.settle();
      const text = adfText((await ownComments('SD-1', lsid))[0]!.body);
      expect(text).not.toContain('secret chat');
      expect(text).not.toContain('Chat Messages');
      expect(text).not.toMatch(/UTC {2}Session Mouse Left Clicked/);
      expect(text).toContain('note stays');
    } finally {
      await w.configure();
    }
  });

  it('imports a 10,000-event session as at most ten parts under the limit, with the full log attached', async () => {
    const session = w.pra.createLargeSession({ externalKey: 'SD-1', eventCount: 10_000, chatLength: 2_000, invalidXmlEvery: 50, rep: PRA_DEMO.users.alex.username, notify: true });
    await w.settle();
    const comments = await ownComments('SD-1', session.lsid);
    expect(comments.length).toBeGreaterThan(1);
    expect(comments.length).toBeLessThanOrEqual(10);
    for (const c of comments) expect(JSON.stringify(c.body).length).toBeLessThanOrEqual(32_767);
    const imported = await record(session.lsid);
    expect(imported.status).toBe('done');
    expect(imported.reason).toBeUndefined();
    // 2,000-character chats make a 15 MB transcript: over Jira's 10 MB limit, so both logs are zipped
    const files = await w.attachments('SD-1');
    const transcript = files.find((a) => a.filename === `pra-session-${session.lsid}-transcript.txt.zip`)!;
    const csv = files.find((a) => a.filename === `pra-session-${session.lsid}-events.csv.zip`)!;
    expect(transcript.size).toBeLessThan(10 * 1024 * 1024);
    const zipBytes = Buffer.from(await (await fetch(`${w.jiraUrl}/__sim/attachments/${csv.id}/content`)).arrayBuffer());
    const rows = unzipLines(zipBytes, `pra-session-${session.lsid}-events.csv`);
    expect(rows).toBeGreaterThan(10_000);
  }, 180_000); // the 10,000-event import can take long on a loaded machine
});

describe('recordings and auto-association', () => {
  it('attaches a recording that fits, and links one that does not, saying why', async () => {
    await w.configure({ attachRecordings: true, recordingMaxMb: 1 });
    try {
      const small = await w.endSession({ externalKey: 'SD-7', recording: { size: 300_000, container: 'mp4' } });
      const webm = await w.endSession({ externalKey: 'SD-7', recording: { size: 5_000, container: 'webm' } });
      const unknown = await w.endSession({ externalKey: 'SD-7', recording: { size: 2_000 } });
      const big = await w.endSession({ externalKey: 'SD-7', recording: { size: 2 * 1024 * 1024 } });
      const expired = await w.endSession({ externalKey: 'SD-7', recording: { size: 1000, expired: true } });
      await w.settle();
      const files = await w.attachments('SD-7');
      const recording = files.find((f) => f.filename.startsWith(`pra-session-${small}-recording.`));
      expect(recording?.size).toBe(300_000);
      // named and typed after the container its first bytes show
      expect(recording).toMatchObject({ filename: `pra-session-${small}-recording.mp4`, mimeType: 'video/mp4' });
      expect(adfText((await ownComments('SD-7', small))[0]!.body)).toContain(`The recording is attached as pra-session-${small}-recording.mp4 (MP4, `);
      expect(files.find((f) => f.filename.startsWith(`pra-session-${webm}-recording.`))).toMatchObject({ filename: `pra-session-${webm}-recording.webm`, mimeType: 'video/webm' });
      // not recognised: .bin, and the comment says why
      expect(files.find((f) => f.filename.startsWith(`pra-session-${unknown}-recording.`))).toMatchObject({ filename: `pra-session-${unknown}-recording.bin`, mimeType: 'application/octet-stream' });
      expect(adfText((await ownComments('SD-7', unknown))[0]!.body)).toMatch(/its format could not be recognised \(its first bytes \(([0-9a-f]{2} ){7}[0-9a-f]{2}\) match no video container the app knows: MP4, QuickTime, WebM, Matroska, FLV, AVI, Ogg\), so it is saved as \.bin\./);
      expect(files.some((f) => f.filename.startsWith(`pra-session-${big}-recording`))).toBe(false);
      expect(adfText((await ownComments('SD-7', small))[0]!.body)).toContain(`The recording is attached as ${recording!.filename}`);
      expect(adfText((await ownComments('SD-7', big))[0]!.body)).toContain('The recording was not attached: it is larger than 1.0 MB (the limit set in the integration settings).');
      expect(adfText((await ownComments('SD-7', expired))[0]!.body)).toContain('The recording was not attached: the appliance answered "This recording has expired');
    } finally {
      await w.configure();
    }
  });

  it('assigns the ticket to the Jira user matching the primary representative, or says why not', async () => {
    await w.configure({ autoAssociateUser: true });
    try {
      const matched = await w.endSession({ externalKey: 'SD-3', rep: PRA_DEMO.users.casey.username });
      await w.settle();
      const issue = await (await fetch(`${w.jiraUrl}/__sim/issues/SD-3`)).json();
      expect(issue.assignee).toBe(DEMO.users.technician2);
      expect(adfText((await ownComments('SD-3', matched))[0]!.body)).toContain('Assignee set to Casey Nguyen, the Jira user matching the primary representative Casey Nguyen (cnguyen)');

      const stranger = await w.endSession({ externalKey: 'SD-3', rep: { username: 'nobody', displayName: 'Nobody Known' } });
      await w.settle();
      expect(adfText((await ownComments('SD-3', stranger))[0]!.body)).toContain('Assignee not changed: no Jira user matches the primary representative Nobody Known (nobody).');
      expect((await (await fetch(`${w.jiraUrl}/__sim/issues/SD-3`)).json()).assignee).toBe(DEMO.users.technician2);
    } finally {
      await w.configure();
    }
  });
});

describe('admin actions', () => {
  it('retries a failed import and re-imports a done one on purpose', async () => {
    w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { reporting: false } });
    const lsid = await w.endSession({ externalKey: 'SD-7' });
    await w.settle();
    expect(await record(lsid)).toMatchObject({ status: 'failed', canRetry: true });
    w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { reporting: true } });

    expect(await w.configCall('retryImport', { lsid })).toMatchObject({ ok: true });
    await w.settle();
    expect(await record(lsid)).toMatchObject({ status: 'done' });
    expect(await ownComments('SD-7', lsid)).toHaveLength(1);

    expect((await w.configCall('retryImport', { lsid })).error.message).toMatch(/already imported/);
    const first = (await ownComments('SD-7', lsid))[0]!.id;
    expect(await w.configCall('reimportSession', { lsid })).toMatchObject({ ok: true });
    await w.settle();
    // the new import replaces the earlier one (see reimport.test.ts)
    const again = await ownComments('SD-7', lsid);
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(first);
    expect((await w.configCall('retryImport', { lsid: 'nope' })).error.message).toMatch(/not a PRA session ID/);
    expect((await w.configCall('listImportActivity', {}, DEMO.users.technician)).error.code).toBe('FORBIDDEN');
  });
});
