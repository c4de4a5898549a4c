/** A URL setting on a /login page: shown without its token; Edit to paste the one the Jira app shows. */
import React, { useState } from 'react';

/** Shows the URL without its secret token (the page is often screenshotted). */
export function maskToken(url: string | null | undefined): string {
  return (url ?? '').replace(/([?&]token=)[^&]+/, '$1…');
}

export function EditableUrl({ label, value, onSave }: { label: string; value: string | null; onSave(url: string): Promise<unknown> }) {
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<string>();
  if (editing === undefined) {
    return (
      <span className="editable-url">
        <code className="url">{maskToken(value) || 'not set'}</code>{' '}
        <button type="button" className="link-button" onClick={() => setEditing(value ?? '')} aria-label={`Edit ${label}`}>
          Edit
        </button>
      </span>
    );
  }
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        onSave(editing.trim()).then(
          () => setEditing(undefined),
          (failure: Error) => setError(failure.message),
        );
      }}
    >
      <input value={editing} onChange={(e) => setEditing(e.target.value)} aria-label={label} placeholder="Paste the URL from the Jira app's configuration page" />
      <button type="submit" className="button primary">
        Save
      </button>
      <button type="button" className="button" onClick={() => setEditing(undefined)}>
        Cancel
      </button>
      {error && (
        <span className="pra-message pra-denied" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
