/**
 * Runs the app's scheduled triggers now (POST /sandbox/api/scheduled/<key>/run) and says what happened:
 * for the reconciliation, the window it looked at and what it listed, queued and found already imported;
 * then, once the app's queue is idle, that the queued imports are done.
 */
import React, { useState } from 'react';
import { postJson } from '../shared/http';
import { sandboxApi } from '../shared/sandboxApi';
import { isReconcilePass, queuedImportsLine, reconcileSummary, type ImportActivityEntry, type ReconcilePass } from './reconcileSummary';

/** The app's own account of the imports (the configuration page's Activity tab), read as a Jira admin. */
async function importsAfter(pass: ReconcilePass): Promise<string> {
  const admin = (await sandboxApi.people()).find((p) => p.jiraAdmin);
  if (!admin) return 'No Jira admin to read the import activity as.';
  const activity = await sandboxApi.resolver<{ ok: boolean; imports?: ImportActivityEntry[] }>({
    moduleKey: 'pra-config-page',
    functionKey: 'listImportActivity',
    accountId: admin.accountId,
  });
  return activity.ok ? queuedImportsLine(pass, activity.imports ?? []) : 'The import activity could not be read.';
}

interface Shown {
  running: boolean;
  lines?: string[];
}

export function ScheduledRunButton({ triggerKey = 'reconcile-sessions' }: { triggerKey?: string }) {
  const [state, setState] = useState<Shown>({ running: false });
  const run = async () => {
    setState({ running: true });
    try {
      const answer = await sandboxApi.runScheduled(triggerKey);
      const result = answer.result;
      if (result === null) {
        setState({ running: false, lines: ['Nothing done: the integration is disabled or not configured.'] });
        return;
      }
      if (!isReconcilePass(result)) {
        setState({ running: false, lines: [`Done: ${JSON.stringify(result)}`] });
        return;
      }
      const lines = reconcileSummary(result);
      const waiting = result.queued + result.retried;
      setState({ running: waiting > 0, lines: waiting > 0 ? [...lines, 'Importing…'] : lines });
      if (waiting > 0) {
        const { idle } = await postJson<{ idle: boolean }>('/sandbox/api/wait-idle', { timeoutMs: 60_000 });
        const outcome = idle ? await importsAfter(result) : 'Still importing after a minute: see the configuration page\'s Activity tab.';
        setState({ running: false, lines: [...lines, outcome] });
      }
    } catch (error) {
      setState({ running: false, lines: [`Failed: ${(error as Error).message}`] });
    }
  };
  return (
    <div className="scheduled-run">
      <button type="button" className="button" disabled={state.running} onClick={() => void run()}>
        {state.running ? 'Running…' : `Run ${triggerKey} now`}
      </button>
      {state.lines && (
        <ul className="run-summary" role="status" aria-label={`What ${triggerKey} did`}>
          {state.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
