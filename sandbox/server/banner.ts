/** What `npm start` prints once the sandbox is up: where everything is, and a warning when it listens beyond loopback. */
import type { Sandbox } from '../server';
import { carriedOverNotices } from './notices';

export function banner(sandbox: Sandbox, urls: Awaited<ReturnType<Sandbox['urls']>>, firstStart: boolean, reset: boolean): string {
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
    ...(sandbox.tokenWarning ? [`  WARNING: ${sandbox.tokenWarning}`, ''] : []),
    `  ${state}`,
    ...carriedOverNotices(sandbox.world()).map((notice) => `  ⚠ ${notice}`),
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
