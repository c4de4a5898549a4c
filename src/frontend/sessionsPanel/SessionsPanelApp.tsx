/**
 * The PRA sessions and approval decisions of this ticket. Loads once from the resolver (which reads
 * the issue from its own context) and again after a re-import, which is confirmed first.
 */
import React, { useCallback, useEffect, useState } from 'react';
import { SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { invoke } from '@forge/bridge';
import type { PanelResult } from '../../sessions/issueSessions';
import { SessionList } from './SessionList';
import { ApprovalList } from './ApprovalList';
import { ReimportConfirm } from './ReimportConfirm';

type Notice = { appearance: 'success' | 'error'; text: string };

export const SessionsPanelApp = () => {
  const [result, setResult] = useState<PanelResult>();
  const [notice, setNotice] = useState<Notice>();
  const [confirming, setConfirming] = useState<string>();

  const load = useCallback(() => {
    invoke<unknown>('getPanel').then(
      (value) => setResult(value as PanelResult),
      (error: Error) => setResult({ ok: false, error: { code: 'NOT_FOUND', message: `The PRA sessions could not be loaded: ${error.message}` } }),
    );
  }, []);
  useEffect(load, [load]);

  const reimport = useCallback(
    async (lsid: string) => {
      setConfirming(undefined);
      type Answer = { ok: boolean; message?: string; error?: { message: string } };
      const answer = await invoke<unknown>('reimport', { lsid }).then(
        (value) => value as Answer,
        (error: Error): Answer => ({ ok: false, error: { message: error.message } }),
      );
      setNotice(answer.ok ? { appearance: 'success', text: answer.message ?? 'Queued.' } : { appearance: 'error', text: answer.error?.message ?? 'The session could not be queued.' });
      load();
    },
    [load],
  );

  const ask = (lsid: string) => {
    setNotice(undefined);
    setConfirming(lsid);
  };

  if (!result) return <Spinner label="Loading PRA sessions" />;
  if (!result.ok) {
    return (
      <SectionMessage appearance="warning" title="PRA sessions unavailable">
        <Text>{result.error.message}</Text>
      </SectionMessage>
    );
  }
  const toConfirm = result.view.sessions.find((s) => s.lsid === confirming);
  return (
    <Stack space="space.200">
      {notice && (
        <SectionMessage appearance={notice.appearance}>
          <Text>{notice.text}</Text>
        </SectionMessage>
      )}
      {result.view.changeWindow && <Text>{`Change window: ${result.view.changeWindow.text}`}</Text>}
      {confirming && toConfirm && (
        <ReimportConfirm session={toConfirm} issueKey={result.view.issueKey} onConfirm={() => reimport(confirming)} onCancel={() => setConfirming(undefined)} />
      )}
      <SessionList sessions={result.view.sessions} canReimport={result.view.canReimport && !confirming} onReimport={ask} />
      <ApprovalList approvals={result.view.approvals} more={result.view.moreApprovals} />
    </Stack>
  );
};
