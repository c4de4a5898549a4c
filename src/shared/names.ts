/**
 * How the app compares names an admin types with the names Jira shows (statuses, resolutions, issue types):
 * case-insensitively, with Unicode compatibility forms, runs of spaces and typographic apostrophes
 * normalised ("Won’t  Do" is "won't do"). Pure.
 */
const normalized = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

export function sameName(a: string, b: string): boolean {
  return normalized(a) === normalized(b);
}
