/**
 * A sandbox in its own process, for crash tests: `tsx test/helpers/sandboxProcess.ts <dataDir> <consoleDir>`
 * starts `startSandbox` on a free port with state in `<dataDir>` and prints `READY <url>` once it serves.
 * The test kills it with SIGKILL (no chance to save anything on the way out) and starts it again.
 */
import '../../sandbox/forge-host/globals';
import { startSandbox } from '../../sandbox/server';

const [dataDir, consoleDir] = process.argv.slice(2);
if (!dataDir || !consoleDir) {
  console.error('usage: sandboxProcess.ts <dataDir> <consoleDir>');
  process.exit(2);
}

startSandbox({ port: 0, dataDir, consoleDir, queueDelayScale: Number(process.env.QUEUE_DELAY_SCALE ?? '0.01') }).then(
  (sandbox) => process.stdout.write(`READY ${sandbox.url}\n`),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
