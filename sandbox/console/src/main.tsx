/** The web console: one page per path, like the products it stands in for. */
import './console.css';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { Home } from './home/Home';
import { AdminPage } from './jira/AdminPage';
import { IssueView } from './jira/IssueView';
import { AccessConsole } from './pra/AccessConsole';
import { PraLogin } from './pra/PraLogin';
import { SessionDownload } from './pra/SessionDownload';
import { loadUrls } from './shared/sandboxApi';
import { Shell } from './shared/Shell';

function Page() {
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  const issue = /^\/browse\/([^/]+)$/.exec(path);
  if (issue) return <IssueView issueKey={decodeURIComponent(issue[1]!).toUpperCase()} />;
  switch (path) {
    case '/':
      return <Home />;
    case '/admin':
      return <AdminPage />;
    case '/pra/console':
      return <AccessConsole />;
    case '/pra/login':
      return <PraLogin />;
    case '/pra/session_download':
      return <SessionDownload />;
    default:
      return (
        <Shell product="sandbox">
          <p>Nothing here. Start at the <a href="/">sandbox home</a>.</p>
        </Shell>
      );
  }
}

// Links are rewritten with the origins the server reports, so load them before the first render.
void loadUrls()
  .catch(() => undefined)
  .then(() => createRoot(document.getElementById('root')!).render(<Page />));
