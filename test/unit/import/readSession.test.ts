/**
 * Reading a session as a stream: the digest and both files come out of one pass over the body, whatever its
 * chunking, and the site's upload limit is looked up only for a large report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readSession } from '../../../src/import/readSession';

const LSID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const FIXTURE = readFileSync(path.resolve(__dirname, '../../fixtures/pra-reports/access-session-references.xml'), 'utf8');

/** The fixture with its chat and note events repeated `times` times. */
function repeated(times: number): string {
  const start = FIXTURE.indexOf('<event timestamp="1733239600"');
  const end = FIXTURE.indexOf('<event timestamp="1733240467"');
  return FIXTURE.slice(0, start) + FIXTURE.slice(start, end).repeat(times) + FIXTURE.slice(end);
}

const source = (text: string, size: number) => async (sink: (chunk: Uint8Array) => Promise<void>) => {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) await sink(bytes.subarray(i, i + size));
};

describe('reading a session as a stream', () => {
  it('builds the digest and plain files from a small report without asking for the upload limit', async () => {
    let asked = 0;
    const read = await readSession(source(FIXTURE, 13), LSID, [], async () => {
      asked += 1;
      return 10_000_000;
    });
    if (read.kind !== 'session') throw new Error(read.kind);
    expect(read.digest).toMatchObject({ events: 7, chat: 2, notes: 1, fileOps: 1 });
    const files = await read.files(10_000_000);
    expect(files.transcript.filename).toBe(`pra-session-${LSID}-transcript.txt`);
    expect(files.events.filename).toBe(`pra-session-${LSID}-events.csv`);
    const transcript = files.transcript.bytes.toString('utf8');
    expect(transcript).toContain("Jump Item: Müller's PC");
    expect(transcript).toContain("It's done — 5\u2009GB freed");
    expect(transcript).toContain('Danke!\\x07\nZeile 2');
    expect(files.events.bytes.toString('utf8').split('\r\n')).toHaveLength(7 + 2);
    expect(asked).toBe(0);
  });

  it('asks for the upload limit once for a large report and zips what exceeds 1 MB', async () => {
    let asked = 0;
    const read = await readSession(source(repeated(2500), 64 * 1024), LSID, ['Session Note Added'], async () => {
      asked += 1;
      return 10_000_000;
    });
    if (read.kind !== 'session') throw new Error(read.kind);
    expect(asked).toBe(1);
    expect(read.digest).toMatchObject({ chat: 5000, notes: 0 });
    const files = await read.files(10_000_000);
    expect(files.events.filename).toBe(`pra-session-${LSID}-events.csv.zip`);
    expect(files.events.bytes.length).toBeLessThan(files.events.textBytes / 10);
  });

  it('leaves the excluded event types out of the files too', async () => {
    const read = await readSession(source(FIXTURE, 4096), LSID, ['Chat Message'], async () => 10_000_000);
    if (read.kind !== 'session') throw new Error(read.kind);
    const files = await read.files(10_000_000);
    expect(files.transcript.bytes.toString('utf8')).not.toContain("It's done");
    expect(files.events.bytes.toString('utf8')).not.toContain('Chat Message');
  });

  it('says a cut-off report is incomplete', async () => {
    const cut = FIXTURE.slice(0, FIXTURE.indexOf('</event>', FIXTURE.indexOf('Session Note Added')) + '</event>'.length);
    const read = await readSession(source(cut, 100), LSID, [], async () => 10_000_000);
    expect(read.kind).toBe('incomplete');
  });
});
