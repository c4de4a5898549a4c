/**
 * "Auto Associate With User": make the Jira user matching the session's primary representative the
 * ticket's assignee. Only an unambiguous match changes anything; otherwise the comment says why not.
 * Returns the sentence the comment shows.
 */
import { JiraError, type JiraClient } from '../jira/client';
import { findJiraUsers, type PraIdentity } from '../jira/identity';
import { setAssignee, type Issue } from '../jira/issues';
import type { SessionReport } from './sessionReport';

export function primaryRepresentative(report: SessionReport): PraIdentity & { label: string } | undefined {
  const reps = report.representatives;
  const rep =
    reps.find((r) => r.owner) ??
    reps.find((r) => report.primaryRep?.id && r.id === report.primaryRep.id) ??
    reps.find((r) => report.primaryRep?.name && [r.displayName, r.publicDisplayName, r.privateDisplayName].includes(report.primaryRep.name));
  if (!rep && !report.primaryRep) return undefined;
  const names = rep ? [rep.displayName, rep.privateDisplayName, rep.publicDisplayName] : [report.primaryRep?.name];
  const displayNames = [...new Set(names.filter((n): n is string => !!n))];
  const username = rep?.username;
  return { username, displayNames, label: `${displayNames[0] ?? username ?? 'unknown'}${username ? ` (${username})` : ''}` };
}

export async function associateAssignee(jira: JiraClient, issue: Issue, report: SessionReport): Promise<string> {
  const rep = primaryRepresentative(report);
  if (!rep) return 'Assignee not changed: the session report names no primary representative.';
  const matches = await findJiraUsers(jira, rep);
  if (matches.length === 0) return `Assignee not changed: no Jira user matches the primary representative ${rep.label}.`;
  if (matches.length > 1) {
    return `Assignee not changed: ${matches.length} Jira users match the primary representative ${rep.label} (${matches
      .map((m) => m.user.displayName ?? m.user.accountId)
      .join(', ')}); set the assignee by hand.`;
  }
  const { user, basis } = matches[0]!;
  const name = user.displayName ?? user.accountId;
  if (issue.fields.assignee?.accountId === user.accountId) return `The ticket is already assigned to ${name}, the primary representative.`;
  try {
    await setAssignee(jira, issue.key, user.accountId);
  } catch (error) {
    if (error instanceof JiraError && !error.transient) return `Assignee not changed: Jira refused to assign ${name} (${error.message}).`;
    throw error;
  }
  return `Assignee set to ${name}, the Jira user matching the primary representative ${rep.label} by ${basis}.`;
}
