/** What the Jump to Asset dialog tells the technician when it cannot offer a Jump. Pure. */

const WHERE = 'Apps > Manage apps > BeyondTrust Privileged Remote Access';

export const JUMP_MESSAGES = {
  noIssue: 'Open Jump to Asset from the "…" menu of a Jira issue: no issue was given.',
  noUser: 'Jump to Asset needs a signed-in Jira user.',
  notConfigured: `The BeyondTrust PRA integration has not been configured yet. Ask a Jira administrator to configure it under ${WHERE}.`,
  missingSettings: (settings: string[]) =>
    `The BeyondTrust PRA integration is missing its ${settings.join(' and ')}. Ask a Jira administrator to complete the configuration under ${WHERE}.`,
  invalidHost: `The Host Name in the BeyondTrust PRA configuration is not valid. Ask a Jira administrator to correct it under ${WHERE}.`,
  disabled: `The BeyondTrust PRA integration is disabled. Ask a Jira administrator to enable it under ${WHERE}.`,
  notFound: (issueKey: string) => `Issue ${issueKey} does not exist, or you do not have permission to view it.`,
  fieldMissing: (fieldName: string, suggestion?: string) =>
    `The field "${fieldName}" is not on this issue. The Asset Field Name in the app configuration must match the Jira field name exactly.` +
    (suggestion ? ` This issue has a field named "${suggestion}".` : ''),
  fieldEmpty: (fieldName: string, issueKey: string, kind: 'text' | 'assets' | undefined) =>
    kind === 'assets'
      ? `The field "${fieldName}" is empty on ${issueKey}. Add the asset to "${fieldName}", then open Jump to Asset again.`
      : `The field "${fieldName}" is empty on ${issueKey}. Enter the asset's name, as it is known in BeyondTrust PRA, in "${fieldName}", then open Jump to Asset again.`,
  fieldUnsupported: (fieldName: string, description: string) =>
    `The field "${fieldName}" does not hold an asset name (its value is ${description}). The Asset Field Name must name a short text field or a Jira Assets field.`,
  assetsUnavailable: (fieldName: string, count: number) =>
    `The field "${fieldName}" refers to ${count === 1 ? 'a Jira Assets object' : `${count} Jira Assets objects`} that could not be read: ${
      count === 1 ? 'it may have been deleted' : 'they may have been deleted'
    }, or you may not have access to Assets.`,
  jiraError: (detail: string) => `The issue could not be read from Jira: ${detail}`,
  unexpected: 'The Jump to Asset information could not be prepared. Try again; if it keeps failing, a Jira administrator can check the app logs.',
} as const;
