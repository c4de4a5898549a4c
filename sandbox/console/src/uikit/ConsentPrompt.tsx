/**
 * Jira's *Allow access* prompt, shown in place of a module whose resolver answered that the user has not
 * allowed the app yet (@forge/api's NeedsAuthenticationError). *Allow access* records the consent in the
 * local Forge host; the module is then loaded again.
 */
import React, { useState } from 'react';
import { allowAccess, type ConsentRequest } from './bridge';

export function ConsentPrompt({ request, accountId, onAllowed }: { request: ConsentRequest; accountId: string; onAllowed(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const allow = () => {
    setBusy(true);
    allowAccess(accountId).then(onAllowed, (e: Error) => {
      setBusy(false);
      setError(e.message);
    });
  };
  return (
    <section className="uk-consent" role="region" aria-label="Allow access" data-module-key={request.moduleKey}>
      <h2 className="uk-consent-title">Allow access</h2>
      <p>This app needs your permission to access Jira on your behalf. It will be able to:</p>
      <ul>
        {request.scopes.map((scope) => (
          <li key={scope}>
            <code>{scope}</code>
          </li>
        ))}
      </ul>
      {error && (
        <p className="uk-frame-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="uk-button uk-button-primary" disabled={busy || !accountId} onClick={allow}>
        Allow access
      </button>
    </section>
  );
}
