/**
 * `npm start` (`npm start -- --reset` to start clean): builds the web console, starts the sandbox on one
 * port (PORT, default 8080; HOST, default 127.0.0.1; PUBLIC_URL when browsers reach it by another name)
 * and prints what is where. State is kept in .sandbox/sandbox.db; Ctrl+C saves and stops.
 * SANDBOX_LOGS=1 prints the app's log lines.
 */
import './forge-host/globals';
import { buildConsole } from './console/build';
import { DEFAULT_DATA_DIR, DEFAULT_PORT, startSandbox } from './server';
import { banner } from './server/banner';

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${value}"`);
  return port;
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
    reconcileLagSeconds: /^\d+$/.test(process.env.RECONCILE_LAG_SECONDS ?? '') ? Number(process.env.RECONCILE_LAG_SECONDS) : undefined,
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
