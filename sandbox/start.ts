/**
 * `npm start` (`npm start -- --reset` to start clean): builds the web console, starts the sandbox on one
 * port (PORT, default 8080; HOST, default 127.0.0.1; PUBLIC_URL when browsers reach it by another name)
 * and prints what is where. State is kept in .sandbox/sandbox.db; Ctrl+C saves and stops.
 * SANDBOX_LOGS=1 prints the app's log lines.
 */
import './forge-host/globals';
import { buildConsole } from './console/build';
import { DEFAULT_DATA_DIR, DEFAULT_PORT, startSandbox, type Sandbox } from './server';
import { carriedOverNotices } from './server/notices';

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${value}"`);
  return port;
}

function banner(sandbox: Sandbox, urls: Awaited<ReturnType<Sandbox['urls']>>, firstStart: boolean, reset: boolean): string {
  const u = sandbox.url;
  const rows: Array<[string, string]> = [
    ['Console (start here)', `${u}/`],
    ['Jira issue view', `${u}/browse/SD-1`],
    ['App configuration page', `${u}/admin`],
    ['PRA access console', `${u}/pra/console`],
    ['PRA /login (settings)', `${u}/pra/login`],
    ['Outbound Event URL', urls?.outboundEventUrl ?? '(not configured)'],
    ['Endpoint Approval URL', urls?.endpointApprovalUrl ?? '(not configured)'],
    ['Scripting API', `${u}/sandbox/api/health  (docs/sandbox.md)`],
    ['PRA simulator', `${u}/pra/__sim/info  (docs/pra-simulator.md)`],
    ['Jira simulator', `${u}/jira/rest/api/3/serverInfo  (docs/jira-simulator.md)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const state = sandbox.databaseFile
    ? `${firstStart ? (reset ? 'Started clean' : 'First start: seeded and configured') : 'Resumed'} — state in ${sandbox.databaseFile} (npm start -- --reset starts clean)`
    : 'State in memory only';
  return [
    '',
    'BeyondTrust PRA × Jira Service Management sandbox',
    '',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    `  ${state}`,
    ...carriedOverNotices(sandbox.world()).map((notice) => `  ⚠ ${notice}`),
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const port = parsePort(process.env.PORT);
  process.stdout.write('Building the web console… ');
  const started = Date.now();
  await buildConsole();
  process.stdout.write(`done (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

  const sandbox = await startSandbox({
    port,
    host: process.env.HOST || undefined,
    publicUrl: process.env.PUBLIC_URL || undefined,
    dataDir: DEFAULT_DATA_DIR,
    reset,
    printLogs: process.env.SANDBOX_LOGS === '1',
  });
  console.log(banner(sandbox, await sandbox.urls(), sandbox.world().firstStart, reset));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: saving the sandbox state and stopping…`);
    sandbox.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error & { code?: string }) => {
  if (error.code === 'EADDRINUSE') console.error(`\nThe port is in use. Stop the other process or choose another: PORT=8081 npm start`);
  else console.error(error);
  process.exit(1);
});
