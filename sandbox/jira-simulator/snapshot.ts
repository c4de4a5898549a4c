/**
 * The site as one JSON-serialisable value, and back (`jira.exportState()` / `jira.importState()`): what
 * the sandbox saves so the Jira site survives a restart. Users, projects, metadata, fields, issues with
 * their comments, attachments (bytes as base64) and properties, Assets, knobs, ID sequences and the request
 * log and the app's Assets role are included; fault rules and the per-issue write limiter's window are not (they belong to a
 * running process).
 */
import { z } from 'zod';
import { encodeAllRows, smallRows, type SnapshotRows } from '../shared/snapshotRows';
import { ControlError } from './errors';
import { ASSETS_ROLES } from './state';
import type { RequestLogEntry } from './requestLog';
import type {
  AssetObject,
  AssetObjectType,
  AssetSchema,
  AssetsRole,
  Attachment,
  CustomField,
  Issue,
  IssueType,
  JiraState,
  Knobs,
  Project,
  Resolution,
  Status,
  User,
} from './state';

export const JIRA_SNAPSHOT_FORMAT = 'jira-simulator-state';
export const JIRA_SNAPSHOT_VERSION = 1;

type IdName = keyof JiraState['ids'];

export interface JiraSnapshot {
  format: typeof JIRA_SNAPSHOT_FORMAT;
  version: typeof JIRA_SNAPSHOT_VERSION;
  /** Informational: the site the snapshot was taken from. */
  siteUrl: string;
  users: User[];
  projects: Project[];
  issueTypes: IssueType[];
  statuses: Status[];
  resolutions: Resolution[];
  customFields: CustomField[];
  issues: Array<Omit<Issue, 'properties'> & { properties: [string, unknown][] }>;
  attachments: Array<Omit<Attachment, 'data'> & { data: string }>;
  assetsWorkspaceId: string;
  assetSchemas: AssetSchema[];
  assetObjectTypes: AssetObjectType[];
  assetObjects: Array<Omit<AssetObject, 'values'> & { values: [string, string[]][] }>;
  /** Absent in snapshots taken before the app's Assets role was modelled: read as none. */
  appAssetsRole?: AssetsRole | null;
  knobs: Knobs;
  latencyMs: number;
  /** Next value of each ID sequence. */
  ids: Record<IdName, number>;
  requestLog: { entries: RequestLogEntry[]; lastSeq: number };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The small part of the snapshot (no users, issues, attachments, Assets objects or log entries). */
function metaOf(state: JiraState, latencyMs: number) {
  const ids = Object.fromEntries(Object.entries(state.ids).map(([name, seq]) => [name, seq.peek()])) as Record<IdName, number>;
  return {
    format: JIRA_SNAPSHOT_FORMAT as typeof JIRA_SNAPSHOT_FORMAT,
    version: JIRA_SNAPSHOT_VERSION as typeof JIRA_SNAPSHOT_VERSION,
    siteUrl: state.siteUrl,
    projects: [...state.projects.values()],
    issueTypes: [...state.issueTypes.values()],
    statuses: [...state.statuses.values()],
    resolutions: [...state.resolutions.values()],
    customFields: [...state.customFields.values()],
    assetsWorkspaceId: state.assetsWorkspaceId,
    assetSchemas: [...state.assetSchemas.values()],
    assetObjectTypes: [...state.assetObjectTypes.values()],
    appAssetsRole: state.appAssetsRole,
    knobs: state.knobs,
    latencyMs,
    ids,
    requestLogLastSeq: state.requestLog.mark(),
  };
}

type JiraMeta = ReturnType<typeof metaOf>;

const encodeIssue = (issue: Issue): JiraSnapshot['issues'][number] => ({ ...issue, properties: [...issue.properties.entries()] });
const encodeAttachment = (a: Attachment): JiraSnapshot['attachments'][number] => ({ ...a, data: a.data.toString('base64') });
const encodeAssetObject = (o: AssetObject): JiraSnapshot['assetObjects'][number] => ({ ...o, values: [...o.values.entries()] });

/**
 * The site as rows for the sandbox's store (sandbox/shared/snapshotRows.ts): a new field on a record is
 * saved with it; a new top-level part of the state goes into `metaOf` (and `importJiraState`).
 */
export function exportJiraRows(state: JiraState, latencyMs: number): SnapshotRows {
  return {
    meta: JSON.parse(JSON.stringify(metaOf(state, latencyMs))) as Record<string, unknown>,
    collections: {
      users: smallRows(() => [...state.users.values()].map((u) => [u.accountId, u] as [string, User])),
      issues: {
        kind: 'keyed',
        entries: () => [...state.issues.values()].map((issue) => [issue.id, issue] as [string, Issue]),
        // Comment bodies are summarised by id and update time: a comment changes only through a write that moves them.
        fingerprint: (issue: Issue) =>
          JSON.stringify({ ...encodeIssue(issue), comments: issue.comments.map((c) => `${c.id}:${c.updated}:${c.properties.length}`) }),
        encode: encodeIssue,
      },
      // Attachments never change once uploaded: a key is written once and deleted when the attachment goes.
      attachments: { kind: 'keyed', entries: () => [...state.attachments.entries()], fingerprint: () => '', encode: encodeAttachment },
      assetObjects: smallRows(() => [...state.assetObjects.entries()], encodeAssetObject),
      requestLog: { kind: 'log', items: () => state.requestLog.liveEntries() },
    },
  };
}

/** The snapshot from saved rows (the inverse of `exportJiraRows`). */
export function joinJiraRows(meta: Record<string, unknown>, rows: Record<string, unknown[]>): JiraSnapshot {
  const { requestLogLastSeq, ...rest } = meta as JiraMeta;
  return {
    ...rest,
    users: (rows.users ?? []) as User[],
    issues: (rows.issues ?? []) as JiraSnapshot['issues'],
    attachments: (rows.attachments ?? []) as JiraSnapshot['attachments'],
    assetObjects: (rows.assetObjects ?? []) as JiraSnapshot['assetObjects'],
    requestLog: { entries: (rows.requestLog ?? []) as RequestLogEntry[], lastSeq: requestLogLastSeq },
  };
}

export function exportJiraState(state: JiraState, latencyMs: number): JiraSnapshot {
  const { meta, collections } = exportJiraRows(state, latencyMs);
  return copy(joinJiraRows(meta, encodeAllRows(collections)));
}

const records = z.array(z.record(z.string(), z.unknown()));
const SnapshotShape = z.object({
  format: z.literal(JIRA_SNAPSHOT_FORMAT),
  version: z.literal(JIRA_SNAPSHOT_VERSION),
  siteUrl: z.string(),
  users: records,
  projects: records,
  issueTypes: records,
  statuses: records,
  resolutions: records,
  customFields: records,
  issues: z.array(z.object({ id: z.string(), key: z.string(), properties: z.array(z.tuple([z.string(), z.unknown()])) }).loose()),
  attachments: z.array(z.object({ id: z.string(), data: z.base64() }).loose()),
  assetsWorkspaceId: z.string().min(1),
  assetSchemas: records,
  assetObjectTypes: records,
  assetObjects: z.array(z.object({ id: z.string(), values: z.array(z.tuple([z.string(), z.array(z.string())])) }).loose()),
  appAssetsRole: z.enum(ASSETS_ROLES).nullable().optional(),
  knobs: z.record(z.string(), z.unknown()),
  latencyMs: z.number().nonnegative(),
  ids: z.record(z.string(), z.number().int()),
  requestLog: z.object({ entries: records, lastSeq: z.number().int().nonnegative() }),
});

/** Replaces the whole site with the snapshot's (after checking its shape; nothing changes when it is refused). */
export function importJiraState(state: JiraState, snapshot: unknown): { latencyMs: number } {
  const parsed = SnapshotShape.safeParse(snapshot);
  if (!parsed.success) throw new ControlError(400, `Not a Jira simulator snapshot: ${z.prettifyError(parsed.error)}`);
  const s = copy(snapshot) as JiraSnapshot;
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
  state.users = new Map(s.users.map((u) => [u.accountId, u]));
  state.projects = byId(s.projects);
  state.issueTypes = byId(s.issueTypes);
  state.statuses = byId(s.statuses);
  state.resolutions = byId(s.resolutions);
  state.customFields = byId(s.customFields);
  state.issues = new Map(s.issues.map((issue) => [issue.id, { ...issue, properties: new Map(issue.properties) }]));
  state.attachments = new Map(s.attachments.map((a) => [a.id, { ...a, data: Buffer.from(a.data, 'base64') }]));
  state.assetsWorkspaceId = s.assetsWorkspaceId;
  state.assetSchemas = byId(s.assetSchemas);
  state.assetObjectTypes = byId(s.assetObjectTypes);
  state.assetObjects = new Map(s.assetObjects.map((o) => [o.id, { ...o, values: new Map(o.values) }]));
  state.appAssetsRole = s.appAssetsRole ?? null;
  state.knobs = { ...state.knobs, ...s.knobs };
  for (const [name, seq] of Object.entries(state.ids) as [IdName, { restore(n: number): void; reset(): void }][]) {
    const next = s.ids[name];
    if (next === undefined) seq.reset();
    else seq.restore(next);
  }
  state.requestLog.restore(s.requestLog);
  state.writeLimiter.clear();
  return { latencyMs: s.latencyMs };
}
