/** Formats epoch milliseconds like Jira does: `2026-01-02T03:04:05.678+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
