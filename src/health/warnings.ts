/**
 * What the health view warns about, from what is recorded. Pure.
 *  - outbound events stopped: the last reconciliation found ended sessions that PRA never announced,
 *    and no event arrived in the hour before it (PRA may be holding every later event back behind one
 *    that fails, and an appliance does not keep failing events forever);
 *  - imports failed or waiting for a long time;
 *  - PRA unreachable or refusing the app, a Jira permission missing, or no Assets role for the app.
 */
export interface HealthFacts {
  now: number;
  lastEventAt?: string;
  reconcile?: { at: string; missedEvents: number; complete: boolean; error?: string };
  importsFailed: number;
  importsWaiting: number;
  oldestWaitingSince?: string;
  praProblem?: string;
  missingJiraPermissions: string[];
  /** The app cannot read Jira Assets, which endpoint approval needs (the message says why and what to do). */
  assetsProblem?: string;
}

const HOUR = 3600_000;

function span(from: string, now: number): string {
  const minutes = Math.round((now - Date.parse(from)) / 60_000);
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

const ago = (from: string | undefined, now: number) => (from ? `${span(from, now)} ago` : 'never');

export function healthWarnings(f: HealthFacts): string[] {
  const warnings: string[] = [];
  if (f.reconcile && f.reconcile.missedEvents > 0) {
    const lastEvent = f.lastEventAt ? Date.parse(f.lastEventAt) : undefined;
    if (lastEvent === undefined || lastEvent < Date.parse(f.reconcile.at) - HOUR) {
      warnings.push(
        `Outbound events have stopped arriving: the last reconciliation (${ago(f.reconcile.at, f.now)}) found ${f.reconcile.missedEvents} ended session(s) that PRA never announced, and the last event arrived ${ago(f.lastEventAt, f.now)}. The sessions are imported anyway; in PRA, check /login > Management > Outbound Events: the recipient's URL must be this page's Outbound Event URL, and one failing event holds back every later one.`,
      );
    }
  }
  if (f.reconcile?.error) warnings.push(`The last reconciliation could not list sessions: ${f.reconcile.error}`);
  if (f.importsFailed > 0) warnings.push(`${f.importsFailed} import(s) failed; see Recent imports and use Retry once the cause is fixed.`);
  if (f.oldestWaitingSince && f.now - Date.parse(f.oldestWaitingSince) > 2 * HOUR) {
    warnings.push(`${f.importsWaiting} import(s) have been waiting for ${span(f.oldestWaitingSince, f.now)} (PRA or Jira unavailable, or the session report not ready).`);
  }
  if (f.praProblem) warnings.push(f.praProblem);
  for (const permission of f.missingJiraPermissions) warnings.push(`The app lacks the Jira permission "${permission}".`);
  if (f.assetsProblem) warnings.push(f.assetsProblem);
  return warnings;
}
