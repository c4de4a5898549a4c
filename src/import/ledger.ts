/**
 * The import ledger: one record per PRA session (keyed by lsid) holding its status and its progress
 * (which comment parts and attachments are already on the ticket), so redelivery, queue retries and
 * crashes resume instead of writing twice. Stored in KVS:
 *   import:<lsid>                         the record (created once, with FAIL_IF_EXISTS)
 *   import-recent:<inverted time>:<lsid>  index for "Recent imports", newest first (30 days)
 *   issue-sessions:<ISSUE-KEY>:<lsid>     sessions imported to a ticket (for the issue panel)
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { invertedTime } from '../shared/keys';
import type { SessionWindowNote } from '../changeWindow/sessionWindow';

export type ImportStatus = 'queued' | 'running' | 'waiting' | 'done' | 'failed' | 'unmatched' | 'skipped';
export type ImportSource = 'event' | 'reconcile' | 'manual';

export interface ImportPlan {
  parts: number;
  /** Names of the transcript and event log to attach (empty when nothing was shortened). */
  files: string[];
  fileNames?: { transcript: string; events: string };
  assigneeNote?: string;
  recordingNote?: string;
  /** File name of the recording to attach, when one is attached. */
  recordingFile?: string;
  /** Settings the rendering used, so a resumed import renders the same parts. */
  excludedEventTypes: string[];
  /** The site's upload limit the files were built for, so a resumed import builds files of the same names. */
  uploadLimit?: number;
  /** The ticket's change window and where the session fell (covered tickets only; issue 15). */
  changeWindow?: SessionWindowNote;
}

export interface ImportProgress {
  /** Part number → Jira comment id. */
  comments: Record<string, string>;
  /** File name → Jira attachment id. */
  attachments: Record<string, string>;
  assignee?: 'done' | 'skipped';
  /** A write that was sent but not acknowledged (found again by its marker on resume). */
  pending?: { kind: 'comment'; part: number } | { kind: 'attachment'; filename: string };
}

/**
 * What an earlier generation of this session wrote, remembered when the session is imported again: once
 * the current generation's set is complete, the app deletes these (see replaceEarlierImport.ts).
 */
export interface SupersededSet {
  generation: number;
  /** The ticket the set was written to (a session's external key may have changed since). */
  ticketKey?: string;
  /** Part number → Jira comment id (as recorded; comments are also found by their marker). */
  comments: Record<string, string>;
  /** File name → Jira attachment id: only these ids are deleted, never another file of the same name. */
  attachments: Record<string, string>;
}

/** Who asked for an import by hand (Retry or Re-import), as the Activity list and the panel name them. */
export interface ImportRequester {
  accountId: string;
  displayName?: string;
  /** Why this person may ask: a Jira administrator, or the ticket's assignee (from the issue panel). */
  role: 'administrator' | 'assignee';
}

export interface ImportRecord {
  lsid: string;
  status: ImportStatus;
  source: ImportSource;
  receivedAt: string;
  updatedAt: string;
  /** Bumped by a deliberate re-import, which writes a fresh set of comments that replaces the earlier one once complete. */
  generation: number;
  /** Start of the current generation's writes (recovery only looks at later comments and files). */
  generationStartedAt?: string;
  eventExternalKey?: string;
  eventTimestamp?: string;
  ticketKey?: string;
  /** Transient failures so far (PRA or Jira unavailable). */
  attempts: number;
  /** Times the report was not ready yet. */
  notReadyAttempts: number;
  /** Times PRA or Jira asked us to slow down. */
  rateLimited?: number;
  /** Times the hourly reconciliation re-queued this failed import. */
  reconcileRetries?: number;
  reason?: string;
  jumpItem?: string;
  primaryRep?: string;
  startTime?: number;
  endTime?: number;
  /** PRA links from the report (they need a signed-in /login session to open). */
  links?: { recording?: string; chat?: string; commandShells?: string[] };
  plan?: ImportPlan;
  progress: ImportProgress;
  completedAt?: string;
  /** Sets written by earlier generations, deleted once this generation's set is complete. */
  superseded?: SupersededSet[];
  /** Who asked for the current generation (or the last Retry); absent for PRA's event and reconciliation. */
  requestedBy?: ImportRequester;
}

const recordKey = (lsid: string) => `import:${lsid}`;
const RECENT_PREFIX = 'import-recent:';
const RECENT_TTL_DAYS = 30;

export const LSID_PATTERN = /^[0-9a-f]{32}$/i;

function isConflict(error: unknown): boolean {
  const e = error as { responseDetails?: { status?: number }; code?: string };
  return e?.responseDetails?.status === 409 || /EXISTS/i.test(String(e?.code ?? ''));
}

export function newRecord(lsid: string, source: ImportSource, fields: Partial<ImportRecord> = {}): ImportRecord {
  const now = new Date().toISOString();
  return {
    lsid,
    status: 'queued',
    source,
    receivedAt: now,
    updatedAt: now,
    generation: 1,
    attempts: 0,
    notReadyAttempts: 0,
    progress: { comments: {}, attachments: {} },
    ...fields,
  };
}

/** Creates the record unless one exists; true when this call created it. */
export async function createRecord(record: ImportRecord): Promise<boolean> {
  try {
    await kvs.set(recordKey(record.lsid), record, { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
  await kvs.set(`${RECENT_PREFIX}${invertedTime(Date.parse(record.receivedAt))}:${record.lsid}`, { lsid: record.lsid }, { ttl: { value: RECENT_TTL_DAYS, unit: 'DAYS' } });
  return true;
}

export async function getRecord(lsid: string): Promise<ImportRecord | undefined> {
  return kvs.get<ImportRecord>(recordKey(lsid));
}

export async function saveRecord(record: ImportRecord): Promise<ImportRecord> {
  const saved = { ...record, updatedAt: new Date().toISOString() };
  await kvs.set(recordKey(record.lsid), saved);
  return saved;
}

export async function deleteRecord(lsid: string): Promise<void> {
  await kvs.delete(recordKey(lsid));
}

/** The newest records, newest first. */
export async function recentRecords(limit = 50): Promise<ImportRecord[]> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith(RECENT_PREFIX)).limit(Math.min(limit, 100)).getMany<{ lsid: string }>();
  const lsids = [...new Set(page.results.map((r) => r.value.lsid))];
  const records = await Promise.all(lsids.map((lsid) => getRecord(lsid)));
  return records.filter((r): r is ImportRecord => !!r);
}

/** Remembers that a session was imported to a ticket (the issue panel lists these). */
export async function indexIssueSession(issueKey: string, lsid: string): Promise<void> {
  await kvs.set(`issue-sessions:${issueKey}:${lsid}`, { lsid, at: new Date().toISOString() });
}

export async function sessionsOfIssue(issueKey: string): Promise<string[]> {
  const lsids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kvs.query().where('key', WhereConditions.beginsWith(`issue-sessions:${issueKey}:`)).limit(100).cursor(cursor as string).getMany<{ lsid: string }>();
    lsids.push(...page.results.map((r) => r.value.lsid));
    cursor = page.nextCursor;
  } while (cursor && lsids.length < 500);
  return lsids;
}
