/** The details panel: status, people, the asset fields (Assets objects by label) and the app's issue-context panels. */
import React, { useEffect, useState } from 'react';
import type { UiModuleInfo } from '../shared/sandboxApi';
import { assetLabel, type JiraIssue } from './jiraApi';
import { ModuleFrame } from './ModuleFrame';
import { issueExtension } from './extension';

const STATUS_CLASS: Record<string, string> = { new: 'todo', indeterminate: 'inprogress', done: 'done' };

function AssetsValue({ value, accountId }: { value: Array<{ workspaceId: string; objectId: string }>; accountId: string }) {
  const [labels, setLabels] = useState<string[]>();
  const ids = value.map((v) => `${v.workspaceId}:${v.objectId}`).join(',');
  useEffect(() => {
    let active = true;
    void Promise.all(value.map((v) => assetLabel(v.workspaceId, v.objectId, accountId).catch(() => `object ${v.objectId}`))).then((l) => active && setLabels(l));
    return () => {
      active = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, accountId]);
  return <>{labels ? labels.join(', ') : '…'}</>;
}

export function IssueSidebar({ issue, accountId, contexts }: { issue: JiraIssue; accountId: string; contexts: UiModuleInfo[] }) {
  const f = issue.fields;
  const custom = Object.entries(issue.names ?? {}).filter(([id]) => id.startsWith('customfield_'));
  return (
    <aside className="issue-sidebar">
      <div className={`status-pill status-${STATUS_CLASS[f.status.statusCategory.key] ?? 'todo'}`}>{f.status.name}</div>
      <dl className="details" aria-label="Details">
        <dt>Assignee</dt>
        <dd>{f.assignee?.displayName ?? 'Unassigned'}</dd>
        <dt>Reporter</dt>
        <dd>{f.reporter?.displayName ?? 'None'}</dd>
        <dt>Resolution</dt>
        <dd>{f.resolution?.name ?? 'Unresolved'}</dd>
        <dt>Request type</dt>
        <dd>{f.issuetype.name}</dd>
        {custom.map(([id, name]) => {
          const value = f[id];
          const kind = issue.schema?.[id];
          return (
            <React.Fragment key={id}>
              <dt>{name}</dt>
              <dd>
                {value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? (
                  <span className="muted">None</span>
                ) : kind?.items === 'cmdb-object-field' && Array.isArray(value) ? (
                  <AssetsValue value={value} accountId={accountId} />
                ) : typeof value === 'string' || typeof value === 'number' ? (
                  String(value)
                ) : (
                  JSON.stringify(value)
                )}
              </dd>
            </React.Fragment>
          );
        })}
      </dl>
      {contexts.map((module) => (
        <details key={module.key} className="context-panel" open>
          <summary>{module.title ?? module.key}</summary>
          {/* Reloaded when the issue changes (an import landed), like reopening the issue in Jira. */}
          <ModuleFrame key={f.updated} module={module} accountId={accountId} extension={issueExtension(issue)} title={module.title ?? module.key} />
        </details>
      ))}
    </aside>
  );
}
