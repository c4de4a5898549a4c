import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAccessSession, type SessionEvent, type SessionReport } from '../../../src/import/sessionReport';
import { COMMENT_CHAR_LIMIT, renderSession } from '../../../src/import/render/renderSession';
import { eventsCsv, transcriptText } from '../../../src/import/render/transcriptAndEventLog';
import { byteSize } from '../../../src/import/render/size';
import { validateAdf } from '../../../sandbox/jira-simulator/adfValidation';

const fixture = (name: string, lsid: string): SessionReport => {
  const r = parseAccessSession(readFileSync(path.resolve(__dirname, '../../fixtures/pra-reports', name), 'utf8'), lsid);
  if (r.kind !== 'session') throw new Error(r.kind);
  return r.report;
};
const quirks = () => fixture('access-session-quirks.xml', '0123456789abcdef0123456789abcdef');
const references = () => fixture('access-session-references.xml', 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
const HOST = 'pra.example.com';

/** All text of a document, in order. */
function textOf(node: unknown): string {
  const n = node as { text?: string; content?: unknown[] };
  return (n.text ?? '') + (n.content ?? []).map(textOf).join('|');
}
function marksOf(node: unknown): Array<{ type: string; attrs?: { href?: string } }> {
  const n = node as { marks?: Array<{ type: string }>; content?: unknown[] };
  return [...(n.marks ?? []), ...(n.content ?? []).flatMap(marksOf)];
}

function bigSession(events: number, chatLength: number): SessionReport {
  const base = quirks();
  const list: SessionEvent[] = [];
  for (let i = 0; i < events; i++) {
    const chat = i % 10 === 0;
    list.push({
      timestamp: 1733239565 + i,
      type: chat ? 'Chat Message' : i % 10 === 1 ? 'Session Foreground Window Changed' : 'Session Mouse Left Clicked',
      performedBy: { type: 'representative', name: 'Taylor Tech' },
      destination: chat ? { type: 'customer', name: 'WORKSTATION-01' } : undefined,
      body: chat ? `message ${i} ${'x'.repeat(chatLength)}` : undefined,
      files: [],
      data: i % 10 === 1 ? { exeName: 'notepad.exe', windowName: `Untitled ${i}` } : {},
      systemInformation: [],
    });
  }
  return { ...base, events: list };
}

function repeated(report: SessionReport, count: number, make: (i: number) => Partial<SessionEvent>): SessionReport {
  const events: SessionEvent[] = [];
  for (let i = 0; i < count; i++) events.push({ timestamp: 1733239565 + i, type: 'Session Mouse Left Clicked', files: [], data: {}, systemInformation: [], ...make(i) });
  return { ...report, events };
}

const allText = (out: { parts: unknown[] }) => out.parts.map(textOf).join('\n');

function expectWithinLimits(out: { parts: unknown[] }) {
  expect(out.parts.length).toBeGreaterThan(0);
  expect(out.parts.length).toBeLessThanOrEqual(10);
  for (const part of out.parts) {
    expect(byteSize(part as never)).toBeLessThanOrEqual(COMMENT_CHAR_LIMIT);
    expect(validateAdf(part)).toBeNull();
  }
}

describe('session rendering', () => {
  it('renders every section of a small session into one valid comment, times in UTC', () => {
    const out = renderSession(quirks(), { excludedEventTypes: [], assigneeNote: 'Assignee set to Taylor Tech (primary representative).', applianceHost: HOST });
    expect(out.parts).toHaveLength(1);
    expect(out.shortened).toBe(false);
    const part = out.parts[0]!;
    expect(validateAdf(part)).toBeNull();
    const text = textOf(part);
    for (const heading of ['Session Details', 'User Information', 'System Information', 'File Transfers', 'Chat Messages', 'Session Notes', 'Session Recordings', 'Session Events']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('2024-12-03 15:26:05 UTC');
    expect(text).toContain('1h 00m 00s');
    expect(text).toContain('Change Ticket: CHG-9');
    expect(text).toContain('Helper & Co');
    expect(text).toContain('Assignee set to Taylor Tech');
    expect(text).toContain('C:\\logs\\b.log');
    expect(text).toContain('C:\\temp\\x.txt → C:\\temp\\y.txt');
    expect(text).toContain('explorer.exe');
    expect(text).toContain('Processes: retrieved 2024-12-03 15:30:00 UTC; 2 rows in all.');
  });

  it('keeps PRA text plain and makes links only to https URLs on the configured appliance', () => {
    const part = renderSession(quirks(), { excludedEventTypes: [], applianceHost: HOST }).parts[0]!;
    const marks = marksOf(part);
    expect(marks.filter((m) => m.type !== 'link' && m.type !== 'strong')).toEqual([]);
    const hrefs = marks.filter((m) => m.type === 'link').map((m) => m.attrs!.href!);
    expect(hrefs.length).toBe(5);
    expect(hrefs.every((h) => h.startsWith('https://pra.example.com/'))).toBe(true);
    expect(JSON.stringify(part)).not.toContain('"href":"javascript');
    expect(textOf(part)).toContain('download: javascript:alert(1)');
    // markup in chat stays literal text
    expect(textOf(part)).toContain('<b>markup</b> and **stars**');
  });

  it('shows a report URL on another host as plain text, never as a link', () => {
    const part = renderSession(references(), { excludedEventTypes: [], applianceHost: HOST }).parts[0]!;
    const hrefs = marksOf(part).filter((m) => m.type === 'link').map((m) => m.attrs!.href!);
    expect(hrefs.some((h) => h.includes('phish.example.net'))).toBe(false);
    expect(hrefs.length).toBe(2);
    expect(textOf(part)).toContain('Session recording (view in PRA): https://phish.example.net/session_download');
    const lookalike = { ...references(), recordingViewUrl: 'https://pra.example.com.evil.net/x', recordingDownloadUrl: 'http://pra.example.com/x', chatViewUrl: 'https://user@pra.example.com/x', chatDownloadUrl: undefined };
    expect(marksOf(renderSession(lookalike, { excludedEventTypes: [], applianceHost: HOST }).parts[0]!).filter((m) => m.type === 'link')).toEqual([]);
    // without a configured appliance nothing is a link
    expect(marksOf(renderSession(references(), { excludedEventTypes: [] }).parts[0]!).filter((m) => m.type === 'link')).toEqual([]);
  });

  it('decodes references and applies the control-character rule to comments: line breaks, nothing else', () => {
    const out = renderSession(references(), { excludedEventTypes: [] });
    const text = textOf(out.parts[0]!);
    expect(text).toContain("It's done — 5\u2009GB freed; type &lt;Enter&gt; & wait");
    expect(text).toContain('Müller');
    expect(text).not.toMatch(/&#\d+;|&#x/);
    const json = JSON.stringify(out.parts[0]);
    expect(json).not.toContain('\\u0007');
    expect(json).not.toContain('\\u001b');
    expect(json).not.toContain('\uFFFD');
    // "Danke!\a\r\nZeile 2\vZeile 3\fSeite 2\e[0m": every separator a hard break, BEL and ESC removed
    expect(text).toContain('Danke!||Zeile 2||Zeile 3||Seite 2[0m');
    const quirksText = textOf(renderSession(quirks(), { excludedEventTypes: [] }).parts[0]!);
    expect(quirksText).toContain('Control char:  bell');
  });

  it('applies the control-character rule to the files: line breaks, and visible escapes', () => {
    const transcript = transcriptText(references(), []);
    expect(transcript.startsWith("BeyondTrust PRA session a1b2c3d4e5f60718293a4b5c6d7e8f90\nJump Item: Müller's PC\nStart: 2024-12-03 15:26:05 UTC\nEnd: 2024-12-03 15:41:07 UTC\n")).toBe(true);
    expect(transcript.endsWith('\n-- 2 chat messages, 1 session notes.\n')).toBe(true);
    expect(transcript).toContain('Danke!\\x07\nZeile 2\nZeile 3\nSeite 2\\x1B[0m');
    expect(transcript).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/);
    const csv = eventsCsv(references(), []);
    expect(csv).toContain('"Danke!\\x07\nZeile 2\nZeile 3\nSeite 2\\x1B[0m"');
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\r]/);
  });

  it('leaves out excluded event types everywhere and says which were excluded', () => {
    const out = renderSession(quirks(), { excludedEventTypes: ['Chat Message', 'Session Mouse Left Clicked'] });
    const text = textOf(out.parts[0]!);
    expect(text).not.toContain('Chat Messages');
    expect(text).not.toContain('Restarting');
    expect(text).not.toContain('Session Mouse Left Clicked  ');
    expect(text).not.toMatch(/Session Mouse Left Clicked\|\d/);
    expect(text).toContain('Event types excluded by the integration\'s settings: Chat Message, Session Mouse Left Clicked.');
  });

  it('omits sections that are empty', () => {
    const r = { ...quirks(), events: [], representatives: [], endpoints: [], commandShellRecordings: [], chatViewUrl: undefined, chatDownloadUrl: undefined, recordingViewUrl: undefined, recordingDownloadUrl: undefined };
    const text = textOf(renderSession(r, { excludedEventTypes: [] }).parts[0]!);
    expect(text).toContain('Session Details');
    for (const heading of ['System Information', 'File Transfers', 'Chat Messages', 'Session Notes', 'Session Recordings', 'Session Events']) {
      expect(text).not.toContain(heading);
    }
  });

  it('splits a session into labelled parts under the limit, each valid ADF', () => {
    const out = renderSession(bigSession(1500, 1500), { excludedEventTypes: [] });
    const n = out.parts.length;
    expect(n).toBeGreaterThan(1);
    expectWithinLimits(out);
    out.parts.forEach((part, i) => expect(textOf(part)).toContain(`(part ${i + 1} of ${n})`));
  });

  it('digests a 10,000-event session: every section has its share, and points at the attached files', () => {
    const report = bigSession(10_000, 2_000);
    const out = renderSession(report, { excludedEventTypes: [] });
    expectWithinLimits(out);
    expect(out.shortened).toBe(true);
    const all = allText(out);
    expect(all).toMatch(/… [\d,]+ more events \(10,000 in all\) are in the attached event log pra-session-0123456789abcdef0123456789abcdef-events\.csv …/);
    expect(all).toMatch(/… [\d,]+ more chat messages \(1,000 in all\) are in the attached transcript pra-session-0123456789abcdef0123456789abcdef-transcript\.txt\./);
    // chat shows the first and the last messages; events their counts by type and the first and last lines
    expect(all).toContain('message 0 ');
    expect(all).toContain('message 9990 ');
    expect(all).toMatch(/Session Mouse Left Clicked\|8,000/);
    expect(all).toContain('Untitled 1');
    expect(all).toContain('Untitled 9991');
    expect(transcriptText(report, [])).toContain('message 9990 ');
    expect(eventsCsv(report, []).split('\r\n').length).toBe(10_000 + 2);
  });

  it('gives 3,300 system information retrievals a summary per category, within ten parts', () => {
    const r = repeated(quirks(), 3300, (i) => ({
      type: 'System Information Retrieved',
      systemInformation: [
        { name: 'Processes', columns: [{ key: 'name', label: 'Name' }, { key: 'pid', label: 'PID' }], rows: Array.from({ length: 40 }, (_, k) => ({ name: `proc-${k}.exe`, pid: String(i * 100 + k) })) },
        { name: 'Services', columns: [{ key: 'name', label: 'Name' }], rows: [{ name: `svc-${i}` }] },
      ],
    }));
    const out = renderSession(r, { excludedEventTypes: [] });
    expectWithinLimits(out);
    const all = allText(out);
    expect(all).toMatch(/Processes: retrieved 3,300 times, first 2024-12-03 15:26:05 UTC, last [^;]+; 132,000 rows in all\./);
    expect(all).toMatch(/Services: retrieved 3,300 times/);
    expect(all).toMatch(/System Information Retrieved\|3,300/);
  });

  it('shows chat and events even when file transfers dominate a 20,000-event session', () => {
    const r = repeated(quirks(), 20_000, (i) =>
      i % 100 === 0
        ? { type: 'Chat Message', performedBy: { name: 'Taylor Tech' }, body: `chat ${i}` }
        : i % 100 === 1
          ? { type: 'Session Foreground Window Changed', data: { windowName: `window ${i}` } }
          : { type: i % 2 ? 'File Upload' : 'File Download Failed', performedBy: { name: 'Taylor Tech' }, filename: `C:\\data\\file-${i}.bin`, filesize: 1000 + i },
    );
    const out = renderSession(r, { excludedEventTypes: [] });
    expectWithinLimits(out);
    const all = allText(out);
    expect(all).toContain('chat 0');
    expect(all).toContain('chat 19900');
    expect(all).toContain('window 1');
    expect(all).toMatch(/Upload to endpoint\|9,[0-9]{3}\|/);
    expect(all).toMatch(/Download failed\|9,[0-9]{3}\|/);
    expect(all).toMatch(/The first [\d,]+ of 19,600 file operations are shown; all of them are in the attached event log/);
  });

  it('puts every note first, up to its share', () => {
    const r = repeated(quirks(), 200, (i) => (i % 2 ? { type: 'Chat Message', body: `chat ${i} ${'c'.repeat(1500)}` } : { type: 'Session Note Added', body: `note ${i}` }));
    const all = allText(renderSession(r, { excludedEventTypes: [] }));
    for (let i = 0; i < 200; i += 2) expect(all).toContain(`note ${i}`);
  });

  it.each([
    ['Session Mouse Left Clicked', {}],
    ['Chat Message', { body: 'x'.repeat(3000) }],
    ['Session Note Added', { body: '漢字😀"\\'.repeat(800) }],
    ['File Upload', { filename: 'C:\\'.repeat(400), filesize: 1 }],
  ])('keeps a session made of one event type (%s) within ten parts', (type, extra) => {
    const out = renderSession(repeated(quirks(), 30_000, () => ({ type, ...extra })), { excludedEventTypes: [] });
    expectWithinLimits(out);
  });

  it('cuts a single enormous chat message and attaches the transcript', () => {
    const r = quirks();
    r.events.push({ timestamp: 1733240500, type: 'Chat Message', performedBy: { name: 'Taylor Tech' }, body: 'y'.repeat(50_000), files: [], data: {}, systemInformation: [] });
    const out = renderSession(r, { excludedEventTypes: [] });
    expect(out.shortened).toBe(true);
    expect(transcriptText(r, [])).toContain('y'.repeat(50_000));
    expectWithinLimits(out);
  });

  it('names the attachments the notes point at as told', () => {
    const out = renderSession(bigSession(10_000, 2_000), { excludedEventTypes: [], fileNames: { transcript: 't.txt.zip', events: 'e.csv.zip' } });
    expect(allText(out)).toContain('are in the attached event log e.csv.zip');
    expect(allText(out)).toContain('are in the attached transcript t.txt.zip');
  });

  it('writes CSV that spreadsheets cannot execute', () => {
    const r = quirks();
    r.events.push({ timestamp: 1733240500, type: 'Chat Message', performedBy: { name: '=HYPERLINK("http://evil")' }, body: 'a,"b"\nc', files: [], data: {}, systemInformation: [] });
    const csv = eventsCsv(r, []);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('"a,""b""\nc"');
  });
});
