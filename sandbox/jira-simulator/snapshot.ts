/**
 * The site as one JSON-serialisable value, and back (`jira.exportState()` / `jira.importState()`): what
 * the sandbox saves so the Jira site survives a restart. Users, projects, metadata, fields, issues with
 * their comments, attachments (bytes as base64) and properties, Assets, knobs, ID sequences and the request
 * log and the app's Assets role are included; fault rules and the per-issue write limiter's window are not (they belong to a
 * running process).
 */
import { z } from 'zod';
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

export function exportJiraState(state: JiraState, latencyMs: number): JiraSnapshot {
  const ids = Object.fromEntries(Object.entries(state.ids).map(([name, seq]) => [name, seq.peek()])) as Record<IdName, number>;
  return copy({
    format: JIRA_SNAPSHOT_FORMAT,
    version: JIRA_SNAPSHOT_VERSION,
    siteUrl: state.siteUrl,
    users: [...state.users.values()],
    projects: [...state.projects.values()],
    issueTypes: [...state.issueTypes.values()],
    statuses: [...state.statuses.values()],
    resolutions: [...state.resolutions.values()],
    customFields: [...state.customFields.values()],
    issues: [...state.issues.values()].map((issue) => ({ ...issue, properties: [...issue.properties.entries()] })),
    attachments: [...state.attachments.values()].map((a) => ({ ...a, data: a.data.toString('base64') })),
    assetsWorkspaceId: state.assetsWorkspaceId,
    assetSchemas: [...state.assetSchemas.values()],
    assetObjectTypes: [...state.assetObjectTypes.values()],
    assetObjects: [...state.assetObjects.values()].map((o) => ({ ...o, values: [...o.values.entries()] })),
    appAssetsRole: state.appAssetsRole,
    knobs: state.knobs,
    latencyMs,
    ids,
    requestLog: state.requestLog.snapshot(),
  } satisfies JiraSnapshot);
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
