import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAccessSession, type SessionEvent, type SessionReport } from '../../../src/import/sessionReport';
import { COMMENT_CHAR_LIMIT, renderSession } from '../../../src/import/render/renderSession';
import { eventsCsv, transcriptText } from '../../../src/import/render/files';
import { validateAdf } from '../../../sandbox/jira-simulator/adfValidation';

const fixture = (name: string, lsid: string): SessionReport => {
  const r = parseAccessSession(readFileSync(path.resolve(__dirname, '../../fixtures/pra-reports', name), 'utf8'), lsid);
  if (r.kind !== 'session') throw new Error(r.kind);
  return r.report;
};
const quirks = () => fixture('access-session-quirks.xml', '0123456789abcdef0123456789abcdef');

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

describe('session rendering', () => {
  it('renders every section of a small session into one valid comment, times in UTC', () => {
    const out = renderSession(quirks(), { excludedEventTypes: [], assigneeNote: 'Assignee set to Taylor Tech (primary representative).' });
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
    expect(text).toContain('Control char: \uFFFD bell');
    expect(text).not.toContain('\u0007');
  });

  it('keeps PRA text plain: only report URLs become links, and only http(s) ones', () => {
    const part = renderSession(quirks(), { excludedEventTypes: [] }).parts[0]!;
    const marks = marksOf(part);
    expect(marks.filter((m) => m.type !== 'link' && m.type !== 'strong')).toEqual([]);
    const hrefs = marks.filter((m) => m.type === 'link').map((m) => m.attrs!.href!);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.startsWith('https://pra.example.com/'))).toBe(true);
    expect(JSON.stringify(part)).not.toContain('"href":"javascript');
    // markup in chat stays literal text
    expect(textOf(part)).toContain('<b>markup</b> and **stars**');
  });

  it('leaves out excluded event types everywhere and says which were excluded', () => {
    const out = renderSession(quirks(), { excludedEventTypes: ['Chat Message', 'Session Mouse Left Clicked'] });
    const text = textOf(out.parts[0]!);
    expect(text).not.toContain('Chat Messages');
    expect(text).not.toContain('Restarting');
    expect(text).not.toContain('Session Mouse Left Clicked  ');
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

  it('splits a large session into labelled parts under the limit, each valid ADF', () => {
    const out = renderSession(bigSession(1500, 200), { excludedEventTypes: [] });
    const n = out.parts.length;
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThanOrEqual(10);
    out.parts.forEach((part, i) => {
      expect(JSON.stringify(part).length).toBeLessThanOrEqual(COMMENT_CHAR_LIMIT);
      expect(validateAdf(part)).toBeNull();
      expect(textOf(part)).toContain(`(part ${i + 1} of ${n})`);
    });
    const all = out.parts.map(textOf).join('\n');
    expect(all).toContain('Session Events (continued)');
    // nothing was dropped: every chat message and every event line is somewhere
    expect(out.shortened).toBe(false);
    for (let i = 0; i < 1500; i += 10) expect(all).toContain(`message ${i} `);
  });

  it('shortens a 10,000-event session to the part cap and attaches the full transcript and event log', () => {
    const report = bigSession(10_000, 2_000);
    const out = renderSession(report, { excludedEventTypes: [] });
    expect(out.parts.length).toBeLessThanOrEqual(10);
    expect(out.shortened).toBe(true);
    for (const part of out.parts) expect(JSON.stringify(part).length).toBeLessThanOrEqual(COMMENT_CHAR_LIMIT);
    const all = out.parts.map(textOf).join('\n');
    expect(all).toMatch(/Showing \d+ of 10000 events; all of them are in the attached file pra-session-0123456789abcdef0123456789abcdef-events\.csv\./);
    expect(all).toContain('pra-session-0123456789abcdef0123456789abcdef-transcript.txt');
    expect(transcriptText(report, [])).toContain('message 9990 ');
    expect(eventsCsv(report, []).split('\r\n').length).toBe(10_000 + 2);
  });

  it('cuts a single enormous chat message and attaches the transcript', () => {
    const r = quirks();
    r.events.push({ timestamp: 1733240500, type: 'Chat Message', performedBy: { name: 'Taylor Tech' }, body: 'y'.repeat(50_000), files: [], data: {}, systemInformation: [] });
    const out = renderSession(r, { excludedEventTypes: [] });
    expect(out.shortened).toBe(true);
    expect(transcriptText(r, [])).toContain('y'.repeat(50_000));
    for (const part of out.parts) expect(validateAdf(part)).toBeNull();
  });

  it('names the attachments the notes point at as told', () => {
    const out = renderSession(bigSession(10_000, 2_000), { excludedEventTypes: [], fileNames: { transcript: 't.txt.zip', events: 'e.csv.zip' } });
    expect(out.parts.map(textOf).join('\n')).toContain('all of them are in the attached file e.csv.zip.');
  });

  it('writes CSV that spreadsheets cannot execute', () => {
    const r = quirks();
    r.events.push({ timestamp: 1733240500, type: 'Chat Message', performedBy: { name: '=HYPERLINK("http://evil")' }, body: 'a,"b"\nc', files: [], data: {}, systemInformation: [] });
    const csv = eventsCsv(r, []);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('"a,""b""\nc"');
  });
});
