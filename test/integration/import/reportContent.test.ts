/**
 * Session import on real-shaped and broken reports served by the PRA simulator (issue 11): character
 * references decoded, control characters handled, links only to the appliance, a cut-off report never
 * imported as complete, lost upload answers not repeated, and a finished import left alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adfText, PRA_DEMO, startImportWorld, type ImportWorld } from './importFixture';

const REFERENCES = readFileSync(path.resolve(__dirname, '../../fixtures/pra-reports/access-session-references.xml'), 'utf8');

/** The real-shaped fixture as a new session for `ticket`. */
function referencesSession(lsid: string, ticket: string): string {
  return REFERENCES.replaceAll('a1b2c3d4e5f60718293a4b5c6d7e8f90', lsid).replace('<external_key>SD-1</external_key>', `<external_key>${ticket}</external_key>`);
}

/** An attached file's text: as it is, or the single member of a zip read by Python's zipfile (an independent reader). */
async function attachedText(id: string, filename: string): Promise<string> {
  const bytes = Buffer.from(await (await fetch(`${w.jiraUrl}/__sim/attachments/${id}/content`)).arrayBuffer());
  if (!filename.endsWith('.zip')) return bytes.toString('utf8');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'zip-')), 'a.zip');
  writeFileSync(file, bytes);
  const script = 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; sys.stdout.buffer.write(z.read(sys.argv[2]))';
  return execFileSync('python3', ['-c', script, file, filename.slice(0, -4)], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
}

let w: ImportWorld;
beforeAll(async () => {
  w = await startImportWorld();
});
afterAll(() => w.close());

const record = (lsid: string) => w.importRecord(lsid);
const ownComments = (key: string, lsid: string) => w.importComments(key, lsid);
const marks = (node: any): Array<{ type: string; attrs?: { href?: string } }> => [...(node?.marks ?? []), ...(node?.content ?? []).flatMap(marks)];

describe('a real-shaped report with references, control characters and a foreign link', () => {
  it('imports decoded text, line breaks instead of control characters, and links only to the appliance', async () => {
    const lsid = '1b2c3d4e5f60718293a4b5c6d7e8f901';
    w.pra.importSessionXml({ xml: referencesSession(lsid, 'SD-1') });
    await w.settle();
    const comments = await ownComments('SD-1', lsid);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    const text = adfText(body);
    expect(text).toContain("It's done — 5\u2009GB freed; type &lt;Enter&gt; & wait");
    expect(text).toContain('Kunde „zufrieden“ — ticket &amp; closed');
    expect(text).toContain('C:\\Users\\Müller\\Desktop\\“fix”.ps1');
    expect(text).toContain('Renée O\'Brien');
    expect(text).not.toMatch(/&#\d+;|&#x[0-9a-f]+;/i);
    const json = JSON.stringify(body);
    expect(json).not.toMatch(/\\u00(0[0-8]|0b|0c|0e|0f|1[0-9a-f]|7f|8[0-9a-f]|9[0-9a-f])/i);
    expect(json).not.toContain('\uFFFD');
    const hrefs = marks(body).filter((m) => m.type === 'link').map((m) => m.attrs!.href!);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => new URL(h).hostname === PRA_DEMO.host && h.startsWith('https://'))).toBe(true);
    expect(text).toContain('Session recording (view in PRA): https://phish.example.net/');
    expect(await record(lsid)).toMatchObject({ status: 'done' });
  });
});

describe('the attached transcript and event log', () => {
  it('hold every chat message with control characters as visible escapes, never raw bytes or U+FFFD', async () => {
    // every 5th chat message carries a control character, so PRA sends it as <encoded_body>
    const session = w.pra.createLargeSession({ externalKey: 'SD-3', eventCount: 2000, chatLength: 400, invalidXmlEvery: 5, rep: PRA_DEMO.users.alex.username, notify: true });
    await w.settle();
    expect(await record(session.lsid)).toMatchObject({ status: 'done' });
    const files = (await w.attachments('SD-3')).filter((f) => f.filename.startsWith(`pra-session-${session.lsid}-`));
    expect(files).toHaveLength(2);
    const transcript = await attachedText(files.find((f) => f.filename.includes('-transcript.txt'))!.id, files.find((f) => f.filename.includes('-transcript.txt'))!.filename);
    const csv = await attachedText(files.find((f) => f.filename.includes('-events.csv'))!.id, files.find((f) => f.filename.includes('-events.csv'))!.filename);
    expect(transcript.match(/\] Alex Rivera -> /g)!.length + transcript.match(/ -> Alex Rivera: /g)!.length).toBe(1200);
    expect(transcript).toContain('\\x01');
    expect(csv).toContain('\\x01');
    for (const text of [transcript, csv]) expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/);
    expect(csv.split('\r\n').length).toBeGreaterThan(2000);
    // the comments are still at most ten parts
    const parts = await ownComments('SD-3', session.lsid);
    expect(parts.length).toBeLessThanOrEqual(10);
  });
});

describe('a report cut off mid-answer', () => {
  it('is never imported as done: retried, then failed with the reason, with nothing written', async () => {
    const lsid = '2b2c3d4e5f60718293a4b5c6d7e8f902';
    const whole = referencesSession(lsid, 'SD-2');
    // HTTP 200 and a body that stops right after a complete </event>, on every attempt
    const cut = whole.slice(0, whole.indexOf('</event>', whole.indexOf('File Upload')) + '</event>'.length);
    w.pra.importSessionXml({ xml: whole, notify: false });
    w.pra.faults.add({ path: '/api/reporting', status: 200, headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: cut, count: 20 });
    try {
      await w.postEvent({ event: 'support_conference_end', lsid, external_key: 'SD-2' });
      await w.settle();
      const imported = await record(lsid);
      expect(imported.status).toBe('failed');
      expect(imported.reason).toMatch(/^The session report was not available after 10 attempts: The AccessSession report was cut off after [\d,]+ bytes \(4 complete events\): the document does not close\.$/);
      expect(await ownComments('SD-2', lsid)).toEqual([]);
    } finally {
      w.pra.faults.clear();
    }
  });

  it('imports the whole session once the appliance answers completely', async () => {
    const lsid = '3b2c3d4e5f60718293a4b5c6d7e8f903';
    const whole = referencesSession(lsid, 'SD-2');
    const cut = whole.slice(0, whole.indexOf('</event>', whole.indexOf('Chat Message')) + '</event>'.length);
    w.pra.importSessionXml({ xml: whole, notify: false });
    w.pra.faults.add({ path: '/api/reporting', status: 200, headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: cut, count: 1 });
    await w.postEvent({ event: 'support_conference_end', lsid, external_key: 'SD-2' });
    await w.settle();
    const comments = await ownComments('SD-2', lsid);
    expect(comments).toHaveLength(1);
    expect(adfText(comments[0]!.body)).toContain('Kunde „zufrieden“');
    expect(w.host.queue.list().find((e) => e.body.lsid === lsid)!.retryCount).toBe(1);
  });
});

describe('exactly once around attachments and finished imports', () => {
  it('an attachment upload whose answer is lost is not uploaded twice', async () => {
    const session = w.pra.createLargeSession({ externalKey: 'SD-8', eventCount: 3000, chatLength: 500, end: false, rep: PRA_DEMO.users.casey.username, notify: false });
    w.jira.addFault({ path: '^/rest/api/3/issue/SD-8/attachments$', method: 'POST', dropResponse: true, count: 1 });
    w.pra.endSession(session.lsid);
    await w.settle();
    expect(w.jira.listFaults().faults).toEqual([]);
    const files = (await w.attachments('SD-8')).filter((f) => f.filename.startsWith(`pra-session-${session.lsid}-`));
    // one transcript and one event log (each zipped: the session's files are over 1 MB), no second copy
    expect(files.map((f) => f.filename).sort()).toEqual([`pra-session-${session.lsid}-events.csv.zip`, `pra-session-${session.lsid}-transcript.txt.zip`]);
    expect(await record(session.lsid)).toMatchObject({ status: 'done' });
  });

  it('a session already done makes no further PRA or Jira request', async () => {
    const lsid = await w.endSession({ externalKey: 'SD-7', events: [{ eventType: 'Chat Message', performedBy: 'rep', body: 'once' }] });
    await w.settle();
    expect(await record(lsid)).toMatchObject({ status: 'done' });
    const praBefore = w.pra.counters().total;
    const jiraBefore = w.host.jiraCalls.length;
    const res = await w.postEvent({ event: 'support_conference_end', lsid, external_key: 'SD-7' });
    expect(res.status).toBe(200);
    await w.settle();
    expect(w.pra.counters().total).toBe(praBefore);
    expect(w.host.jiraCalls.length).toBe(jiraBefore);
    expect(await ownComments('SD-7', lsid)).toHaveLength(1);
  });
});
