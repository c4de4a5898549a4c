/**
 * Bounded storage under a misbehaving appliance (issue 12.5): a sender with a valid token that floods
 * the Outbound Event URL with ignored and duplicate events adds at most one event-log entry per kind
 * and hour, each counting its events and keeping the latest example; every request still gets 200.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COALESCED_KINDS } from '../../../src/import/eventLog';
import { startImportWorld, type ImportWorld } from './importFixture';

let w: ImportWorld;
beforeAll(async () => {
  w = await startImportWorld();
});
afterAll(() => w.close());

const eventLogKeys = (): string[] =>
  (w.host.database.db.prepare("SELECT key FROM kvs WHERE key LIKE 'event-log:%' ORDER BY key").all() as Array<{ key: string }>).map((r) => r.key);

/** Hostile, varied bodies: every field differs between requests, so nothing but the kind can group them. */
function hostileEvent(i: number): { fields?: Record<string, string>; raw?: string } {
  const junk = `${i} "q" \\ C:\\Windows\\x ${'💥'.repeat(i % 3)} 中文 &amp;&#x0; ${'z'.repeat(i % 50)}`;
  switch (i % 5) {
    case 0:
      return { fields: { event: `support_conference_${junk}`, lsid: 'a'.repeat(32) } };
    case 1:
      return { fields: { lsid: junk } };
    case 2:
      return { fields: { event: 'support_conference_end', external_key: junk } };
    case 3:
      return { fields: { event: 'support_conference_end', lsid: `../${junk}` } };
    default:
      return { raw: `{"event": "support_conference_end", "lsid": "${junk}` };
  }
}

describe('a flood of ignored and duplicate events', () => {
  it('adds at most one entry per kind and hour, counting every event and keeping the latest example', async () => {
    const before = new Set(eventLogKeys());
    const lsid = await w.endSession({ externalKey: 'SD-1' });
    await w.settle();
    const N = 250;
    for (let i = 0; i < N; i++) {
      const { fields, raw } = hostileEvent(i);
      const res = raw
        ? await fetch(w.outboundUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: raw })
        : await w.postEvent(fields!);
      expect(res.status).toBe(200);
    }
    const D = 40;
    for (let i = 0; i < D; i++) expect((await w.postEvent({ event: 'support_conference_end', lsid, external_key: `SD-${i}` })).status).toBe(200);

    const added = eventLogKeys().filter((k) => !before.has(k));
    // Two hours at most (the flood may cross an hour boundary), 6 kinds used here.
    expect(added.length).toBeLessThanOrEqual(2 * 6);
    expect(added.every((k) => /^event-log:\d{13}:hour-[a-z-]+$/.test(k))).toBe(true);
    expect(COALESCED_KINDS.length).toBe(7);

    const events = (await w.configCall('listImportActivity')).events as Array<{ outcome: string; reason: string; count?: number; lsid?: string; externalKey?: string; at: string; firstAt?: string }>;
    const counted = events.filter((e) => e.count !== undefined);
    const total = (pred: (e: (typeof counted)[number]) => boolean) => counted.filter(pred).reduce((n, e) => n + (e.count ?? 0), 0);
    expect(total((e) => e.outcome === 'duplicate')).toBe(D);
    expect(total((e) => e.outcome === 'ignored')).toBeGreaterThanOrEqual(N);
    const duplicate = counted.find((e) => e.outcome === 'duplicate')!;
    expect(duplicate).toMatchObject({ lsid, externalKey: `SD-${D - 1}` });
    expect(duplicate.firstAt! <= duplicate.at).toBe(true);
    // Newest first by the latest occurrence.
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort().reverse());
  });
});
