/**
 * npm run bench:import — figures for the session import (printed, not asserted):
 *   1. sessions of 10,000, 100,000 and 250,000 events with long chat, each in a fresh process: report size,
 *      time of the streaming parse + digest + files + rendering, and peak memory over the process baseline;
 *   2. the same session imported end to end: time from session end to the last write, and the PRA,
 *      Jira and KVS requests it took;
 *   3. OAuth token requests across 100 further imports (the goal is to reuse one token).
 * Everything runs on loopback: the simulators and the app in the local Forge host.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compose } from '../../sandbox/compose';
import { PRA_DEMO } from '../../sandbox/demo/praSeed';
import { machine, table } from './report';
import { writeLargeReport } from './largeReport';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,250000').split(',').map(Number);
const CHAT_LENGTH = Number(process.env.BENCH_CHAT ?? 2_000);
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 100);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const w = await compose({ host: { queueDelayScale: 0.001 } });
  w.pra.setKnobs({ outboundRetryIntervalMs: 20 });
  const tokensAtStart = w.pra.counters().tokenRequestsByClientId[PRA_DEMO.account.clientId] ?? 0;
  const configured = await w.configure();
  if (configured.view?.validation.status !== 'valid') throw new Error('configuration is not valid');
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await w.pra.waitForOutboundIdle(60_000);
      await w.host.queue.idle(600_000);
    }
  };

  // 1. the report's processing alone, in a fresh process per size (its peak memory is the work's own)
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  const alone: Array<{ events: number; reportBytes: number; totalMs: number; readMs: number; parts: number; largestPart: number; files: Array<{ name: string; bytes: number; textBytes: number; truncated: boolean }>; baselineRss: number; peakRss: number }> = [];
  for (const size of SIZES) {
    const lsid = `${size.toString(16).padStart(8, '0')}${'c'.repeat(24)}`;
    const reportFile = path.join(dir, `report-${size}.xml`);
    const reportBytes = await writeLargeReport(reportFile, lsid, size, CHAT_LENGTH);
    const figures = JSON.parse(execFileSync(process.execPath, [...process.execArgv, path.join(__dirname, 'parseRender.ts'), reportFile, lsid], { encoding: 'utf8' }));
    alone.push({ events: size, reportBytes, ...figures });
    rmSync(reportFile);
  }
  rmSync(dir, { recursive: true, force: true });
  const benchTokens = 0;

  let t: number;

  // 2. the same kind of session, end to end
  const praBefore = w.pra.counters();
  const jiraBefore = w.host.jiraCalls.length;
  const kvsBefore = [...w.host.kvs.operations.values()].reduce((a, b) => a + b, 0);
  const e2e = w.pra.createLargeSession({ externalKey: 'SD-1', eventCount: EVENTS, chatLength: CHAT_LENGTH, invalidXmlEvery: 50, end: false, notify: false, rep: PRA_DEMO.users.alex.username });
  t = performance.now();
  w.pra.endSession(e2e.lsid);
  await settle();
  const e2eMs = performance.now() - t;
  const praAfter = w.pra.counters();
  const jiraCalls = w.host.jiraCalls.slice(jiraBefore);
  const kvsOps = [...w.host.kvs.operations.values()].reduce((a, b) => a + b, 0) - kvsBefore;
  const byKind = (calls: typeof jiraCalls) => {
    const kinds = new Map<string, number>();
    for (const c of calls) {
      const kind = `${c.method} ${c.path
        .split('?')[0]!
        .replace(/\/issue\/[A-Z]+-\d+/, '/issue/{key}')
        .replace(/\/comment\/\d+$/, '/comment/{id}')
        .replace(/\/attachment\/\d+$/, '/attachment/{id}')}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    return [...kinds.entries()].map(([k, n]) => `${n}× ${k}`).join(', ');
  };
  const reportRequests = (praAfter.byReportType.AccessSession ?? 0) - (praBefore.byReportType.AccessSession ?? 0);
  const praRequests = praAfter.total - praBefore.total;

  // 2b. the same session imported again on purpose: the new set, then the earlier one deleted
  const jiraBeforeAgain = w.host.jiraCalls.length;
  const kvsBeforeAgain = [...w.host.kvs.operations.values()].reduce((a, b) => a + b, 0);
  t = performance.now();
  const again = (await w.configCall('reimportSession', { lsid: e2e.lsid })) as { ok: boolean };
  if (!again.ok) throw new Error(`re-import refused: ${JSON.stringify(again)}`);
  await settle();
  const againMs = performance.now() - t;
  const againCalls = w.host.jiraCalls.slice(jiraBeforeAgain);
  const againKvs = [...w.host.kvs.operations.values()].reduce((a, b) => a + b, 0) - kvsBeforeAgain;

  // 3. token reuse across many imports
  const tokensBefore = w.pra.counters().tokenRequestsByClientId[PRA_DEMO.account.clientId] ?? 0;
  t = performance.now();
  for (let i = 0; i < IMPORTS; i++) {
    const s = w.pra.createSession({ externalKey: 'SD-7', rep: PRA_DEMO.users.alex.username, notify: false, events: [{ eventType: 'Chat Message', performedBy: 'rep', body: `import ${i}` }] });
    w.pra.endSession(s.lsid);
  }
  await settle();
  const manyMs = performance.now() - t;
  const tokensAfter = w.pra.counters().tokenRequestsByClientId[PRA_DEMO.account.clientId] ?? 0;
  const sd7 = (await (await fetch(`${w.jiraUrl}/__sim/issues/SD-7`)).json()) as { comments: Array<{ properties?: Array<{ key: string }> }> };
  const imported = sd7.comments.filter((c) => c.properties?.some((p) => p.key === 'beyondtrust-pra-session')).length;

  console.log(`# bench:import — ${new Date().toISOString().slice(0, 10)}`);
  console.log(machine());
  console.log();
  console.log(`Streaming parse + digest + transcript and event log (zipped as they go) + comments, one fresh process per size, ${CHAT_LENGTH}-character chat messages:`);
  console.log();
  table(
    ['events', 'report size', 'time', 'time per 10,000 events', 'peak memory over baseline', 'comment parts (largest, bytes)', 'attached files (text → zip)'],
    alone.map((a) => [
      a.events.toLocaleString('en'),
      mb(a.reportBytes),
      `${(a.totalMs / 1000).toFixed(1)} s`,
      `${((a.totalMs / a.events) * 10_000).toFixed(0)} ms`,
      `${mb(a.peakRss - a.baselineRss)} (baseline ${mb(a.baselineRss)}, peak ${mb(a.peakRss)})`,
      `${a.parts} (${a.largestPart.toLocaleString('en')} of 32,767)`,
      a.files.map((f) => `${mb(f.textBytes)} → ${mb(f.bytes)}${f.truncated ? ' (cut to the upload limit)' : ''}`).join('; '),
    ]),
  );
  console.log();
  table(
    ['measure', 'value'],
    [
      ['end to end: session end → last write on the ticket', `${e2eMs.toFixed(0)} ms`],
      ['PRA requests for that import', `${praRequests} (AccessSession reports: ${reportRequests})`],
      ['Jira requests for that import', `${jiraCalls.length}: ${byKind(jiraCalls)}`],
      ['KVS operations for that import', String(kvsOps)],
      ['re-import of that session (new set, then the earlier set deleted): time', `${againMs.toFixed(0)} ms`],
      ['re-import: Jira requests', `${againCalls.length}: ${byKind(againCalls)}`],
      ['re-import: KVS operations', String(againKvs)],
      [`${IMPORTS} small imports`, `${manyMs.toFixed(0)} ms (${(manyMs / IMPORTS).toFixed(1)} ms each); ${imported} comments on the ticket`],
      [`OAuth token requests by the app during the ${IMPORTS} imports`, String(tokensAfter - tokensBefore)],
      ['OAuth token requests by the app in the whole run (configuration check included)', String(tokensAfter - tokensAtStart - benchTokens)],
    ],
  );
  await w.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
