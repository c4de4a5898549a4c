/**
 * Runs several npm scripts at once (what `npm test` runs: type check, manifest lint, Forge bundle, jest),
 * prints each one's output as a block when it ends, and fails if any of them fails. On 2 cores this takes
 * about 3 minutes where one after the other took about 3.5: jest's browser and integration tests wait on
 * I/O for much of their time.
 *
 *   tsx scripts/run-checks.ts typecheck validate:manifest check:bundle test:jest
 */
import { spawn } from 'node:child_process';

interface Outcome {
  script: string;
  code: number;
  seconds: number;
}

function run(script: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      const text = Buffer.concat(output).toString('utf8').trimEnd();
      process.stdout.write(`\n── ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s\n${text ? text + '\n' : ''}`);
      resolve({ script, code: code ?? 1, seconds });
    });
  });
}

async function main(): Promise<void> {
  const scripts = process.argv.slice(2);
  if (scripts.length === 0) throw new Error('usage: tsx scripts/run-checks.ts <npm script> [<npm script> …]');
  const outcomes = await Promise.all(scripts.map(run));
  const failed = outcomes.filter((o) => o.code !== 0);
  if (failed.length > 0) {
    console.error(`\nChecks failed: ${failed.map((o) => o.script).join(', ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
