/**
 * The whole product flow, driven over HTTP the way an outside tool would use a running sandbox (only the
 * documented scripting API, the PRA and Jira simulators' control APIs and Jira's REST API): endpoint
 * approvals allowed and denied, the Jump link of SD-1, a session started from it with chat, a file
 * transfer and a note, ended, and the import that follows. `npm run demo` prints the result.
 */
import { DEMO } from '../jira-simulator/seed';
import { SANDBOX_RECORDING_BYTES } from '../server/demoSetup';
import { PRA_DEMO } from './praSeed';

export interface ApprovalResult {
  label: string;
  ticketId: string;
  user: string;
  jumpItem: string;
  allowed: boolean;
  message: string | null;
  elapsedMs: number;
}

export interface DemoReport {
  baseUrl: string;
  approvals: ApprovalResult[];
  jump: { issueKey: string; asUser: string; link: string; status: number; location: string | null; requestId: string };
  session: { lsid: string; jumpItem: string; rep: string; externalKey: string; actions: string[] };
  /** From the session's end to the first comment of the import on the ticket. */
  msToFirstComment: number;
  comments: Array<{ id: string; author: string; title: string; part: number; parts: number; length: number }>;
  attachments: Array<{ filename: string; size: number; mimeType: string }>;
}

export class DemoError extends Error {}

const ALEX = PRA_DEMO.users.alex;

/** Approval requests: who asks for which Jump Item with which ticket, and what each one shows. */
export const APPROVAL_CASES: Array<Omit<ApprovalResult, 'allowed' | 'message' | 'elapsedMs'> & { username: string }> = [
  { label: 'assigned to the user, right asset', ticketId: 'SD-1', user: ALEX.displayName, username: ALEX.username, jumpItem: 'WORKSTATION-01' },
  { label: 'assigned to someone else', ticketId: 'SD-2', user: ALEX.displayName, username: ALEX.username, jumpItem: 'WEB01' },
  { label: 'closed ticket', ticketId: 'SD-6', user: ALEX.displayName, username: ALEX.username, jumpItem: 'WEB01' },
  { label: 'another asset', ticketId: 'SD-1', user: ALEX.displayName, username: ALEX.username, jumpItem: 'WEB01' },
  { label: 'unknown ticket', ticketId: 'SD-999', user: ALEX.displayName, username: ALEX.username, jumpItem: 'WORKSTATION-01' },
  { label: 'unassigned ticket', ticketId: 'SD-3', user: ALEX.displayName, username: ALEX.username, jumpItem: 'DB-SERVER-02' },
];

const SESSION_MARKER = 'beyondtrust-pra-session';

interface Client {
  json<T>(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<T>;
  raw(path: string, init?: RequestInit): Promise<Response>;
}

function client(baseUrl: string): Client {
  const raw = (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init);
  return {
    raw,
    async json<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const response = await raw(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      if (!response.ok) throw new DemoError(`${init.method ?? 'GET'} ${path} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

const asAlex = { Authorization: `Bearer sim-user:${DEMO.users.technician}` };

function adfTitle(body: unknown): string {
  const first = (body as { content?: Array<{ content?: Array<{ text?: string }> }> })?.content?.[0];
  return (first?.content ?? []).map((t) => t.text ?? '').join('');
}

export async function runDemoFlow(baseUrl: string, options: { commentTimeoutMs?: number } = {}): Promise<DemoReport> {
  const api = client(baseUrl.replace(/\/$/, ''));
  const health = await api.json<{ ok: boolean }>('/sandbox/api/health');
  if (!health.ok) throw new DemoError('The sandbox is not healthy');

  // 1. Endpoint approval: PRA asks the app's Endpoint Approval URL, the user sees the answer.
  const approvals: ApprovalResult[] = [];
  for (const c of APPROVAL_CASES) {
    const outcome = await api.json<{ allowed: boolean; message: string | null; elapsedMs: number }>('/pra/__sim/ticket-system/requests', {
      body: { ticketId: c.ticketId, user: c.username, jumpItem: { name: c.jumpItem } },
    });
    approvals.push({ label: c.label, ticketId: c.ticketId, user: c.user, jumpItem: c.jumpItem, allowed: outcome.allowed, message: outcome.message, elapsedMs: outcome.elapsedMs });
  }

  // 2. Jump to Asset on SD-1 as Alex: the issue action's resolver gives the link; the browser follows it.
  const answer = await api.json<{ result: { ok: boolean; info?: { assets: Array<{ jumpUrl?: string }> }; error?: { message: string } } }>('/sandbox/api/resolver', {
    body: {
      moduleKey: 'jump-to-asset',
      functionKey: 'getJumpInfo',
      accountId: DEMO.users.technician,
      extension: { issue: { key: 'SD-1', id: '10000' }, project: { key: 'SD' } },
    },
  });
  const link = answer.result.info?.assets[0]?.jumpUrl;
  if (!answer.result.ok || !link) throw new DemoError(`No Jump link for SD-1: ${answer.result.error?.message ?? 'no asset'}`);
  const linkUrl = new URL(link);
  const followed = await api.raw(`/pra${linkUrl.pathname}${linkUrl.search}`, { redirect: 'manual' });
  await followed.arrayBuffer();
  const location = followed.headers.get('location');
  const requestId = new URLSearchParams((location ?? '').split('?')[1] ?? '').get('jump');
  if (!requestId) throw new DemoError(`PRA did not redirect the Jump to its web console (HTTP ${followed.status})`);

  // 3. The session: started from the Jump as Alex, some work, ended.
  const started = await api.json<{ lsid: string; externalKey: string; jumpItem: { name: string } }>(`/pra/__sim/client-script/requests/${requestId}/start-session`, {
    body: { user: ALEX.username },
  });
  const lsid = started.lsid;
  await api.json(`/pra/__sim/sessions/${lsid}`, { method: 'PATCH', body: { recording: { size: SANDBOX_RECORDING_BYTES, container: 'mp4' } } });
  const actions = [
    { eventType: 'Chat Message', performedBy: 'rep', destination: 'customer', body: 'Hi, I am connecting to reset the file share mapping.' },
    { eventType: 'Chat Message', performedBy: 'customer', destination: 'rep', body: 'Thanks, go ahead.' },
    { eventType: 'File Upload', performedBy: 'rep', destination: 'customer', filename: 'C:\\Temp\\remap-share.ps1', filesize: 12_288, data: { path: 'C:\\Temp\\remap-share.ps1', filename: 'remap-share.ps1', filesize: 12_288 } },
    { eventType: 'Session Note Added', performedBy: 'rep', body: 'Re-mapped \\\\fs01\\shared with the new credentials; the user can open it again.' },
  ];
  await api.json(`/pra/__sim/sessions/${lsid}/events`, { body: { events: actions } });
  await api.json(`/pra/__sim/sessions/${lsid}/end`, { body: {} });
  const endedAt = Date.now();

  // 4. The import: wait for the first comment of this session on SD-1 (Jira REST, as Alex).
  const timeoutMs = options.commentTimeoutMs ?? 60_000;
  type Comment = { id: string; author: { displayName: string }; body: unknown; properties?: Array<{ key: string; value: { lsid?: string; part?: number; parts?: number } }> };
  const ours = (comments: Comment[]) => comments.filter((c) => c.properties?.some((p) => p.key === SESSION_MARKER && p.value.lsid === lsid));
  let msToFirstComment = -1;
  while (Date.now() - endedAt < timeoutMs) {
    const page = await api.json<{ comments: Comment[] }>('/jira/rest/api/3/issue/SD-1/comment?expand=properties', { headers: asAlex });
    if (ours(page.comments).length > 0) {
      msToFirstComment = Date.now() - endedAt;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (msToFirstComment < 0) throw new DemoError(`No comment for session ${lsid} on SD-1 within ${timeoutMs / 1000} s`);
  await api.json('/sandbox/api/wait-idle', { body: { timeoutMs: 30_000 } });

  const page = await api.json<{ comments: Comment[] }>('/jira/rest/api/3/issue/SD-1/comment?expand=properties', { headers: asAlex });
  const issue = await api.json<{ fields: { attachment: Array<{ filename: string; size: number; mimeType: string }> } }>('/jira/rest/api/3/issue/SD-1?fields=attachment', {
    headers: asAlex,
  });
  return {
    baseUrl,
    approvals,
    jump: { issueKey: 'SD-1', asUser: ALEX.displayName, link, status: followed.status, location, requestId },
    session: {
      lsid,
      jumpItem: started.jumpItem.name,
      rep: ALEX.username,
      externalKey: started.externalKey,
      actions: actions.map((a) => (a.filename ? `${a.eventType}: ${a.filename} (${(a.filesize ?? 0) / 1024} KB)` : `${a.eventType} (${a.performedBy}): "${a.body}"`)),
    },
    msToFirstComment,
    comments: ours(page.comments).map((c) => {
      const marker = c.properties!.find((p) => p.key === SESSION_MARKER)!.value;
      return { id: c.id, author: c.author.displayName, title: adfTitle(c.body), part: marker.part ?? 1, parts: marker.parts ?? 1, length: JSON.stringify(c.body).length };
    }),
    attachments: issue.fields.attachment.filter((a) => a.filename.includes(lsid)).map((a) => ({ filename: a.filename, size: a.size, mimeType: a.mimeType })),
  };
}
