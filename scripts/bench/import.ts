/**
 * npm run bench:import — figures for the session import (printed, not asserted):
 *   1. a 10,000-event session with long chat: report size, parse and render time, peak memory;
 *   2. the same session imported end to end: time from session end to the last write, and the PRA,
 *      Jira and KVS requests it took;
 *   3. OAuth token requests across 100 further imports (the goal is to reuse one token).
 * Everything runs on loopback: the simulators and the app in the local Forge host.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compose } from '../../sandbox/compose';
import { PRA_DEMO } from '../../sandbox/demo/praSeed';
import { machine, table } from './report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
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

  // 1. parse and render, alone, in a fresh process (its peak memory is the work's own)
  const session = w.pra.createLargeSession({ externalKey: 'SD-1', eventCount: EVENTS, chatLength: CHAT_LENGTH, invalidXmlEvery: 50, end: false, notify: false, rep: PRA_DEMO.users.alex.username });
  w.pra.endSession(session.lsid, { notify: false });
  const token = await (
    await fetch(`${w.praUrl}/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${PRA_DEMO.account.clientId}:${PRA_DEMO.account.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
  ).json();
  const xml = await (await fetch(`${w.praUrl}/api/reporting?generate_report=AccessSession&lsid=${session.lsid}`, { headers: { Authorization: `Bearer ${token.access_token}` } })).text();
  const reportFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'report.xml');
  writeFileSync(reportFile, xml);
  const alone = JSON.parse(
    execFileSync(process.execPath, [...process.execArgv, path.join(__dirname, 'parseRender.ts'), reportFile, session.lsid], { encoding: 'utf8' }),
  ) as { parseMs: number; renderMs: number; parts: number; largestPart: number; baselineRss: number; peakRss: number };
  const benchTokens = 1; // the token fetched just above to download the report

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
  table(
    ['measure', 'value'],
    [
      ['session', `${EVENTS.toLocaleString('en')} events, ${CHAT_LENGTH}-character chat messages`],
      ['AccessSession report size', mb(xml.length)],
      ['parse time', `${alone.parseMs.toFixed(0)} ms`],
      ['render time (incl. shortening to the part cap)', `${alone.renderMs.toFixed(0)} ms`],
      ['comment parts', `${alone.parts} (largest ${alone.largestPart.toLocaleString('en')} of 32,767 characters)`],
      ['peak memory (RSS) of parse + render in a fresh process', `${mb(alone.peakRss)} (process baseline with the report read: ${mb(alone.baselineRss)})`],
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
