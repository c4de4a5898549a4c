/**
 * Change windows in the sandbox (issue 15): the seeded change tickets, and the clock API that moves the
 * app's notion of now and both simulators together, so an approval is denied before the window and
 * allowed inside it, through the PRA simulator's ticket-system caller as a PRA user would see it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

const consoleDir = mkdtempSync(path.join(tmpdir(), 'sandbox-console-'));
mkdirSync(path.join(consoleDir, 'assets'));
writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(path.join(consoleDir, 'uikit.html'), '<!doctype html><title>uikit</title>');

async function call(s: Sandbox, method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.url}${p}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({ port: 0, dataDir: null, consoleDir, queueDelayScale: 0.001 });
});
afterAll(async () => {
  await s.close();
  rmSync(consoleDir, { recursive: true, force: true });
});

const enter = (ticketId: string) => call(s, 'POST', '/pra/__sim/ticket-system/requests', { ticketId, user: 'arivera', jumpItem: { name: 'DB-SERVER-02' } });

describe('change windows in the sandbox', () => {
  it('lists the change tickets with their windows', async () => {
    const issues = (await call(s, 'GET', '/sandbox/api/issues')).body as { key: string; changeWindow: string | null; note: string }[];
    const chg2 = issues.find((i) => i.key === 'CHG-2')!;
    expect(chg2.changeWindow).toMatch(/^\d{4}-\d{2}-\d{2} 22:00 – \d{4}-\d{2}-\d{2} 23:00 UTC$/);
    expect(issues.find((i) => i.key === 'CHG-1')!.note).toMatch(/open now/);
    expect(issues.find((i) => i.key === 'SD-1')!.changeWindow).toBeNull();
  });

  it('approves CHG-1 now, denies CHG-2 until the clock is moved into its window, and the clock goes back', async () => {
    expect((await enter('CHG-1')).body).toMatchObject({ allowed: true, customAttributes: { external_key: 'CHG-1' } });
    const denied = (await enter('CHG-2')).body;
    expect(denied.allowed).toBe(false);
    expect(denied.message).toMatch(/^The change window of ticket \[CHG-2\] is \d{4}-\d{2}-\d{2} 22:00–23:00 UTC; access is allowed only within it\.$/);

    const day = /is (\d{4}-\d{2}-\d{2}) 22:00/.exec(denied.message)![1];
    const moved = await call(s, 'POST', '/sandbox/api/clock', { at: `${day}T21:45:00Z` });
    expect(moved.status).toBe(200);
    expect(moved.body.iso.slice(0, 16)).toBe(`${day}T21:45`);
    expect(Math.abs(moved.body.jira.now - moved.body.now)).toBeLessThan(1000);
    expect(moved.body.pra.offsetMs).toBe(moved.body.offsetMs);
    expect((await enter('CHG-2')).body).toMatchObject({ allowed: true, customAttributes: { external_key: 'CHG-2' } });
    // CHG-1's window (today) is over by then.
    expect((await enter('CHG-1')).body.message).toMatch(/^The change window of ticket \[CHG-1\]/);

    const back = await call(s, 'POST', '/sandbox/api/clock', { reset: true });
    expect(back.body.offsetMs).toBe(0);
    expect(back.body.jira.offsetMs).toBe(0);
    expect((await enter('CHG-1')).body.allowed).toBe(true);
  });

  it('refuses an ambiguous clock move', async () => {
    expect((await call(s, 'POST', '/sandbox/api/clock', { advanceMs: 1000, reset: true })).status).toBe(400);
    expect((await call(s, 'POST', '/sandbox/api/clock', { at: '2026-12-04T22:00:00' })).status).toBe(400);
  });
});
