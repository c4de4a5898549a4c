/**
 * The sandbox's row store (sandbox/server/persistence.ts): a save writes only the rows that changed (one
 * per session, issue, attachment, log entry), deletes the ones that are gone, and what it saved loads back
 * into the same simulator state.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createJiraSimulator, type JiraSimulator } from '../../../sandbox/jira-simulator';
import { createPraSimulator, type PraSimulator } from '../../../sandbox/pra-simulator';
import { SimulatorStore } from '../../../sandbox/server/persistence';

const closers: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function world() {
  const db = new Database(':memory:');
  closers.push(() => {
    db.close();
  });
  const pra = createPraSimulator({ publicHost: 'pra.example.com' });
  closers.push(() => pra.close());
  const jira = createJiraSimulator();
  closers.push(() => jira.close());
  jira.seedDemo();
  const store = new SimulatorStore(db);
  const save = () => store.save({ pra: pra.exportRows(), jira: jira.exportRows() });
  return { db, pra, jira, store, save };
}

const HOSTILE = 'Zoë\'s "C:\\Temp\\x.txt" &amp; &#8212; 日本語 😀 \u0007';

async function comment(jira: JiraSimulator, url: string, text: string) {
  const res = await fetch(`${url}/rest/api/3/issue/SD-1/comment`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sim-app', 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

function rowCount(db: Database.Database, sim: string, collection: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM simulator_rows WHERE sim = ? AND collection = ?').get(sim, collection) as { n: number }).n;
}

describe('SimulatorStore', () => {
  it('writes everything once, then only what a request changed', async () => {
    const { db, pra, jira, save } = world();
    pra.createLargeSession({ eventCount: 2000, chatLength: 200, externalKey: 'SD-1', notify: false });
    const first = save();
    expect(first.rowsWritten).toBeGreaterThan(10);
    expect(rowCount(db, 'pra', 'sessions')).toBe(1);
    expect(rowCount(db, 'jira', 'issues')).toBe(jira.state.issues.size); // one row per seeded issue

    // Nothing changed: nothing written.
    expect(save()).toEqual({ rowsWritten: 0, rowsDeleted: 0, bytesWritten: 0 });

    const { url } = await jira.listen();
    await comment(jira, url, HOSTILE);
    const second = save();
    // The commented issue, Jira's meta (the comment id sequence) and one request-log entry; not the large session.
    expect(second.rowsWritten).toBe(3);
    expect(second.bytesWritten).toBeLessThan(first.bytesWritten / 20);
  });

  it('deletes rows that are gone and trims logs at the front', async () => {
    const { db, pra, save } = world();
    pra.setKnobs({ requestLogLimit: 3 });
    const { url } = await pra.listen();
    for (let i = 0; i < 5; i += 1) await fetch(`${url}/check_health`);
    save();
    expect(rowCount(db, 'pra', 'requestLog')).toBe(3);
    await fetch(`${url}/check_health`);
    const figures = save();
    expect(figures.rowsDeleted).toBe(1);
    expect(rowCount(db, 'pra', 'requestLog')).toBe(3);
    pra.resetRequestLog();
    save();
    expect(rowCount(db, 'pra', 'requestLog')).toBe(0);
  });

  it('loads back the state it saved, and the next save after loading writes nothing', async () => {
    const { db, pra, jira, save } = world();
    const session = pra.createLargeSession({ eventCount: 300, chatLength: 50, externalKey: 'SD-1', notify: false });
    const { url } = await jira.listen();
    const id = await comment(jira, url, HOSTILE);
    save();

    const store = new SimulatorStore(db);
    const pra2 = createPraSimulator({ publicHost: 'pra.example.com' });
    closers.push(() => pra2.close());
    const jira2 = createJiraSimulator();
    const savedPra = store.load('pra')!;
    const savedJira = store.load('jira')!;
    pra2.importState(pra2.joinRows(savedPra.meta, savedPra.rows));
    jira2.importState(jira2.joinRows(savedJira.meta, savedJira.rows));
    store.adopt('pra', pra2.exportRows(), true);
    store.adopt('jira', jira2.exportRows(), true);

    expect(pra2.exportState()).toEqual(pra.exportState());
    expect(jira2.exportState()).toEqual(jira.exportState());
    expect(jira2.getIssue('SD-1').comments.find((c) => c.id === id)?.body).toEqual(jira.getIssue('SD-1').comments.find((c) => c.id === id)?.body);
    expect(pra2.getSession(session.lsid).events.length).toBe(session.events.length);
    expect(store.save({ pra: pra2.exportRows(), jira: jira2.exportRows() })).toEqual({ rowsWritten: 0, rowsDeleted: 0, bytesWritten: 0 });
  });

  it('loads a state saved by an earlier sandbox as one snapshot per simulator', () => {
    const { db, jira } = world();
    const snapshot = jira.exportState();
    db.exec('CREATE TABLE sandbox_state (name TEXT PRIMARY KEY, value TEXT NOT NULL, saved_at INTEGER NOT NULL)');
    db.prepare('INSERT INTO sandbox_state VALUES (?, ?, ?)').run('jira', JSON.stringify(snapshot), Date.now());
    const store = new SimulatorStore(db);
    expect(store.load('jira')).toEqual({ meta: { legacySnapshot: snapshot }, rows: {} });
    expect(store.load('pra')).toBeUndefined();
  });
});
