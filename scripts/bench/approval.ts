/**
 * npm run bench:approval — figures for change-management endpoint approval (printed, not asserted):
 * for each scenario, the Jira requests one decision takes (total, and how many had to wait for an
 * earlier one: sequential rounds) and the decision time with a loopback delay injected on every Jira
 * request (the Jira simulator's latency fault), so the time shows the cost of each round trip.
 *
 * Decisions are POSTed to the Endpoint Approval URL over HTTP, exactly as PRA sends them (§8.2 JSON);
 * the time is the caller's, from request to answer. Everything runs on loopback: the simulators and the
 * app in the local Forge host. Environment: BENCH_DECISIONS (per scenario, default 30),
 * BENCH_LATENCY_MS (default 50).
 */
import { compose, type Composition } from '../../sandbox/compose';
import { PRA_DEMO } from '../../sandbox/demo/praSeed';
import { DEMO } from '../../sandbox/jira-simulator/seed';
import { machine, table } from './report';

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 30);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const MODULE = 'endpoint-approval';

type User = Record<string, string>;
const person = (u: { username: string; displayName: string; email: string }): User => ({
  username: u.username,
  private_display_name: u.displayName,
  public_display_name: u.displayName.split(' ')[0]!,
  email_address: u.email,
});
const ALEX = person(PRA_DEMO.users.alex);
const PRA_DEMO_ALEX_ID = DEMO.users.technician;
const CASEY = person(PRA_DEMO.users.casey);
/** Sam as PRA knows him, with names Jira does not show: only the (hidden) email ties him to SD-2. */
const SAM_EMAIL_ONLY: User = { username: 'sam.p', private_display_name: 'S. Patel', public_display_name: 'SP', email_address: PRA_DEMO.users.sam.email };

interface Scenario {
  name: string;
  ticket: string;
  user: User;
  jumpItem: string;
}

interface Measured {
  name: string;
  result: string;
  requests: string;
  rounds: string;
  median: number;
  p95: number;
  kvsOps: number;
  callKinds: string;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const spread = (values: number[]) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
};

async function decide(w: Composition, url: string, s: Scenario): Promise<{ ms: number; body: { is_valid: boolean; error_message?: string } }> {
  const t = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ticket_id: s.ticket, user: s.user, jump_item: { name: s.jumpItem } }),
  });
  const body = (await res.json()) as { is_valid: boolean; error_message?: string };
  return { ms: performance.now() - t, body };
}

async function run(w: Composition, url: string, s: Scenario, n = DECISIONS): Promise<Measured> {
  const times: number[] = [];
  const callsBefore = w.host.jiraCalls.length;
  const kvsBefore = [...w.host.kvs.operations.values()].reduce((a, b) => a + b, 0);
  let result = '';
  for (let i = 0; i < n; i++) {
    const { ms, body } = await decide(w, url, s);
    times.push(ms);
    result = body.is_valid ? 'approved' : `denied: ${body.error_message}`;
  }
  const kvsOps = [...w.host.kvs.operations.values()].reduce((a, b) => a + b, 0) - kvsBefore;
  const calls = w.host.jiraCalls.slice(callsBefore).filter((c) => c.moduleKey === MODULE);
  const kinds = new Map<string, number>();
  for (const c of calls) {
    const kind = `${c.method} ${c.path.split('?')[0]!.replace(/\/issue\/[A-Z_0-9]+-\d+/, '/issue/{key}').replace(/\/workspace\/[^/]+\/v1\/object\/\d+/, '/workspace/{ws}/v1/object/{id}')}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  // Requests and rounds per decision, from the decision log (newest first).
  const log = (await w.configCall('listApprovalDecisions', { limit: Math.min(100, n) })) as { decisions: Array<{ jiraRequests: number; jiraRounds: number }> };
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name: s.name,
    result,
    requests: spread(log.decisions.map((d) => d.jiraRequests)),
    rounds: spread(log.decisions.map((d) => d.jiraRounds)),
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    kvsOps: kvsOps / n,
    callKinds: [...kinds.entries()].map(([k, count]) => `${+(count / n).toFixed(2)}× ${k}`).join(', ') || '—',
  };
}

async function main(): Promise<void> {
  const w = await compose({ host: { queueDelayScale: 0.001 } });
  const configure = async (settings: Record<string, unknown>) => {
    const result = await w.configure(settings);
    const url = result.view?.urls?.endpointApprovalUrl;
    if (!url || result.view?.validation.status !== 'valid') throw new Error(`configuration failed: ${JSON.stringify(result.view?.validation)}`);
    return url;
  };
  const rows: Measured[] = [];

  /** Forgets the cached field id, as when its 12-hour cache has expired. */
  const expireFieldCache = () => w.host.database.db.prepare("DELETE FROM kvs WHERE key LIKE 'cache:field:%'").run();

  // Text field ("Asset Name"). Saving the configuration cached the field id; then once with it expired.
  let url = await configure({ assetFieldName: 'Asset Name' });
  w.jira.setLatency(LATENCY_MS);
  expireFieldCache();
  rows.push(await run(w, url, { name: 'text field, approve — field id cache expired', ticket: 'SD-1', user: ALEX, jumpItem: 'WORKSTATION-01' }, 1));
  const textScenarios: Scenario[] = [
    { name: 'text field, approve (assignee email visible)', ticket: 'SD-1', user: ALEX, jumpItem: 'WORKSTATION-01' },
    { name: 'text field, approve (assignee email hidden → email lookup)', ticket: 'SD-2', user: SAM_EMAIL_ONLY, jumpItem: 'WEB01' },
    { name: 'deny: ticket not found', ticket: 'SD-9999', user: ALEX, jumpItem: 'WORKSTATION-01' },
    { name: 'deny: ticket not active (Closed)', ticket: 'SD-6', user: ALEX, jumpItem: 'WEB01' },
    { name: 'deny: not assigned', ticket: 'SD-3', user: ALEX, jumpItem: 'DB-SERVER-02' },
    { name: 'deny: user is not the assignee', ticket: 'SD-1', user: CASEY, jumpItem: 'WORKSTATION-01' },
    { name: 'deny: asset does not match', ticket: 'SD-1', user: ALEX, jumpItem: 'WEB01' },
    { name: 'deny: malformed ticket ID', ticket: "SD-1' OR '1'='1", user: ALEX, jumpItem: 'WEB01' },
  ];
  for (const s of textScenarios) rows.push(await run(w, url, s));

  // Jira Assets field ("Assets").
  w.jira.setLatency(0);
  url = await configure({ assetFieldName: 'Assets' });
  w.jira.setLatency(LATENCY_MS);
  expireFieldCache();
  rows.push(await run(w, url, { name: 'Assets field, approve — field id cache expired', ticket: 'SD-1', user: ALEX, jumpItem: 'WORKSTATION-01' }, 1));
  const assetScenarios: Scenario[] = [
    { name: 'Assets field, approve (1 object)', ticket: 'SD-1', user: ALEX, jumpItem: 'WORKSTATION-01' },
    { name: 'Assets field, approve (2 objects, fetched in parallel)', ticket: 'SD-8', user: CASEY, jumpItem: 'WEB01' },
    { name: 'Assets field, approve (hidden email: email lookup ∥ object)', ticket: 'SD-2', user: SAM_EMAIL_ONLY, jumpItem: 'WEB01' },
    { name: 'Assets field, deny: asset does not match', ticket: 'SD-8', user: CASEY, jumpItem: 'DB-SERVER-02' },
  ];
  for (const s of assetScenarios) rows.push(await run(w, url, s));

  // A site where no Jira admin has granted the app an Assets role: Assets answers the app 403.
  w.jira.setAppAssetsRole({ role: null });
  rows.push(await run(w, url, { name: 'Assets field, deny: the app has no Assets role', ticket: 'SD-1', user: ALEX, jumpItem: 'WORKSTATION-01' }));
  w.jira.setAppAssetsRole({ role: 'Users' });
  // Change windows (issue 15): the window fields come with the same issue request. CHG-1 (seeded) is open
  // now, CHG-2 tomorrow; two more change tickets: one without a window, one in a status not allowed.
  w.jira.setLatency(0);
  const hour = 3_600_000;
  const change = (summary: string, status: string, window: boolean) =>
    w.jira.createIssue({
      project: 'CHG',
      issueType: 'Change',
      summary,
      status,
      assignee: PRA_DEMO_ALEX_ID,
      fields: {
        'Asset Name': 'DB-SERVER-02',
        ...(window ? { 'Planned start': new Date(Date.now() - hour).toISOString(), 'Planned end': new Date(Date.now() + hour).toISOString() } : {}),
      },
    }).key;
  const noWindow = change('No planned window', 'Implementing', false);
  const awaiting = change('Awaiting implementation, window open', 'Awaiting implementation', true);
  url = await configure({ assetFieldName: 'Asset Name', requireChangeWindow: true, changeWindowStatuses: ['Implementing'] });
  w.jira.setLatency(LATENCY_MS);
  w.host.database.db.prepare("DELETE FROM kvs WHERE key LIKE 'cache:window-fields:%'").run();
  rows.push(await run(w, url, { name: 'change window, approve — window field ids cache expired', ticket: 'CHG-1', user: ALEX, jumpItem: 'DB-SERVER-02' }, 1));
  const windowScenarios: Scenario[] = [
    { name: 'change window, approve (inside the window)', ticket: 'CHG-1', user: ALEX, jumpItem: 'DB-SERVER-02' },
    { name: 'change window, deny: outside the window (tomorrow)', ticket: 'CHG-2', user: ALEX, jumpItem: 'DB-SERVER-02' },
    { name: 'change window, deny: no planned start and end', ticket: noWindow, user: ALEX, jumpItem: 'DB-SERVER-02' },
    { name: 'change window, deny: status not allowed', ticket: awaiting, user: ALEX, jumpItem: 'DB-SERVER-02' },
    { name: 'change window on, not a Change ticket: approve', ticket: 'SD-1', user: ALEX, jumpItem: 'WORKSTATION-01' },
  ];
  for (const s of windowScenarios) rows.push(await run(w, url, s));
  w.jira.setLatency(0);
  url = await configure({ assetFieldName: 'Assets', requireChangeWindow: true });
  w.jira.setLatency(LATENCY_MS);
  rows.push(await run(w, url, { name: 'change window + Assets field, approve (1 object)', ticket: 'CHG-1', user: ALEX, jumpItem: 'DB-SERVER-02' }));

  console.log(`# bench:approval — ${new Date().toISOString().slice(0, 10)}`);
  console.log(machine());
  console.log(`${DECISIONS} decisions per scenario (1 for "cache expired"), ${LATENCY_MS} ms injected before every Jira answer (loopback otherwise).`);
  console.log();
  table(
    ['scenario', 'Jira requests', 'sequential rounds', 'median', 'p95', 'KVS ops'],
    rows.map((r) => [r.name, r.requests, r.rounds, `${r.median.toFixed(0)} ms`, `${r.p95.toFixed(0)} ms`, r.kvsOps.toFixed(1)]),
  );
  console.log();
  table(
    ['scenario', 'answer', 'Jira requests by kind (per decision)'],
    rows.map((r) => [r.name, r.result, r.callKinds]),
  );
  await w.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
