/**
 * Crash safety (issue 13 item 1): the sandbox process is killed with SIGKILL (nothing saved on the way out)
 * at random points while a ten-part session import is under way, then started again on the same data.
 * Every write a simulator acknowledged was saved before its answer left, and the app's KVS is written
 * through, so after the last restart the ticket holds exactly one complete set of parts, and no comment id
 * is ever handed out twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { expectAs } from '../../helpers/expectAs';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// `node --import tsx`, not the tsx binary: the binary runs the script in a child process that a SIGKILL
// of the binary would leave running.
const TSX_LOADER = ['--import', 'tsx'];
const CHILD = path.join(ROOT, 'test', 'helpers', 'sandboxProcess.ts');
const MARKER = 'beyondtrust-pra-session';

const work = mkdtempSync(path.join(tmpdir(), 'sandbox-crash-'));
const dataDir = path.join(work, 'data');
const consoleDir = path.join(work, 'console');
mkdirSync(path.join(consoleDir, 'assets'), { recursive: true });
writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(path.join(consoleDir, 'uikit.html'), '<!doctype html><title>uikit</title>');

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function startChild(): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...TSX_LOADER, CHILD, dataDir, consoleDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    let err = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready: ${err.slice(-2000)}`)));
  });
}

function killChild(): Promise<void> {
  const proc = child!;
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

async function call<T = any>(base: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface Part {
  id: string;
  part: number;
  parts: number;
}

async function importedParts(base: string, lsid: string): Promise<Part[]> {
  const issue = await call<{ comments: Array<{ id: string; properties: Array<{ key: string; value: any }> }> }>(base, 'GET', '/jira/__sim/issues/SD-1');
  return issue.comments.flatMap((c) => {
    const marker = c.properties.find((p) => p.key === MARKER)?.value;
    return marker?.lsid === lsid ? [{ id: c.id, part: marker.part as number, parts: marker.parts as number }] : [];
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a sandbox killed during an import', () => {
  it('ends with exactly one complete set of comment parts and no reused comment ids', async () => {
    const plan: string[] = [];
    const t0 = Date.now();
    const stamp = (what: string) => plan.push(`${((Date.now() - t0) / 1000).toFixed(1)} s ${what}`);
    let base = await startChild();
    // A little Jira latency widens the window in which the import is half done.
    await call(base, 'PUT', '/jira/__sim/faults/latency', { latencyMs: 400 });
    const session = await call<{ lsid: string }>(base, 'POST', '/pra/__sim/sessions/large', {
      eventCount: 6000,
      chatLength: 1500,
      jumpItem: { name: 'WORKSTATION-01' },
      rep: 'arivera',
      externalKey: 'SD-1',
    });
    /** Every comment id seen so far, with the part it was: an id must never come back as something else. */
    const seen = new Map<string, number>();
    const observe = (parts: Part[]) => {
      for (const p of parts) {
        expectAs(`comment id ${p.id} reused (${plan.join('; ')})`, seen.get(p.id) ?? p.part).toBe(p.part);
        seen.set(p.id, p.part);
      }
    };

    // First kill at a random moment (maybe before the event even reached the app), then twice when a
    // random number of parts has landed.
    const firstDelay = Math.floor(Math.random() * 2500);
    stamp(`kill after ${firstDelay} ms`);
    await sleep(firstDelay);
    observe(await importedParts(base, session.lsid));
    await killChild();

    /** Every comment seen before a kill was acknowledged (Jira served it): it is still there after the restart. */
    const nothingLost = (parts: Part[]) => {
      const now = new Map(parts.map((p) => [p.id, p.part]));
      for (const [id, part] of seen) expectAs(`comment ${id} (part ${part}) lost (${plan.join('; ')})`, now.get(id)).toBe(part);
    };

    for (let round = 0; round < 2; round += 1) {
      base = await startChild();
      const restored = await importedParts(base, session.lsid);
      nothingLost(restored);
      const before = restored.length;
      // The digest's part count is in every part's marker (at most ten); until one is seen, assume ten.
      const planned = restored[0]?.parts ?? 10;
      // A random number of further parts, so the kill lands while the import is under way.
      const target = Math.min(planned - 1, before + 1 + Math.floor(Math.random() * Math.max(1, planned - 1 - before)));
      stamp(`restart with ${before} parts, kill at ≥ ${target}`);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const parts = await importedParts(base, session.lsid);
        observe(parts);
        if (parts.length >= target || parts.length >= (parts[0]?.parts ?? 10) || Date.now() > deadline) break;
        await sleep(15);
      }
      await killChild();
    }

    base = await startChild();
    stamp('final restart');
    nothingLost(await importedParts(base, session.lsid));
    const settling = Date.now();
    expect(await call(base, 'POST', '/sandbox/api/wait-idle', { timeoutMs: 60_000 })).toEqual({ idle: true });
    stamp(`settled in ${Date.now() - settling} ms`);
    const parts = await importedParts(base, session.lsid);
    observe(parts);
    const total = parts[0]?.parts ?? 0;
    console.log(plan.join('; '));
    // a multi-part import (the digest of this session needs several parts; at most ten for any session)
    expectAs(plan.join('; '), total).toBeGreaterThanOrEqual(4);
    expectAs(plan.join('; '), total).toBeLessThanOrEqual(10);
    expectAs(plan.join('; '), parts.map((p) => p.part).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(parts.map((p) => p.id)).size).toBe(parts.length);
    // Later comments get later ids: the id sequence carried on across every crash.
    const ids = parts.sort((a, b) => a.part - b.part).map((p) => Number(p.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    await killChild();
  }, 180_000);
});
