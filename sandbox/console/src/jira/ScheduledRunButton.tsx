/**
 * Runs the app's scheduled triggers now (POST /sandbox/api/scheduled/<key>/run) and says what happened:
 * for the reconciliation, the window it looked at and what it listed, queued and found already imported;
 * then, once the app's queue is idle, that the queued imports are done.
 */
import React, { useState } from 'react';
import { postJson } from '../shared/http';
import { sandboxApi } from '../shared/sandboxApi';
import { isReconcilePass, reconcileSummary } from './reconcileSummary';

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
        setState({ running: false, lines: [...lines, idle ? `Queue idle: the work on the ${waiting} queued session(s) is finished (how each went: the configuration page's Activity tab).` : 'Still importing after a minute.'] });
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
