/** The transcript and event log files built as the report streams by: plain when small, zipped as they go when large, cut to the upload limit. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LogFileBuilder, ZIP_ABOVE_BYTES } from '../../../src/import/logFilePackaging';

/** The member's text, read by Python's zipfile (an independent reader that checks the CRC). */
function unzip(zip: Buffer, member: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'zip-')), 'a.zip');
  writeFileSync(file, zip);
  return execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; sys.stdout.buffer.write(z.read(sys.argv[2]))', file, member], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

async function build(lines: string[], uploadLimit: number, told?: number) {
  const builder = new LogFileBuilder('log.txt', 'text/plain; charset=utf-8');
  for (const [i, line] of lines.entries()) {
    builder.write(line);
    if (told !== undefined && i === 10) builder.setUploadLimit(told);
    if (i % 100 === 0) await builder.drain();
  }
  return builder.finish(uploadLimit);
}

describe('log files', () => {
  it('keeps a small file as plain text', async () => {
    const file = await build(['a 😀\n', 'b 漢字\n'], 10_000_000);
    expect(file).toMatchObject({ filename: 'log.txt', contentType: 'text/plain; charset=utf-8', truncated: false });
    expect(file.bytes.toString('utf8')).toBe('a 😀\nb 漢字\n');
  });

  it('zips a file over 1 MB as it goes, losing nothing', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `[${i}] chat line with Müller and 😀 ${'x'.repeat(i % 80)}\n`);
    const text = lines.join('');
    expect(Buffer.byteLength(text)).toBeGreaterThan(ZIP_ABOVE_BYTES);
    const file = await build(lines, 10_000_000);
    expect(file).toMatchObject({ filename: 'log.txt.zip', contentType: 'application/zip', truncated: false });
    expect(unzip(file.bytes, 'log.txt')).toBe(text);
  });

  it('zips a file larger than a small upload limit, and cuts it with a note when even the zip would not fit', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `${i} ${Math.sin(i).toString(36)} ${Math.cos(i * 7).toString(36)}\n`);
    const limit = 200_000;
    const file = await build(lines, limit, limit);
    expect(file.filename).toBe('log.txt.zip');
    expect(file.truncated).toBe(true);
    expect(file.bytes.length).toBeLessThanOrEqual(limit);
    const text = unzip(file.bytes, 'log.txt');
    expect(text.startsWith(lines.slice(0, 100).join(''))).toBe(true);
    expect(text.endsWith("\n[Shortened to fit the Jira site's attachment size limit; the complete data is in PRA.]\n")).toBe(true);
  });

  it('zips a plain file held so far once told the limit is lower than its size', async () => {
    const file = await build(['y'.repeat(5000) + '\n'], 1000);
    expect(file.filename).toBe('log.txt.zip');
    expect(unzip(file.bytes, 'log.txt')).toBe('y'.repeat(5000) + '\n');
  });
});
