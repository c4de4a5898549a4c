/** The sandbox's own endpoints (/sandbox/api, docs/sandbox.md) as the console uses them. */
import { getJson, postJson } from './http';
import { setOrigins } from './links';

export interface SandboxUrls {
  console: string;
  outboundEventUrl: string | null;
  endpointApprovalUrl: string | null;
  customLinkUrl: string | null;
  praPublicOrigin: string;
  siteUrl: string;
}

export interface Person {
  accountId: string;
  displayName: string;
  emailAddress: string;
  emailVisible: boolean;
  accountType: string;
  jiraAdmin: boolean;
  /** The same person's PRA username, when they have one. */
  praUsername: string | null;
  role: string;
}

export interface IssueSummary {
  key: string;
  summary: string;
  status: string;
  statusCategory: string;
  assignee: string | null;
  assigneeName: string | null;
  assets: string[];
  note: string;
  /** Planned start – Planned end in UTC (change tickets), or null. */
  changeWindow: string | null;
}

export interface UiModuleInfo {
  key: string;
  type: string;
  title: string | null;
  resource: string;
  render: 'native' | 'custom';
}

let urlsPromise: Promise<SandboxUrls> | undefined;

/** The integration URLs (loaded once per page; also teaches the link rewriter the public origins). */
export function loadUrls(refresh = false): Promise<SandboxUrls> {
  if (!urlsPromise || refresh) {
    urlsPromise = getJson<SandboxUrls>('/sandbox/api/urls').then((urls) => {
      setOrigins(urls.praPublicOrigin, urls.siteUrl);
      return urls;
    });
  }
  return urlsPromise;
}

export const sandboxApi = {
  people: () => getJson<Person[]>('/sandbox/api/people'),
  issues: () => getJson<IssueSummary[]>('/sandbox/api/issues'),
  modules: () => getJson<UiModuleInfo[]>('/sandbox/api/modules'),
  resolver: <T>(call: { moduleKey: string; functionKey: string; payload?: unknown; accountId?: string; extension?: unknown }) =>
    postJson<{ ok: true; result: T }>('/sandbox/api/resolver', call).then((r) => r.result),
  runScheduled: (key: string) => postJson<{ ok: boolean; result: unknown }>(`/sandbox/api/scheduled/${encodeURIComponent(key)}/run`),
};
