/**
 * /pra/session_download: where the links in an imported comment point (chat transcript, recording). The
 * appliance serves these behind its login; the sandbox shows what the simulator holds for the session.
 */
import React from 'react';
import { Shell } from '../shared/Shell';
import { usePoll } from '../shared/usePoll';
import { praApi } from './praApi';

/** `lsid=l=<lsid>;h=<hash>;t=sd;m=chat` → the lsid and what is asked for. */
export function parseDownload(search: string): { lsid?: string; what: string } {
  const query = new URLSearchParams(search);
  const parts = Object.fromEntries((query.get('lsid') ?? '').split(';').map((p) => p.split('=') as [string, string]));
  return { lsid: parts.l, what: query.get('dl_action') ?? parts.m ?? 'chat' };
}

export function SessionDownload() {
  const { lsid, what } = parseDownload(window.location.search);
  const session = usePoll(() => (lsid ? praApi.session(lsid) : Promise.reject(new Error('No session in the link'))), [lsid], 0);
  const s = session.data;
  return (
    <Shell product="pra">
      <h1 className="pra-title">Session download</h1>
      {!s && <p className="muted">{session.error ?? 'Loading…'}</p>}
      {s && (
        <section className="pra-panel">
          <h2>
            {s.jumpItem.name} · session {s.lsid}
          </h2>
          {what === 'chat' ? (
            <ol className="chat">
              {s.events
                .filter((e) => e.eventType === 'Chat Message')
                .map((e, i) => (
                  <li key={i}>
                    <strong>{e.performedBy?.name}:</strong> {e.body}
                  </li>
                ))}
            </ol>
          ) : (
            <p>
              {s.recording ? `The appliance keeps a recording of this session (${Math.round(s.recording.size / 1024)} KB). The simulator has no video to play.` : 'This session has no recording.'}
            </p>
          )}
        </section>
      )}
    </Shell>
  );
}
