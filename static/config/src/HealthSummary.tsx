import { Check } from './Check';
import { JiraPermissions } from './JiraPermissions';
import { Lines } from './Lines';
import { PraStatus } from './PraStatus';
import { SummaryList } from './SummaryList';
import { formatUnixUtc, formatUtc } from './time';
import type { Health } from './types';

type LastSeen = Health['lastEvent'];
type Reconcile = NonNullable<Health['reconcile']>;

/** The facts behind the warnings: last event and import, the import queue, reconciliation, PRA and Jira. */
export function HealthSummary({ health }: { health: Health }) {
  return (
    <SummaryList
      items={[
        { term: 'Last outbound event', details: lastSeen(health.lastEvent, 'None received yet.') },
        { term: 'Last import', details: lastSeen(health.lastImport, 'No session imported yet.') },
        { term: 'Imports waiting / failed', details: `${health.importsWaiting} waiting, ${health.importsFailed} failed` },
        {
          term: 'Reconciliation',
          details: health.reconcile ? <Lines lines={reconcileLines(health.reconcile)} /> : 'No pass yet (it runs every hour).',
        },
        { term: 'PRA appliance', details: <PraStatus pra={health.pra} /> },
        { term: 'Jira permissions', details: <JiraPermissions permissions={health.jiraPermissions} /> },
        { term: 'Jira Assets (as the app)', details: assetsLine(health.assets) },
      ]}
    />
  );
}

/** Whether endpoint approval can read the ticket's Assets objects as the app (an older backend sends nothing). */
function assetsLine(assets: Health['assets'] | undefined) {
  if (!assets) return 'Not checked.';
  if (assets.status === 'not-needed' || assets.status === 'unknown') return assets.message;
  return <Check ok={assets.status === 'ok'} label={assets.status === 'ok' ? 'Assets role granted: the app can read Assets objects' : assets.message} />;
}

function lastSeen(seen: LastSeen, never: string): string {
  if (!seen) return never;
  return seen.detail ? `${formatUtc(seen.at)}: ${seen.detail}` : formatUtc(seen.at);
}

function reconcileLines(reconcile: Reconcile): string[] {
  return [
    `Last pass ${formatUtc(reconcile.at)}`,
    `Sessions that ended ${formatUnixUtc(reconcile.windowStart)} to ${formatUnixUtc(reconcile.windowEnd)}`,
    `${reconcile.listed} listed, ${reconcile.queued} queued, ${reconcile.retried} retried`,
    reconcile.complete ? 'Complete' : 'Not complete: the next pass resumes it',
    ...(reconcile.error ? [`Error: ${reconcile.error}`] : []),
  ];
}
