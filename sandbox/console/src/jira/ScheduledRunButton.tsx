/** Runs the app's scheduled triggers now (POST /sandbox/api/scheduled/<key>/run) and says what happened. */
import React, { useState } from 'react';
import { sandboxApi } from '../shared/sandboxApi';

export function ScheduledRunButton({ triggerKey = 'reconcile-sessions' }: { triggerKey?: string }) {
  const [state, setState] = useState<{ running: boolean; text?: string }>({ running: false });
  const run = async () => {
    setState({ running: true });
    try {
      const answer = await sandboxApi.runScheduled(triggerKey);
      setState({ running: false, text: `Done: ${JSON.stringify(answer.result ?? null)}` });
    } catch (error) {
      setState({ running: false, text: `Failed: ${(error as Error).message}` });
    }
  };
  return (
    <div className="scheduled-run">
      <button type="button" className="button" disabled={state.running} onClick={() => void run()}>
        {state.running ? 'Running…' : `Run ${triggerKey} now`}
      </button>
      {state.text && <pre className="small-pre">{state.text}</pre>}
    </div>
  );
}
