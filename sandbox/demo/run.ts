/**
 * `npm run demo`: a fresh in-memory sandbox on a free port (no browser), the whole flow driven over HTTP
 * (sandbox/demo/flow.ts), and a short report. Exits non-zero when a step fails.
 */
import '../forge-host/globals';
import { startSandbox, type Sandbox } from '../server';
import { DemoError, runDemoFlow } from './flow';
import { formatReport } from './report';

async function main(): Promise<number> {
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await startSandbox({ port: 0, dataDir: null });
    const report = await runDemoFlow(sandbox.url);
    console.log(formatReport(report));
    return 0;
  } catch (error) {
    console.error(error instanceof DemoError ? `Demo failed: ${error.message}` : error);
    return 1;
  } finally {
    await sandbox?.close();
  }
}

void main().then((code) => process.exit(code));
