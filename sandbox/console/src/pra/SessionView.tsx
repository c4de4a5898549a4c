/**
 * A running access session, as the representative works in it: chat, file transfer, notes, system
 * information, and End session. Every action is a session event in the PRA simulator — the events the
 * app imports into the ticket when the session ends.
 */
import React, { useState } from 'react';
import { getJson } from '../shared/http';
import { rewriteHref } from '../shared/links';
import { loadUrls } from '../shared/sandboxApi';
import { usePoll } from '../shared/usePoll';
import { praApi, type EventInput, type Session } from './praApi';

interface Delivery {
  lsid: string;
  event: string;
  status: number | null;
  delivered: boolean;
  error: string | null;
  at: number;
}

const time = (unixSeconds: number) => `${new Date(unixSeconds * 1000).toISOString().slice(11, 19)} UTC`;

function who(actor: { name: string } | null): string {
  return actor?.name ?? '';
}

const SYSTEM_INFORMATION: EventInput['systemInformation'] = [
  {
    name: 'Services',
    fields: [
      { name: 'name', label: 'Name' },
      { name: 'state', label: 'State' },
    ],
    rows: [
      { name: 'Spooler', state: 'Running' },
      { name: 'LanmanWorkstation', state: 'Running' },
      { name: 'wuauserv', state: 'Stopped' },
    ],
  },
];

export function SessionView({ lsid, onLeave }: { lsid: string; onLeave(): void }) {
  const session = usePoll(() => praApi.session(lsid), [lsid], 2000);
  const deliveries = usePoll(
    async () => (await getJson<Delivery[]>('/pra/__sim/outbound/log')).filter((d) => d.lsid === lsid),
    [lsid],
    2000,
  );
  const customLink = usePoll(() => loadUrls().then((u) => u.customLinkUrl), [], 0);
  const [chat, setChat] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState({ name: 'C:\\Temp\\network-fix.ps1', kb: 12, direction: 'File Upload' });
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const act = async (label: string, action: () => Promise<unknown>) => {
    setBusy(label);
    setError(undefined);
    try {
      await action();
      await session.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  const add = (events: EventInput[]) => praApi.addEvents(lsid, events);

  const s: Session | undefined = session.data;
  if (!s) return <p className="muted">{session.error ?? 'Loading the session…'}</p>;
  const active = s.endTime === null;
  const ticketLink = s.externalKey && customLink.data ? rewriteHref(customLink.data.replace('%SESSION.CUSTOM.EXTERNAL_KEY%', encodeURIComponent(s.externalKey))) : undefined;
  const chats = s.events.filter((e) => e.eventType === 'Chat Message');
  const endDelivery = deliveries.data?.filter((d) => d.event === 'support_conference_end') ?? [];

  return (
    <section className="pra-session" aria-label="Session">
      <div className="pra-session-header">
        <div>
          <h2>
            {s.jumpItem.name} <span className={`pra-state ${active ? 'active' : 'ended'}`}>{active ? 'Session active' : 'Session ended'}</span>
          </h2>
          <p className="muted">
            {s.customer.hostname} · {s.customer.os} · {s.customer.privateIp} · representative {s.reps[0]?.displayName} · session {s.lsid}
          </p>
          <p>
            Ticket (External Key): <strong>{s.externalKey || 'none'}</strong>
            {ticketLink && (
              <>
                {' · '}
                <a href={ticketLink} target="_blank" rel="noreferrer">
                  View Jira Ticket
                </a>
              </>
            )}
          </p>
        </div>
        <button type="button" className="link-button" onClick={onLeave}>
          Back to Jump Items
        </button>
      </div>
      {error && (
        <div className="pra-message pra-denied" role="alert">
          {error}
        </div>
      )}

      <div className="pra-grid">
        <div className="pra-panel">
          <h3>Chat</h3>
          <ol className="chat" aria-label="Chat messages">
            {chats.map((m, i) => (
              <li key={i} className={m.performedBy?.type === 'representative' ? 'from-rep' : 'from-customer'}>
                <span className="muted">{time(m.timestamp)}</span> <strong>{who(m.performedBy)}:</strong> {m.body}
              </li>
            ))}
          </ol>
          {active && (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                const body = chat.trim();
                if (!body) return;
                void act('chat', () => add([{ eventType: 'Chat Message', performedBy: 'rep', destination: 'customer', body }])).then(() => setChat(''));
              }}
            >
              <input value={chat} onChange={(e) => setChat(e.target.value)} placeholder="Message to the remote user" aria-label="Chat message" />
              <button type="submit" className="button" disabled={!chat.trim() || !!busy}>
                Send
              </button>
              <button
                type="button"
                className="sandbox-aside-button"
                disabled={!!busy}
                onClick={() => void act('reply', () => add([{ eventType: 'Chat Message', performedBy: 'customer', destination: 'rep', body: 'Thanks, it works again.' }]))}
              >
                Remote user replies
              </button>
            </form>
          )}
        </div>

        {active && (
          <div className="pra-panel">
            <h3>File transfer</h3>
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                const filesize = Math.round(file.kb * 1024);
                void act('file', () =>
                  add([
                    {
                      eventType: file.direction,
                      performedBy: 'rep',
                      destination: 'customer',
                      filename: file.name,
                      filesize,
                      data: { path: file.name, filename: file.name.split(/[\\/]/).pop() ?? file.name, filesize },
                    },
                  ]),
                );
              }}
            >
              <label>
                File <input value={file.name} onChange={(e) => setFile({ ...file, name: e.target.value })} aria-label="File name" />
              </label>
              <label>
                Size (KB) <input type="number" min={0} value={file.kb} onChange={(e) => setFile({ ...file, kb: Number(e.target.value) })} aria-label="File size in KB" />
              </label>
              <label>
                Direction
                <select value={file.direction} onChange={(e) => setFile({ ...file, direction: e.target.value })} aria-label="Direction">
                  <option value="File Upload">Upload to the endpoint</option>
                  <option value="File Download">Download from the endpoint</option>
                </select>
              </label>
              <button type="submit" className="button" disabled={!file.name.trim() || !!busy}>
                Transfer file
              </button>
            </form>
            <h3>Session note</h3>
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                const body = note.trim();
                if (!body) return;
                void act('note', () => add([{ eventType: 'Session Note Added', performedBy: 'rep', body }])).then(() => setNote(''));
              }}
            >
              <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} placeholder="What you did" aria-label="Session note" />
              <button type="submit" className="button" disabled={!note.trim() || !!busy}>
                Add note
              </button>
            </form>
            <h3>Endpoint</h3>
            <button type="button" className="button" disabled={!!busy} onClick={() => void act('sysinfo', () => add([{ eventType: 'System Information Retrieved', performedBy: 'rep', systemInformation: SYSTEM_INFORMATION }]))}>
              Retrieve system information
            </button>
          </div>
        )}
      </div>

      {active ? (
        <button type="button" className="button danger end-session" disabled={!!busy} onClick={() => void act('end', () => praApi.end(lsid))}>
          End session
        </button>
      ) : (
        <div className="pra-panel" aria-label="After the session">
          <h3>After the session</h3>
          <p>PRA sends the Access Session End outbound event to the app&apos;s Outbound Event URL; the app then imports the session into the ticket.</p>
          <ul>
            {endDelivery.length === 0 && <li className="muted">Not sent yet (outbound events may be paused in PRA /login, or no recipient is configured).</li>}
            {endDelivery.map((d, i) => (
              <li key={i}>
                Access Session End → {d.delivered ? `delivered (HTTP ${d.status})` : `failed: ${d.error ?? `HTTP ${d.status}`}; PRA retries`}
              </li>
            ))}
          </ul>
          {ticketLink && (
            <p>
              <a href={ticketLink}>Open {s.externalKey} in Jira</a> to see the imported comment.
            </p>
          )}
        </div>
      )}

      <details className="pra-panel" open>
        <summary>Session events ({s.events.length})</summary>
        <table className="table compact">
          <thead>
            <tr>
              <th>Time</th>
              <th>Event</th>
              <th>By</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {s.events.map((e, i) => (
              <tr key={i}>
                <td>{time(e.timestamp)}</td>
                <td>{e.eventType}</td>
                <td>{who(e.performedBy)}</td>
                <td>{e.body ?? (e.filename ? `${e.filename} (${e.filesize ?? 0} bytes)` : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
