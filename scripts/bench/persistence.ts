/**
 * npm run bench:persistence — what saving one acknowledged write costs as the simulators' history grows
 * (printed, not asserted). The PRA simulator is filled with large sessions; then one Jira comment is
 * posted and saved: by row (the sandbox's store, sandbox/server/persistence.ts, in a SQLite file) and, for
 * comparison, as the whole snapshot the sandbox used to write (JSON of exportState of both simulators).
 * Environment: BENCH_SESSIONS (comma list of session counts, default 0,2,4,8), BENCH_EVENTS (events per
 * session, default 20000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createJiraSimulator } from '../../sandbox/jira-simulator';
import { createPraSimulator } from '../../sandbox/pra-simulator';
import { SimulatorStore } from '../../sandbox/server/persistence';
import { machine, table } from './report';

const COUNTS = (process.env.BENCH_SESSIONS ?? '0,2,4,8').split(',').map(Number);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  console.log(`${new Date().toISOString().slice(0, 10)}, ${machine()}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-persistence-'));
  const rows: string[][] = [];
  try {
    for (const count of COUNTS) {
      const db = new Database(path.join(dir, `state-${count}.db`));
      db.pragma('journal_mode = WAL');
      const pra = createPraSimulator({ publicHost: 'pra.example.com' });
      const jira = createJiraSimulator();
      jira.seedDemo();
      for (let i = 0; i < count; i++) pra.createLargeSession({ eventCount: EVENTS, chatLength: 1000, externalKey: 'SD-1', notify: false });
      const store = new SimulatorStore(db);
      const sources = () => ({ pra: pra.exportRows(), jira: jira.exportRows() });
      const first = store.save(sources());
      const { url } = await jira.listen();
      const res = await fetch(`${url}/rest/api/3/issue/SD-1/comment`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sim-app', 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one write' }] }] } }),
      });
      if (res.status !== 201) throw new Error(`comment: HTTP ${res.status}`);
      let started = performance.now();
      const byRow = store.save(sources());
      const byRowMs = performance.now() - started;
      started = performance.now();
      const whole = JSON.stringify({ pra: pra.exportState(), jira: jira.exportState() });
      const wholeMs = performance.now() - started;
      rows.push([
        String(count),
        mb(first.bytesWritten),
        `${byRow.rowsWritten} rows, ${(byRow.bytesWritten / 1024).toFixed(1)} KB`,
        `${byRowMs.toFixed(1)} ms`,
        mb(whole.length),
        `${wholeMs.toFixed(0)} ms (serialising only)`,
      ]);
      await jira.close();
      await pra.close();
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nlarge sessions of ${EVENTS.toLocaleString('en')} events, then one Jira comment saved\n`);
  table(['large sessions', 'state on disk', 'saved for the comment (by row)', 'time (by row, incl. SQLite write)', 'whole snapshot', 'whole snapshot time'], rows);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
