/** Query-string parameters as Jira reads them: paging (bad values fall back to defaults) and comma lists. */
import type { SimRequest } from '../shared/http';

export interface PageParams {
  startAt: number;
  maxResults: number;
}

export function pageParams(req: SimRequest, defaultMax: number, cap: number): PageParams {
  const startAt = Math.max(0, Number.parseInt(req.query.get('startAt') ?? '0', 10) || 0);
  const max = Number.parseInt(req.query.get('maxResults') ?? '', 10);
  return { startAt, maxResults: Math.min(cap, Number.isNaN(max) ? defaultMax : Math.max(0, max)) };
}

export function slicePage<T>(items: T[], page: PageParams): T[] {
  return items.slice(page.startAt, page.startAt + page.maxResults);
}

/** A comma-separated parameter (possibly repeated), trimmed, empty items dropped. */
export function listParam(req: SimRequest, name: string): string[] {
  return req.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
