/**
 * The simulated appliance's /login pages, read from the PRA simulator: the API account the app uses, the
 * outbound event recipient (the app's Outbound Event URL) with its delivery log, the Jump Policy ticket
 * system (the Endpoint Approval URL) with its decisions, the custom link, and the Jump Items. "Outbound
 * events off" holds deliveries — with the app's reconciliation, a missed event still gets imported.
 */
import React from 'react';
import { getJson, requestJson } from '../shared/http';
import { loadUrls } from '../shared/sandboxApi';
import { SandboxNote, Shell } from '../shared/Shell';
import { usePoll } from '../shared/usePoll';
import { ScheduledRunButton } from '../jira/ScheduledRunButton';
import { praApi } from './praApi';
import { EditableUrl } from './EditableUrl';

interface Account {
  name: string;
  clientId: string;
  enabled: boolean;
  permissions: Record<string, unknown>;
  tokenRequests: number;
}
interface Recipient {
  id: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  pending: number;
  delivered: number;
}
interface Delivery {
  recipientId: string;
  event: string;
  lsid: string;
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  delivered: boolean;
}
interface TicketLog {
  id: string;
  at: number;
  ticketId: string;
  username: string;
  jumpItemId: number;
  outcome: { allowed: boolean; message: string | null; elapsedMs: number };
}

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function PraLogin() {
  const data = usePoll(
    async () => {
      const [accounts, recipients, log, ticketSystem, ticketLog, items, knobs, urls] = await Promise.all([
        getJson<Account[]>('/pra/__sim/accounts'),
        getJson<Recipient[]>('/pra/__sim/outbound/recipients'),
        getJson<Delivery[]>('/pra/__sim/outbound/log'),
        getJson<{ url: string | null; timeoutMs: number }>('/pra/__sim/ticket-system'),
        getJson<TicketLog[]>('/pra/__sim/ticket-system/log'),
        praApi.jumpItems(),
        getJson<{ outboundPaused: boolean; outboundRetryIntervalMs: number }>('/pra/__sim/knobs'),
        loadUrls(),
      ]);
      return { accounts, recipients, log, ticketSystem, ticketLog, items, knobs, urls };
    },
    [],
    3000,
  );
  const d = data.data;
  const setPaused = async (paused: boolean) => {
    await requestJson('/pra/__sim/outbound/' + (paused ? 'pause' : 'resume'), { method: 'POST', body: '{}' });
    await data.reload();
  };

  return (
    <Shell product="pra">
      <h1 className="pra-title">/login — appliance settings</h1>
      {!d && <p className="muted">{data.error ?? 'Loading…'}</p>}
      {d && (
        <>
          <section className="pra-panel" aria-label="API Configuration">
            <h2>Management &gt; API Configuration</h2>
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>OAuth Client ID</th>
                  <th>Enabled</th>
                  <th>Permissions</th>
                  <th>Token requests</th>
                </tr>
              </thead>
              <tbody>
                {d.accounts.map((a) => (
                  <tr key={a.clientId}>
                    <td>{a.name}</td>
                    <td>
                      <code>{a.clientId}</code>
                    </td>
                    <td>{a.enabled ? 'yes' : 'no'}</td>
                    <td>{Object.entries(a.permissions).filter(([, v]) => v && v !== 'deny').map(([k, v]) => (v === true ? k : `${k}: ${v}`)).join(', ')}</td>
                    <td>{a.tokenRequests}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="pra-panel" aria-label="Outbound Events">
            <h2>Management &gt; Outbound Events</h2>
            {d.recipients.map((r) => (
              <div key={r.id} className="setting">
                <strong>{r.name}</strong> · {r.events.join(', ')} · {r.enabled ? 'enabled' : 'disabled'} · {r.pending} pending · {r.delivered} delivered
                <div>
                  URL:{' '}
                  <EditableUrl
                    label={`URL of ${r.name}`}
                    value={r.url}
                    onSave={(url) => requestJson(`/pra/__sim/outbound/recipients/${encodeURIComponent(r.id)}`, { method: 'PATCH', body: JSON.stringify({ url }) }).then(data.reload)}
                  />
                </div>
              </div>
            ))}
            <label className="toggle-line">
              <input type="checkbox" checked={d.knobs.outboundPaused} onChange={(e) => void setPaused(e.target.checked)} /> Outbound events off (hold deliveries){' '}
              <span className="sandbox-badge">Sandbox</span>
            </label>
            <p className="muted">A failed delivery is retried every {d.knobs.outboundRetryIntervalMs / 1000} s; nothing behind it is sent until it succeeds.</p>
            <table className="table compact">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Event</th>
                  <th>Session</th>
                  <th>Attempt</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {d.log
                  .slice(-15)
                  .reverse()
                  .map((l, i) => (
                    <tr key={i}>
                      <td>{when(l.at)}</td>
                      <td>{l.event}</td>
                      <td>
                        <code>{l.lsid.slice(0, 12)}…</code>
                      </td>
                      <td>{l.attempt}</td>
                      <td>{l.delivered ? `HTTP ${l.status}` : (l.error ?? `HTTP ${l.status}`)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <SandboxNote title="Missed an event?">
              <p>
                Turn outbound events off, end a session, then (a few seconds later) run the app&apos;s hourly reconciliation now: it finds the session and
                imports it anyway.
              </p>
              <ScheduledRunButton />
            </SandboxNote>
          </section>

          <section className="pra-panel" aria-label="Jump Policies">
            <h2>Jump &gt; Jump Policies &gt; Ticket System</h2>
            <div className="setting">
              Ticket System URL:{' '}
              <EditableUrl
                label="Ticket System URL"
                value={d.ticketSystem.url}
                onSave={(url) => requestJson('/pra/__sim/ticket-system', { method: 'PUT', body: JSON.stringify({ url }) }).then(data.reload)}
              />{' '}
              · timeout {d.ticketSystem.timeoutMs / 1000} s
            </div>
            <table className="table compact">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Ticket</th>
                  <th>User</th>
                  <th>Jump Item</th>
                  <th>Decision</th>
                </tr>
              </thead>
              <tbody>
                {d.ticketLog
                  .slice(-15)
                  .reverse()
                  .map((t) => (
                    <tr key={t.id}>
                      <td>{when(t.at)}</td>
                      <td>{t.ticketId}</td>
                      <td>{t.username}</td>
                      <td>{d.items.find((i) => i.id === t.jumpItemId)?.name ?? t.jumpItemId}</td>
                      <td>{t.outcome.allowed ? 'Allowed' : `Denied: ${t.outcome.message}`}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>

          <section className="pra-panel" aria-label="Custom Links">
            <h2>Console Settings &gt; Custom Links</h2>
            <p>
              View Jira Ticket → <code className="url">{d.urls.customLinkUrl ?? 'not set'}</code>
            </p>
          </section>

          <section className="pra-panel" aria-label="Jump Items">
            <h2>Jump Items</h2>
            <table className="table compact">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Host name</th>
                  <th>Type</th>
                  <th>Jump Policy</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.name}</td>
                    <td>{i.hostname}</td>
                    <td>{i.type}</td>
                    <td>{i.ticketIdRequired ? 'Jira Approval Required (ticket ID)' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </Shell>
  );
}
