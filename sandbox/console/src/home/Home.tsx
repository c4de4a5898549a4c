/** The sandbox's start page: what to try, the seeded tickets and what each shows, the URLs, and reset. */
import React, { useState } from 'react';
import { postJson } from '../shared/http';
import { loadUrls, sandboxApi } from '../shared/sandboxApi';
import { Shell } from '../shared/Shell';
import { usePoll } from '../shared/usePoll';

const STATUS_CLASS: Record<string, string> = { new: 'todo', indeterminate: 'inprogress', done: 'done' };

export function Home() {
  const issues = usePoll(() => sandboxApi.issues(), [], 5000);
  const urls = usePoll(() => loadUrls(true), [], 0);
  const [resetting, setResetting] = useState(false);
  const reset = async () => {
    if (!window.confirm('Reset the sandbox? Every session, comment and setting goes back to the seeded demo.')) return;
    setResetting(true);
    try {
      await postJson('/sandbox/api/reset');
      window.localStorage.clear();
      window.location.reload();
    } finally {
      setResetting(false);
    }
  };
  return (
    <Shell product="sandbox">
      <h1>BeyondTrust PRA × Jira Service Management — sandbox</h1>
      <p className="lead">
        The app&apos;s real handlers run in a local Forge host, against simulators of a PRA appliance and of Jira Cloud. Everything below happens on this
        machine.
      </p>

      <section className="card" aria-label="Try it">
        <h2>Try it</h2>
        <ol className="steps">
          <li>
            <strong>Jump to Asset.</strong> Open <a href="/browse/SD-1">SD-1</a> as Alex Rivera, click <em>•••</em> and choose{' '}
            <em>Jump to Asset with BeyondTrust PRA</em>, then <em>Jump to WORKSTATION-01</em>: the PRA web access console opens in a new tab.
          </li>
          <li>
            <strong>Work in the session.</strong> There, <em>Start session</em>, chat, transfer a file, add a note, retrieve system information, then{' '}
            <em>End session</em>.
          </li>
          <li>
            <strong>Session data import.</strong> Back on <a href="/browse/SD-1">SD-1</a>, the session appears as a comment (with the recording attached)
            within seconds, and in the BeyondTrust PRA panel.
          </li>
          <li>
            <strong>Endpoint approval.</strong> In the <a href="/pra/console">PRA access console</a>, <em>Enter ticket ID</em>: SD-1 on WORKSTATION-01
            is approved for Alex; SD-2 (Sam&apos;s ticket), SD-6 (closed), SD-1 on WEB01 (another asset), SD-999 (unknown) are denied with the message
            PRA shows. DB-SERVER-02&apos;s Jump Policy asks for a ticket before any session.
          </li>
          <li>
            <strong>Change windows.</strong> <em>Require change window</em> is on: on DB-SERVER-02, <a href="/browse/CHG-1">CHG-1</a> (window open
            now) is approved for Alex and its imported session says it ran inside the window; <a href="/browse/CHG-2">CHG-2</a> (window tomorrow
            22:00–23:00 UTC) is denied with its window. Move every clock with <code>POST /sandbox/api/clock</code> (docs/sandbox.md) to try the edges.
          </li>
          <li>
            <strong>Configuration.</strong> The <a href="/admin">configuration page</a> as Morgan Lee (Jira admin): settings, validation, the two
            integration URLs; PRA&apos;s side is at <a href="/pra/login">PRA /login</a>.
          </li>
          <li>
            <strong>A missed event.</strong> On <a href="/pra/login">PRA /login</a>, turn <em>Outbound events off</em>; run and end a session; a few
            seconds later, <em>Run reconcile-sessions now</em> (there or beside the configuration page): the app&apos;s hourly pass finds the session in
            PRA&apos;s session listing and imports it anyway. Its window ends 5 seconds before the pass here (five minutes when deployed).
          </li>
        </ol>
      </section>

      <section className="card" aria-label="Tickets">
        <h2>Seeded tickets</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Key</th>
              <th>Summary</th>
              <th>Status</th>
              <th>Assignee</th>
              <th>Asset fields</th>
              <th>What it shows</th>
            </tr>
          </thead>
          <tbody>
            {(issues.data ?? []).map((i) => (
              <tr key={i.key}>
                <td>
                  <a href={`/browse/${i.key}`}>{i.key}</a>
                </td>
                <td>{i.summary}</td>
                <td>
                  <span className={`status-pill small status-${STATUS_CLASS[i.statusCategory] ?? 'todo'}`}>{i.status}</span>
                </td>
                <td>{i.assigneeName ?? 'Unassigned'}</td>
                <td>{i.assets.join(', ') || '—'}</td>
                <td className="muted">
                  {i.note}
                  {i.changeWindow && <div>Change window: {i.changeWindow}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          People: Alex Rivera (technician), Sam Patel (technician, email hidden in Jira), Morgan Lee (Jira admin), Casey Nguyen (technician, IT
          Operations), Taylor Brooks (customer). The same people are PRA users (arivera, spatel, mlee, cnguyen).
        </p>
      </section>

      <section className="card" aria-label="Integration URLs">
        <h2>Integration URLs</h2>
        <dl className="details wide">
          <dt>Outbound Event URL</dt>
          <dd>
            <code className="url">{urls.data?.outboundEventUrl ?? '…'}</code>
          </dd>
          <dt>Endpoint Approval URL</dt>
          <dd>
            <code className="url">{urls.data?.endpointApprovalUrl ?? '…'}</code>
          </dd>
          <dt>Custom link (PRA Access Console)</dt>
          <dd>
            <code className="url">{urls.data?.customLinkUrl ?? '…'}</code>
          </dd>
          <dt>Scripting API</dt>
          <dd>
            <a href="/sandbox/api/health">/sandbox/api/health</a> (docs/sandbox.md) · PRA simulator <a href="/pra/__sim/info">/pra/__sim</a> · Jira
            simulator <a href="/jira/rest/api/3/serverInfo">/jira/rest/api/3</a>
          </dd>
        </dl>
        <button type="button" className="button danger" disabled={resetting} onClick={() => void reset()}>
          {resetting ? 'Resetting…' : 'Reset the sandbox'}
        </button>
      </section>
    </Shell>
  );
}
