/**
 * A Jira issue as the signed-in user sees it (read through the Jira simulator's REST API as that user):
 * summary, the "…" menu with the app's issue actions, description, attachments and comments (ADF), the
 * details sidebar and the app's issue-context panels. Refreshes every few seconds, so an import shows up
 * without reloading.
 */
import React, { useEffect, useRef, useState } from 'react';
import { Adf } from '../adf/Adf';
import { useJiraUser } from '../shared/people';
import { sandboxApi, type UiModuleInfo } from '../shared/sandboxApi';
import { ErrorBox, IdentityPicker, SandboxNote, Shell } from '../shared/Shell';
import { usePoll } from '../shared/usePoll';
import { ActionsMenu } from './ActionsMenu';
import { Activity } from './Activity';
import { IssueSidebar } from './IssueSidebar';
import { commentsWithProperties, getIssue } from './jiraApi';
import { issueExtension } from './extension';
import { ModalDialog } from './ModalDialog';
import { ModuleFrame } from './ModuleFrame';

export function IssueView({ issueKey }: { issueKey: string }) {
  const { people, user, setUser } = useJiraUser('jira');
  const [modules, setModules] = useState<UiModuleInfo[]>([]);
  const [openAction, setOpenAction] = useState<UiModuleInfo>();
  const menuTrigger = useRef<HTMLButtonElement>(null);
  const accountId = user?.accountId;
  useEffect(() => {
    void sandboxApi.modules().then(setModules);
  }, []);
  const loaded = usePoll(
    async () => {
      if (!accountId) return undefined;
      const [issue, comments] = await Promise.all([getIssue(issueKey, accountId), commentsWithProperties(issueKey, accountId)]);
      return { issue, comments };
    },
    [issueKey, accountId],
  );

  const identity = (
    <IdentityPicker
      label="You are (Jira)"
      value={accountId}
      options={people.filter((p) => p.accountType !== 'app').map((p) => ({ value: p.accountId, label: `${p.displayName}${p.jiraAdmin ? ' (Jira admin)' : ''}` }))}
      onChange={setUser}
    />
  );
  const issue = loaded.data?.issue;
  const actions = modules.filter((m) => m.type === 'jira:issueAction');
  const panels = modules.filter((m) => m.type === 'jira:issuePanel');
  const contexts = modules.filter((m) => m.type === 'jira:issueContext');

  return (
    <Shell product="jira" identity={identity}>
      {loaded.error && !issue && <ErrorBox message={loaded.error} />}
      {!issue && !loaded.error && <p className="muted">Loading {issueKey}…</p>}
      {issue && accountId && (
        <div className="issue">
          <div className="issue-main">
            <div className="breadcrumbs">
              Projects / {issue.fields.project.name} / <a href={`/browse/${issue.key}`}>{issue.key}</a>
            </div>
            <div className="issue-title-row">
              <h1 className="issue-title">{issue.fields.summary}</h1>
              <ActionsMenu
                actions={actions}
                onOpen={setOpenAction}
                triggerRef={menuTrigger}
                sandboxLinks={[{ key: 'json', label: 'Issue JSON (Jira simulator)', href: `/jira/__sim/issues/${encodeURIComponent(issue.key)}` }]}
              />
            </div>
            <section className="issue-section">
              <h2>Description</h2>
              {issue.fields.description ? <Adf doc={issue.fields.description} /> : <p className="muted">Add a description…</p>}
            </section>
            {panels.map((panel) => (
              <section key={panel.key} className="issue-section">
                <h2>{panel.title}</h2>
                <ModuleFrame module={panel} accountId={accountId} extension={issueExtension(issue)} title={panel.title ?? panel.key} />
              </section>
            ))}
            <Activity issue={issue} comments={loaded.data?.comments ?? []} onRefresh={loaded.reload} />
          </div>
          <IssueSidebar issue={issue} accountId={accountId} contexts={contexts} />
        </div>
      )}
      {openAction && issue && accountId && (
        <ModalDialog title={openAction.title ?? openAction.key} onClose={() => setOpenAction(undefined)} returnFocusTo={menuTrigger}>
          <ModuleFrame module={openAction} accountId={accountId} extension={issueExtension(issue)} title={openAction.title ?? openAction.key} minHeight={120} onClose={() => setOpenAction(undefined)} />
        </ModalDialog>
      )}
      {issue && (
        <SandboxNote title="What this ticket shows">
          <IssueNote issueKey={issue.key} />
        </SandboxNote>
      )}
    </Shell>
  );
}

function IssueNote({ issueKey }: { issueKey: string }) {
  const [note, setNote] = useState<string>('');
  useEffect(() => {
    void sandboxApi.issues().then((issues) => setNote(issues.find((i) => i.key === issueKey)?.note ?? ''));
  }, [issueKey]);
  return <p>{note || 'A ticket created after seeding.'} Other tickets: see the sandbox home page.</p>;
}
