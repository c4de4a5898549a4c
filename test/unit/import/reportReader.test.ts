/**
 * The streaming AccessSession reader: every reference decoded once, reports fed in any chunking, and a
 * report that is cut off (even right after a complete </event>) never read as a complete session.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AccessSessionReader, type ReaderOutcome } from '../../../src/import/reportReader';
import { parseAccessSession } from '../../../src/import/sessionReport';
import type { SessionEvent } from '../../../src/import/sessionReport';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/pra-reports', name), 'utf8');
const LSID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

function readInPieces(bytes: Buffer, size: number, lsid = LSID): { outcome: ReaderOutcome; events: SessionEvent[] } {
  const reader = new AccessSessionReader(lsid);
  const events: SessionEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) events.push(...reader.write(bytes.subarray(i, i + size)));
  return { outcome: reader.finish(), events };
}

describe('decoding', () => {
  it('decodes every entity and character reference in text and attributes, once', () => {
    const r = parseAccessSession(fixture('access-session-references.xml'), LSID);
    if (r.kind !== 'session') throw new Error(r.kind);
    const s = r.report;
    expect(s.jumpItem).toBe("Müller's PC");
    expect(s.jumpGroup?.name).toBe('Werkstätten');
    expect(s.primaryRep?.name).toBe('Renée O\'Brien');
    expect(s.endpoints[0]!.hostname).toBe('MÜLLER-PC');
    expect(s.customAttributes).toEqual([{ displayName: 'Change — Ticket', codeName: 'change_ticket', value: 'CHG\u20119' }]);
    const chat = s.events.filter((e) => e.type === 'Chat Message');
    expect(chat[0]!.body).toBe('It\'s done — 5\u2009GB freed; type &lt;Enter&gt; & wait');
    expect(chat[0]!.performedBy?.name).toBe('Renée O\'Brien');
    expect(chat[0]!.destination?.name).toBe("Müller's PC");
    expect(chat[1]!.body).toBe('Danke!\u0007\r\nZeile 2\u000BZeile 3\u000CSeite 2\u001B[0m');
    expect(s.events.find((e) => e.type === 'File Upload')!.filename).toBe('C:\\Users\\Müller\\Desktop\\“fix”.ps1');
    expect(s.events.find((e) => e.type === 'Session Foreground Window Changed')!.data.windowName).toBe('Café – "Dateien"');
    expect(s.events.find((e) => e.type === 'Session Note Added')!.body).toBe('Kunde „zufrieden“ — ticket &amp; closed');
  });

  it('reads the same whatever the chunking, even inside a multi-byte character', () => {
    const bytes = Buffer.from(fixture('access-session-references.xml'), 'utf8');
    const whole = readInPieces(bytes, bytes.length);
    for (const size of [1, 3, 7, 64]) {
      const pieces = readInPieces(bytes, size);
      expect(pieces.outcome).toEqual(whole.outcome);
      expect(pieces.events).toEqual(whole.events);
    }
    expect(whole.outcome).toMatchObject({ kind: 'session', events: 7 });
  });
});

describe('completeness', () => {
  const xml = fixture('access-session-references.xml');

  it('reports a document cut off right after a complete </event> as incomplete', () => {
    const cut = xml.slice(0, xml.indexOf('</event>', xml.indexOf('File Upload')) + '</event>'.length);
    const r = parseAccessSession(cut, LSID);
    expect(r.kind).toBe('incomplete');
    expect(r.kind !== 'session' && r.message).toMatch(/^The AccessSession report was cut off after [\d,]+ bytes \(4 complete events\): the document does not close\.$/);
  });

  it.each([
    ['in the middle of a tag', (x: string) => x.slice(0, x.indexOf('<event', x.indexOf('Session Note')) + 4)],
    ['after </session_details>', (x: string) => x.slice(0, x.indexOf('</session_details>') + '</session_details>'.length)],
    ['after </session> without the root', (x: string) => x.slice(0, x.indexOf('</session>') + '</session>'.length)],
    ['in the header', (x: string) => x.slice(0, x.indexOf('<rep_list>'))],
  ])('reports a document cut off %s as incomplete', (_label, cut) => {
    expect(parseAccessSession(cut(xml), LSID).kind).toBe('incomplete');
  });

  it('reads the complete document as a session, and says no-data for another lsid', () => {
    expect(parseAccessSession(xml, LSID).kind).toBe('session');
    expect(parseAccessSession(xml, 'f'.repeat(32))).toEqual({ kind: 'no-data', message: `The report has no session ${'f'.repeat(32)}.` });
  });

  it('says invalid for malformed XML, another root, or nothing at all', () => {
    expect(parseAccessSession(xml.replace('</body>', '</bdy>'), LSID).kind).toBe('invalid');
    expect(parseAccessSession('<html><body>502</body></html>', LSID)).toEqual({ kind: 'invalid', message: 'Expected <session_list> in the AccessSession report, got <html>.' });
    expect(parseAccessSession('', LSID).kind).toBe('invalid');
  });

  it('passes on the appliance error message', () => {
    expect(parseAccessSession('<?xml version="1.0" encoding="UTF-8"?>\n<error >No Support report information matching your chosen criteria is available.</error>\n', LSID)).toEqual({
      kind: 'no-data',
      message: 'No Support report information matching your chosen criteria is available.',
    });
  });
});

describe('limits', () => {
  it('fails a report above the size limit, and an element above the character limit, with the reason', () => {
    const bytes = Buffer.from(fixture('access-session-references.xml'), 'utf8');
    const small = new AccessSessionReader(LSID, { maxReportBytes: 1000, maxElementChars: 1_000_000 });
    small.write(bytes);
    expect(small.finish()).toEqual({ kind: 'too-large', message: 'The AccessSession report is larger than 0 MB, more than the import can process.' });
    const narrow = new AccessSessionReader(LSID, { maxReportBytes: 10_000_000, maxElementChars: 40 });
    narrow.write(bytes);
    const outcome = narrow.finish();
    expect(outcome.kind).toBe('too-large');
  });

  it('holds one event at a time: events come out as they close', () => {
    const xml = fixture('access-session-references.xml');
    const reader = new AccessSessionReader(LSID);
    const upToChat = xml.indexOf('</event>', xml.indexOf('Chat Message')) + '</event>'.length;
    expect(reader.write(xml.slice(0, xml.indexOf('<session_details>')))).toEqual([]);
    expect(reader.header).toBeUndefined();
    const first = reader.write(xml.slice(xml.indexOf('<session_details>'), upToChat));
    expect(first.map((e) => e.type)).toEqual(['Session Start', 'Chat Message']);
    // the header is known as soon as the events begin (the transcript starts with it)
    expect(reader.header).toMatchObject({ lsid: LSID, jumpItem: "Müller's PC", endTime: 1733240467 });
    expect(reader.write(xml.slice(upToChat)).map((e) => e.type)).toEqual(['Chat Message', 'File Upload', 'Session Foreground Window Changed', 'Session Note Added', 'Session End']);
  });
});
