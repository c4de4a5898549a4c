/** Attachments and comments of the issue: what the session import wrote, rendered from ADF. */
import React from 'react';
import { Adf } from '../adf/Adf';
import { attachmentUrl, formatBytes, formatTime, type JiraComment, type JiraIssue } from './jiraApi';

const SESSION_PROPERTY = 'beyondtrust-pra-session';

function importLabel(comment: JiraComment): string | undefined {
  const marker = comment.properties?.find((p) => p.key === SESSION_PROPERTY)?.value as { part?: number; parts?: number } | undefined;
  if (!marker) return undefined;
  return marker.parts && marker.parts > 1 ? `PRA session import · part ${marker.part} of ${marker.parts}` : 'PRA session import';
}

export function Activity({ issue, comments, onRefresh }: { issue: JiraIssue; comments: JiraComment[]; onRefresh(): void }) {
  const attachments = issue.fields.attachment ?? [];
  return (
    <>
      <section className="issue-section" aria-label="Attachments">
        <h2>
          Attachments <span className="count">{attachments.length}</span>
        </h2>
        {attachments.length === 0 ? (
          <p className="muted">No attachments.</p>
        ) : (
          <ul className="attachments">
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={attachmentUrl(a.id)} download={a.filename}>
                  {a.filename}
                </a>
                <span className="muted">
                  {' '}
                  {formatBytes(a.size)} · {a.mimeType} · {formatTime(a.created)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="issue-section" aria-label="Activity">
        <div className="activity-header">
          <h2>
            Activity <span className="count">{comments.length}</span>
          </h2>
          <button type="button" className="link-button" onClick={onRefresh}>
            Refresh
          </button>
        </div>
        {comments.length === 0 && <p className="muted">No comments yet. Imported PRA sessions appear here.</p>}
        <ol className="comments">
          {comments.map((c) => (
            <li key={c.id} className="comment" data-comment-id={c.id}>
              <div className="comment-meta">
                <strong>{c.author.displayName}</strong>
                <span className="muted">{formatTime(c.created)}</span>
                {c.jsdPublic === false && <span className="tag tag-internal">Internal note</span>}
                {importLabel(c) && <span className="tag tag-import">{importLabel(c)}</span>}
              </div>
              <Adf doc={c.body} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
