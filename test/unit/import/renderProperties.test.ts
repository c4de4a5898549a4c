/**
 * Property-based tests (fast-check) of the comment rendering with hostile text: quotes, backslashes, Windows
 * paths, emoji, CJK, control characters, 10,000-character lines and sessions made of one event type. For any
 * session: rendering never throws, every part is at most 32,767 UTF-8 bytes of serialized ADF and valid ADF,
 * there are at most ten parts, and every note and chat message is in a comment or in the attached transcript.
 */
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { renderSession, COMMENT_CHAR_LIMIT } from '../../../src/import/render/renderSession';
import { transcriptText } from '../../../src/import/render/transcriptAndEventLog';
import { byteSize } from '../../../src/import/render/size';
import type { SessionEvent, SessionReport } from '../../../src/import/sessionReport';
import { commentText, fileText } from '../../../src/shared/text';
import { validateAdf } from '../../../sandbox/jira-simulator/adfValidation';

const HOSTILE = ['"', "'", '\\', 'C:\\Program Files\\Müller\\"x".exe', '😀', '👩‍👩‍👧', '漢字テスト', '\u0000', '\u0007', '\u001B[31m', '\u000B', '\u000C', '\r\n', '\r', '\u0085', '\u2028', '\u2029', '\u009B', '\uD800', '&lt;', '<b>', '\t', ' '];

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 30 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE).map((s) => s.repeat(Math.ceil(10_000 / s.length)).slice(0, 10_000)) },
);

const TYPES = ['Chat Message', 'Session Note Added', 'File Upload', 'File Download Failed', 'File Moved', 'System Information Retrieved', 'Session Foreground Window Changed', 'Session Mouse Left Clicked'];

const party = fc.option(hostileText.map((name) => ({ type: 'representative', name })), { nil: undefined });

const event: fc.Arbitrary<SessionEvent> = fc.record({
  timestamp: fc.integer({ min: 0, max: 2_000_000_000 }),
  type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: hostileText }),
  performedBy: party,
  destination: party,
  body: fc.option(hostileText, { nil: undefined }),
  filename: fc.option(hostileText, { nil: undefined }),
  filesize: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: undefined }),
  files: fc.array(fc.record({ filename: hostileText, filesize: fc.option(fc.nat(), { nil: undefined }) }), { maxLength: 3 }),
  data: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
  systemInformation: fc.array(
    fc.record({
      name: hostileText,
      columns: fc.array(fc.record({ key: hostileText, label: hostileText }), { maxLength: 3 }),
      rows: fc.array(fc.dictionary(hostileText, hostileText, { maxKeys: 3 }), { maxLength: 5 }),
    }),
    { maxLength: 2 },
  ),
});

function report(events: SessionEvent[], header: { jumpItem?: string; externalKey?: string; rep?: string }): SessionReport {
  return {
    lsid: '0123456789abcdef0123456789abcdef',
    startTime: 1733239565,
    endTime: 1733243165,
    externalKey: header.externalKey,
    customAttributes: header.externalKey ? [{ displayName: header.externalKey, codeName: 'x', value: header.externalKey }] : [],
    recordingViewUrl: header.jumpItem ? `https://pra.example.com/x?${header.jumpItem}` : undefined,
    chatViewUrl: header.rep,
    commandShellRecordings: [],
    jumpItem: header.jumpItem,
    primaryRep: header.rep ? { name: header.rep } : undefined,
    endpoints: [{ hostname: header.jumpItem, username: header.rep }],
    representatives: header.rep ? [{ displayName: header.rep, username: header.rep, owner: true, invited: false }] : [],
    events,
  };
}

const header = fc.record({ jumpItem: fc.option(hostileText, { nil: undefined }), externalKey: fc.option(hostileText, { nil: undefined }), rep: fc.option(hostileText, { nil: undefined }) });

/** Each paragraph's text with hard breaks as "\n" (how a reader sees a chat message or note). */
function paragraphsOf(node: any, out: string[] = []): string[] {
  if (node?.type === 'paragraph') out.push((node.content ?? []).map((c: any) => (c.type === 'hardBreak' ? '\n' : (c.text ?? ''))).join(''));
  for (const child of node?.content ?? []) paragraphsOf(child, out);
  return out;
}

function checkSession(r: SessionReport, excluded: string[]): void {
  const out = renderSession(r, { excludedEventTypes: excluded, applianceHost: 'pra.example.com' });
  expect(out.parts.length).toBeGreaterThan(0);
  expect(out.parts.length).toBeLessThanOrEqual(10);
  for (const part of out.parts) {
    expect(byteSize(part)).toBeLessThanOrEqual(COMMENT_CHAR_LIMIT);
    expect(validateAdf(part)).toBeNull();
    expect(JSON.stringify(part)).not.toContain('\uFFFD');
  }
  const shown = out.parts.flatMap((p) => paragraphsOf(p)).join('\n');
  const transcript = transcriptText(r, excluded);
  for (const e of r.events) {
    if (!e.body || excluded.includes(e.type) || (e.type !== 'Chat Message' && e.type !== 'Session Note Added')) continue;
    if (out.shortened) expect(transcript.includes(fileText(e.body))).toBe(true);
    else expect(shown.includes(commentText(e.body))).toBe(true);
  }
}

describe('rendering hostile sessions (property-based)', () => {
  it('stays within the limits and loses no note or chat message, for mixed sessions', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 120 }), header, fc.subarray(TYPES, { maxLength: 2 }), (events, h, excluded) => checkSession(report(events, h), excluded)),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  }, 120_000); // 60 generated sessions: a loaded machine can take over jest's default 30 s

  it('stays within the limits for long sessions made of one event type repeated', () => {
    fc.assert(
      fc.property(event, fc.integer({ min: 1, max: 2500 }), header, (one, count, h) => {
        const events = Array.from({ length: count }, (_, i) => ({ ...one, timestamp: one.timestamp + i }));
        checkSession(report(events, h), []);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
