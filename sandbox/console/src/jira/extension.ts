/** The `extension` of a Jira issue module's context (what `view.getContext()` and the resolver's context carry). */
import type { JiraIssue } from './jiraApi';

export function issueExtension(issue: JiraIssue): Record<string, unknown> {
  return {
    issue: { key: issue.key, id: issue.id, type: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
    project: { id: issue.fields.project.id, key: issue.fields.project.key, type: issue.fields.project.projectTypeKey },
  };
}
