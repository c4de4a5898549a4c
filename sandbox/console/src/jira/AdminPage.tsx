/**
 * Apps > Manage apps > BeyondTrust Privileged Remote Access: the app's real configuration page (the
 * static/ Custom UI build, served by the local Forge host with its bridge) as a Jira admin, Morgan Lee by
 * default. Beside it, what the sandbox did on the PRA side with the URLs the page shows.
 */
import React, { useEffect, useState } from 'react';
import { useJiraUser } from '../shared/people';
import { loadUrls, sandboxApi, type SandboxUrls, type UiModuleInfo } from '../shared/sandboxApi';
import { IdentityPicker, SandboxNote, Shell } from '../shared/Shell';
import { ModuleFrame } from './ModuleFrame';
import { ScheduledRunButton } from './ScheduledRunButton';

export function AdminPage() {
  const { people, user, setUser } = useJiraUser('admin');
  const [modules, setModules] = useState<UiModuleInfo[]>();
  const [urls, setUrls] = useState<SandboxUrls>();
  useEffect(() => {
    void sandboxApi.modules().then(setModules);
    void loadUrls(true).then(setUrls);
  }, []);
  const adminPage = modules?.find((m) => m.type === 'jira:adminPage');
  const identity = (
    <IdentityPicker
      label="You are (Jira)"
      value={user?.accountId}
      options={people.filter((p) => p.accountType !== 'app').map((p) => ({ value: p.accountId, label: `${p.displayName}${p.jiraAdmin ? ' (Jira admin)' : ''}` }))}
      onChange={setUser}
    />
  );
  return (
    <Shell product="jira" identity={identity}>
      <div className="breadcrumbs">Apps / Manage apps / {adminPage?.title ?? 'BeyondTrust Privileged Remote Access'}</div>
      <div className="admin">
        <div className="admin-main">
          {modules && !adminPage && <p>manifest.yml has no jira:adminPage module.</p>}
          {adminPage && user && <ModuleFrame key={user.accountId} module={adminPage} accountId={user.accountId} extension={{}} title={adminPage.title ?? 'Configuration'} minHeight={600} />}
        </div>
        <div className="admin-side">
          <SandboxNote title="The PRA side">
            <p>
              At first start the sandbox saved this configuration as Morgan Lee and entered the two URLs in PRA, as an admin would in PRA
              /login:
            </p>
            <ul>
              <li>
                Management &gt; Outbound Events: <code className="url">{urls?.outboundEventUrl ?? '…'}</code>
              </li>
              <li>
                Jump &gt; Jump Policies &gt; Ticket System URL: <code className="url">{urls?.endpointApprovalUrl ?? '…'}</code>
              </li>
              <li>
                Console Settings &gt; Custom Links: <code className="url">{urls?.customLinkUrl ?? '…'}</code>
              </li>
            </ul>
            <p>
              See them at <a href="/pra/login">PRA /login</a>. After <em>Regenerate</em> here, paste the new URL there (<em>Edit</em>), as an admin
              would: the old one stops working.
            </p>
            <p>Not a Jira admin? Switch to Alex Rivera above: the page refuses.</p>
          </SandboxNote>
          <SandboxNote title="Scheduled reconciliation">
            <p>The app imports sessions whose outbound event never arrived, every hour. Run it now:</p>
            <ScheduledRunButton />
          </SandboxNote>
        </div>
      </div>
    </Shell>
  );
}
