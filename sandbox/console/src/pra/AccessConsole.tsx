/**
 * The simulated PRA web access console (/pra/console). Opened from a Jump link (`?jump=csr-N`, where PRA
 * redirects the web-console Jump) it shows the recorded request and starts the session as the chosen PRA
 * user; otherwise it lists Jump Items (a Jump Item whose Jump Policy requires a ticket asks for a ticket ID
 * first), the user's sessions, session files waiting to be opened, and "Enter ticket ID" to request
 * access with any ticket.
 */
import React, { useEffect, useState } from 'react';
import { IdentityPicker, SandboxNote, Shell } from '../shared/Shell';
import { usePraUser } from '../shared/people';
import { loadUrls } from '../shared/sandboxApi';
import { usePoll } from '../shared/usePoll';
import { praApi, type JumpItem, type JumpRequest, type Session } from './praApi';
import { SessionView } from './SessionView';
import { TICKET_PROMPT, TicketPrompt } from './TicketPrompt';

/** PRA records every session in the sandbox (a session policy with recording on), so imports can attach one. */
const RECORDING_BYTES = 256 * 1024;

function setQuery(params: Record<string, string | undefined>): void {
  const query = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) query.delete(k);
    else query.set(k, v);
  }
  const search = query.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

export function AccessConsole() {
  const { username, setUsername } = usePraUser();
  const users = usePoll(() => praApi.users(), [], 0);
  const items = usePoll(() => praApi.jumpItems(), [], 0);
  const initial = new URLSearchParams(window.location.search);
  const [jumpId, setJumpId] = useState<string | undefined>(initial.get('jump') ?? undefined);
  const [lsid, setLsid] = useState<string | undefined>(initial.get('session') ?? undefined);
  const [error, setError] = useState<string>();
  useEffect(() => {
    void loadUrls();
  }, []);

  const start = async (starting: () => Promise<Session>) => {
    setError(undefined);
    try {
      const session = await starting();
      await praApi.setRecording(session.lsid, RECORDING_BYTES);
      setQuery({ session: session.lsid, jump: undefined });
      setJumpId(undefined);
      setLsid(session.lsid);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const identity = (
    <IdentityPicker
      label="You are (PRA)"
      value={username}
      options={(users.data ?? []).map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` }))}
      onChange={setUsername}
    />
  );

  return (
    <Shell product="pra" identity={identity}>
      <h1 className="pra-title">Web Access Console</h1>
      {error && (
        <div className="pra-message pra-denied" role="alert">
          {error}
        </div>
      )}
      {lsid ? (
        <SessionView
          lsid={lsid}
          onLeave={() => {
            setQuery({ session: undefined });
            setLsid(undefined);
          }}
        />
      ) : (
        <>
          {jumpId && <JumpRequestCard id={jumpId} username={username} items={items.data ?? []} onStart={start} onOpenSession={setLsid} />}
          <JumpItems username={username} items={items.data ?? []} onStart={start} />
          <TicketCheck username={username} items={items.data ?? []} onStart={start} />
          <MySessions username={username} onOpen={setLsid} />
          <SessionFiles onOpen={(id) => {
            setQuery({ jump: id });
            setJumpId(id);
          }} />
        </>
      )}
    </Shell>
  );
}

function JumpRequestCard({
  id,
  username,
  items,
  onStart,
  onOpenSession,
}: {
  id: string;
  username: string;
  items: JumpItem[];
  onStart(starting: () => Promise<Session>): Promise<void>;
  onOpenSession(lsid: string): void;
}) {
  const request = usePoll(async () => (await praApi.jumpRequests()).find((r) => r.id === id), [id], 0);
  const [chosen, setChosen] = useState<number>();
  const [approvedFor, setApprovedFor] = useState<number>();
  useEffect(() => setApprovedFor(undefined), [username]);
  const r: JumpRequest | undefined = request.data;
  if (request.loading) return <p className="muted">Loading the Jump request…</p>;
  if (!r) return <p className="pra-message pra-denied">PRA has no Jump request {id}.</p>;
  const matches = r.matches.map((m) => items.find((i) => i.id === m)).filter((i): i is JumpItem => !!i);
  const item = matches.length === 1 ? matches[0] : matches.find((m) => m.id === chosen);
  return (
    <section className="pra-panel jump-request" aria-label="Jump request">
      <h2>Jump request from a link</h2>
      <dl className="details">
        <dt>Action</dt>
        <dd>{r.action}</dd>
        <dt>Search</dt>
        <dd>{r.params.search_string ?? Object.entries(r.params).filter(([k]) => k.startsWith('client.')).map(([k, v]) => `${k}=${v}`).join(', ')}</dd>
        <dt>Ticket (External Key)</dt>
        <dd>{r.customAttributes.external_key ?? 'none'}</dd>
        <dt>Matching Jump Items</dt>
        <dd>{matches.length ? matches.map((m) => `${m.name} (${m.hostname})`).join(', ') : 'none: nothing to connect to'}</dd>
      </dl>
      {r.sessionLsid ? (
        <p>
          This Jump already started a session.{' '}
          <button type="button" className="link-button" onClick={() => onOpenSession(r.sessionLsid!)}>
            Open it
          </button>
        </p>
      ) : (
        <>
          {matches.length > 1 && (
            <label>
              Jump Item{' '}
              <select value={chosen ?? ''} onChange={(e) => setChosen(Number(e.target.value))} aria-label="Jump Item">
                <option value="">Choose…</option>
                {matches.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {item?.ticketIdRequired && <p>The Jump Policy of {item.name} requires a ticket ID:</p>}
          {item?.ticketIdRequired && (
            <TicketPrompt key={`${item.id}-${username}`} jumpItem={item} username={username} onAsking={() => setApprovedFor(undefined)} onAllowed={() => setApprovedFor(item.id)} />
          )}
          <button
            type="button"
            className="button primary"
            disabled={!item || (item.ticketIdRequired && approvedFor !== item.id)}
            onClick={() => void onStart(() => praApi.startFromJump(r.id, username, item?.id))}
          >
            Start session{item ? ` on ${item.name}` : ''} as {username}
          </button>
        </>
      )}
    </section>
  );
}

function JumpItems({ username, items, onStart }: { username: string; items: JumpItem[]; onStart(starting: () => Promise<Session>): Promise<void> }) {
  const [asking, setAsking] = useState<number>();
  return (
    <section className="pra-panel" aria-label="Jump Items">
      <h2>Jump Items</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Host name</th>
            <th>Type</th>
            <th>Jump Policy</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <React.Fragment key={item.id}>
              <tr>
                <td>{item.name}</td>
                <td>{item.hostname}</td>
                <td>{item.type}</td>
                <td>{item.ticketIdRequired ? 'Requires a ticket ID' : '—'}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Jump to ${item.name}`}
                    onClick={() => (item.ticketIdRequired ? setAsking(item.id) : void onStart(() => praApi.startOnJumpItem(item.id, username)))}
                  >
                    Jump
                  </button>
                </td>
              </tr>
              {asking === item.id && (
                <tr>
                  <td colSpan={5}>
                    <TicketPrompt jumpItem={item} username={username} onAllowed={() => void onStart(() => praApi.startOnJumpItem(item.id, username))} />
                  </td>
                </tr>
              )}
            </React.Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** "Enter ticket ID" for any Jump Item: the approval request PRA sends, and what the user is told. */
function TicketCheck({ username, items, onStart }: { username: string; items: JumpItem[]; onStart(starting: () => Promise<Session>): Promise<void> }) {
  const [itemId, setItemId] = useState<number>();
  const item = items.find((i) => i.id === itemId) ?? items[0];
  const [allowedFor, setAllowedFor] = useState<number>();
  // An approval is for one user and one Jump Item: choosing another withdraws the offer.
  useEffect(() => setAllowedFor(undefined), [username, item?.id]);
  return (
    <section className="pra-panel" aria-label="Enter ticket ID">
      <h2>Enter ticket ID</h2>
      <p className="muted">
        Request access to a Jump Item with a Jira ticket: PRA sends the ticket ID, you ({username}) and the Jump Item to the ticket system (the app&apos;s
        Endpoint Approval URL). Prompt: &ldquo;{TICKET_PROMPT}&rdquo;.
      </p>
      <label>
        Jump Item{' '}
        <select value={item?.id ?? ''} onChange={(e) => setItemId(Number(e.target.value))} aria-label="Jump Item for the ticket">
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      {item && (
        <TicketPrompt
          key={`${item.id}-${username}`}
          jumpItem={item}
          username={username}
          onAsking={() => setAllowedFor(undefined)}
          onAllowed={() => setAllowedFor(item.id)}
        />
      )}
      {item && allowedFor === item.id && (
        <button type="button" className="button primary" onClick={() => void onStart(() => praApi.startOnJumpItem(item.id, username))}>
          Start session on {item.name}
        </button>
      )}
    </section>
  );
}

function MySessions({ username, onOpen }: { username: string; onOpen(lsid: string): void }) {
  const sessions = usePoll(() => praApi.sessions(), [], 3000);
  const mine = (sessions.data ?? []).filter((s) => s.primaryRep === username).reverse();
  return (
    <section className="pra-panel" aria-label="My sessions">
      <h2>My sessions</h2>
      {mine.length === 0 && <p className="muted">No sessions yet.</p>}
      <ul>
        {mine.slice(0, 10).map((s) => (
          <li key={s.lsid}>
            <button type="button" className="link-button" onClick={() => onOpen(s.lsid)}>
              {s.jumpItem}
            </button>{' '}
            {s.active ? <span className="pra-state active">active</span> : <span className="pra-state ended">ended</span>} · ticket {s.externalKey || 'none'} ·{' '}
            {new Date(s.startTime * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC
          </li>
        ))}
      </ul>
    </section>
  );
}

function SessionFiles({ onOpen }: { onOpen(id: string): void }) {
  const requests = usePoll(() => praApi.jumpRequests(), [], 3000);
  const waiting = (requests.data ?? []).filter((r) => r.type === 'rep' && !r.sessionLsid).reverse();
  if (waiting.length === 0) return null;
  return (
    <SandboxNote title="Session files downloaded (Access Console mode)">
      <p>With &ldquo;Use Web Rep Console&rdquo; off, the Jump link downloads a .brcs-pra file that opens the desktop Access Console. Open it here instead:</p>
      <ul>
        {waiting.map((r) => (
          <li key={r.id}>
            <button type="button" className="link-button" onClick={() => onOpen(r.id)}>
              {r.params.search_string ?? r.action}
            </button>{' '}
            · ticket {r.customAttributes.external_key ?? 'none'}
          </li>
        ))}
      </ul>
    </SandboxNote>
  );
}
