/**
 * The Jira simulator's in-memory model: users, projects, workflow metadata, fields, issues with their
 * comments / attachments / properties, JSM Assets, knobs and the request log. Everything the REST and
 * control handlers read or write lives here; `reset()` returns to an empty site (plus the app user, with
 * no Assets role).
 */
import { RequestLog } from './requestLog';
import { PerIssueWriteLimiter, type PerIssueWriteLimit } from './rateLimit';

export type AccountType = 'atlassian' | 'app' | 'customer';

export interface User {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  /** When false the REST API omits `emailAddress` for everyone except the user themself. */
  emailVisible: boolean;
  active: boolean;
  accountType: AccountType;
  timeZone: string;
  locale: string;
  groups: string[];
}

/** Who holds a project permission: members of any listed group, or any listed account. */
export interface Grant {
  groups: string[];
  accountIds: string[];
}

export interface ProjectPermissions {
  browse: Grant;
  assign: Grant;
  edit: Grant;
}

export type ProjectTypeKey = 'service_desk' | 'software';

export interface Project {
  id: string;
  key: string;
  name: string;
  projectTypeKey: ProjectTypeKey;
  leadAccountId: string | null;
  issueTypeIds: string[];
  permissions: ProjectPermissions;
  nextIssueNumber: number;
}

export interface IssueType {
  id: string;
  name: string;
  description: string;
}

export type StatusCategoryKey = 'undefined' | 'new' | 'done' | 'indeterminate';

export interface StatusCategory {
  id: number;
  key: StatusCategoryKey;
  colorName: string;
  name: string;
}

/** Jira's fixed status categories (ids and keys never change). */
export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  { id: 1, key: 'undefined', colorName: 'medium-gray', name: 'No Category' },
  { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  { id: 3, key: 'done', colorName: 'green', name: 'Done' },
  { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
];

export interface Status {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
  /** A project's own status (team-managed projects): only that project's issues may have it. Absent = global. */
  projectId?: string;
}

export interface Resolution {
  id: string;
  name: string;
  description: string;
}

export type CustomFieldType = 'text' | 'textarea' | 'number' | 'assets' | 'datetime';

export interface CustomField {
  id: string;
  name: string;
  description: string;
  type: CustomFieldType;
  /** Issue types whose screens carry the field; null = every issue type. */
  issueTypeIds: string[] | null;
}

export interface CommentVisibility {
  type: 'group' | 'role';
  value?: string;
  identifier?: string;
}

export interface EntityProperty {
  key: string;
  value: unknown;
}

export interface Comment {
  id: string;
  authorId: string;
  updateAuthorId: string;
  /** The ADF document as sent. */
  body: unknown;
  created: number;
  updated: number;
  visibility?: CommentVisibility;
  properties: EntityProperty[];
}

export interface Attachment {
  id: string;
  issueId: string;
  filename: string;
  authorId: string;
  created: number;
  mimeType: string;
  data: Buffer;
}

export interface Issue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  /** ADF document or null. */
  description: unknown;
  labels: string[];
  statusId: string;
  statusCategoryChanged: number;
  resolutionId: string | null;
  resolutionDate: number | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string | null;
  created: number;
  updated: number;
  /** Custom field values by field id, already normalised (text: string, assets: object ids, …). */
  custom: Record<string, unknown>;
  comments: Comment[];
  attachmentIds: string[];
  properties: Map<string, unknown>;
}

export interface AssetSchema {
  id: string;
  name: string;
  objectSchemaKey: string;
}

export interface AssetTypeAttribute {
  id: string;
  name: string;
  /** The attribute whose value is the object's label (the Name attribute). */
  label: boolean;
  /** Values the simulator computes itself (Key, Created, Updated). */
  system?: 'key' | 'created' | 'updated';
}

export interface AssetObjectType {
  id: string;
  name: string;
  description: string;
  schemaId: string;
  attributes: AssetTypeAttribute[];
}

export interface AssetObject {
  id: string;
  typeId: string;
  objectKey: string;
  /** Values of the non-system attributes by attribute id. */
  values: Map<string, string[]>;
  created: number;
  updated: number;
}

/**
 * Assets roles an admin can grant the app account (Atlassian: "Grant roles to Forge apps using 2LO"); each
 * lets the app read Assets objects. Without one, the app's own (`asApp()`) Assets requests answer 403.
 */
export const ASSETS_ROLES = ['Users', 'Developers', 'Managers'] as const;
export type AssetsRole = (typeof ASSETS_ROLES)[number];

export type { PerIssueWriteLimit };

export interface Knobs {
  /** Maximum size of one uploaded file, bytes (GET /attachment/meta `uploadLimit`). */
  uploadLimitBytes: number;
  attachmentsEnabled: boolean;
  maxFilesPerUpload: number;
  maxCommentsPerIssue: number;
  maxAttachmentsPerIssue: number;
  /** Maximum `JSON.stringify(body).length` of a comment's ADF document. */
  commentTextLimit: number;
  /** Maximum size of an issue property value, bytes of its JSON. */
  propertyValueLimitBytes: number;
  /** Per-issue write throttle (429 `jira-per-issue-on-write`); null = off. */
  perIssueWriteLimit: PerIssueWriteLimit | null;
  /** When false the Assets workspace list is empty (no JSM Premium) and Assets calls answer 404. */
  assetsEnabled: boolean;
  /** Groups whose members may use the Assets REST API (the app needs an Assets role: `appAssetsRole`). */
  assetsAccessGroups: string[];
  /**
   * Whether the app may use `GET /rest/api/3/user/email` (scope `read:email-address:jira` granted and
   * the app allowed to use it on this site). False: the site refuses with 400, as documented.
   */
  appMayReadEmails: boolean;
  /** Added to the injected clock (`POST /__sim/clock/advance`), to test time rules such as change windows. */
  clockOffsetMs: number;
}

const DEFAULT_KNOBS: Knobs = {
  uploadLimitBytes: 10 * 1024 * 1024,
  attachmentsEnabled: true,
  maxFilesPerUpload: 60,
  maxCommentsPerIssue: 5000,
  maxAttachmentsPerIssue: 2000,
  commentTextLimit: 32767,
  propertyValueLimitBytes: 32768,
  perIssueWriteLimit: null,
  assetsEnabled: true,
  assetsAccessGroups: ['jira-administrators', 'jira-servicemanagement-users'],
  appMayReadEmails: true,
  clockOffsetMs: 0,
};

/** The Forge app's own account (what `Authorization: Bearer sim-app` acts as). */
const APP_USER: Readonly<User> = {
  accountId: '557058:f2b8c3d1-7a4e-4c2b-9e6f-0d1c2b3a4f5e',
  displayName: 'BeyondTrust Privileged Remote Access',
  emailVisible: false,
  active: true,
  accountType: 'app',
  timeZone: 'UTC',
  locale: 'en_US',
  groups: [],
};

export const DEFAULT_ASSETS_WORKSPACE_ID = '8b3f5e2a-4c1d-4e6f-9a7b-0c2d4e6f8a1b';

/** Numeric id allocator that also honours explicitly chosen ids. */
class IdSequence {
  private nextValue: number;
  constructor(private readonly start: number) {
    this.nextValue = start;
  }
  next(): string {
    return String(this.nextValue++);
  }
  /** Records an explicitly chosen id so later generated ids never collide with it. */
  claim(id: string): string {
    const n = Number(/(\d+)$/.exec(id)?.[1] ?? NaN);
    if (Number.isSafeInteger(n) && n >= this.nextValue) this.nextValue = n + 1;
    return id;
  }
  reset(): void {
    this.nextValue = this.start;
  }
  /** The next value to hand out (for snapshots). */
  peek(): number {
    return this.nextValue;
  }
  /** Continues from a snapshot's next value. */
  restore(nextValue: number): void {
    this.nextValue = nextValue;
  }
}

export interface JiraStateOptions {
  siteUrl: string;
  cloudId: string;
  now: () => number;
}

export class JiraState {
  readonly siteUrl: string;
  readonly cloudId: string;
  private readonly clock: () => number;
  /** The simulator clock in ms: the injected clock plus the clockOffsetMs knob. */
  readonly now = (): number => this.clock() + this.knobs.clockOffsetMs;

  users = new Map<string, User>();
  projects = new Map<string, Project>();
  issueTypes = new Map<string, IssueType>();
  statuses = new Map<string, Status>();
  resolutions = new Map<string, Resolution>();
  customFields = new Map<string, CustomField>();
  issues = new Map<string, Issue>();
  attachments = new Map<string, Attachment>();
  assetsWorkspaceId = DEFAULT_ASSETS_WORKSPACE_ID;
  assetSchemas = new Map<string, AssetSchema>();
  assetObjectTypes = new Map<string, AssetObjectType>();
  assetObjects = new Map<string, AssetObject>();
  /** The Assets role granted to the app account; none on a fresh site (the app cannot read Assets). */
  appAssetsRole: AssetsRole | null = null;
  knobs: Knobs = structuredClone(DEFAULT_KNOBS);
  readonly requestLog = new RequestLog();
  readonly writeLimiter = new PerIssueWriteLimiter();

  readonly ids = {
    project: new IdSequence(10000),
    issueType: new IdSequence(10001),
    status: new IdSequence(10000),
    resolution: new IdSequence(10000),
    field: new IdSequence(10000),
    issue: new IdSequence(10000),
    comment: new IdSequence(10000),
    attachment: new IdSequence(10000),
    user: new IdSequence(1),
    assetSchema: new IdSequence(1),
    assetType: new IdSequence(1),
    assetAttribute: new IdSequence(1),
    assetObject: new IdSequence(1),
  };

  constructor(options: JiraStateOptions) {
    this.siteUrl = options.siteUrl.replace(/\/+$/, '');
    this.cloudId = options.cloudId;
    this.clock = options.now;
    this.reset();
  }

  /** Empties the site: only the app user remains; knobs, request log and write limiter are reset. */
  reset(): void {
    for (const map of [
      this.users,
      this.projects,
      this.issueTypes,
      this.statuses,
      this.resolutions,
      this.customFields,
      this.issues,
      this.attachments,
      this.assetSchemas,
      this.assetObjectTypes,
      this.assetObjects,
    ]) {
      map.clear();
    }
    for (const seq of Object.values(this.ids)) seq.reset();
    this.assetsWorkspaceId = DEFAULT_ASSETS_WORKSPACE_ID;
    this.appAssetsRole = null;
    this.knobs = structuredClone(DEFAULT_KNOBS);
    this.requestLog.clear();
    this.writeLimiter.clear();
    this.users.set(APP_USER.accountId, structuredClone(APP_USER) as User);
  }

  get appUser(): User {
    return this.users.get(APP_USER.accountId)!;
  }

  /** Finds an issue by id or by key, keys case-insensitively (like Jira). */
  findIssue(idOrKey: string): Issue | undefined {
    const byId = this.issues.get(idOrKey);
    if (byId) return byId;
    const wanted = idOrKey.toUpperCase();
    for (const issue of this.issues.values()) if (issue.key === wanted) return issue;
    return undefined;
  }

  findProject(idOrKey: string): Project | undefined {
    const byId = this.projects.get(idOrKey);
    if (byId) return byId;
    const wanted = idOrKey.toUpperCase();
    for (const project of this.projects.values()) if (project.key === wanted) return project;
    return undefined;
  }

  projectOf(issue: Issue): Project {
    return this.projects.get(issue.projectId)!;
  }

  /** Custom fields whose screens include the given issue type. */
  fieldsOnIssueType(issueTypeId: string): CustomField[] {
    return [...this.customFields.values()].filter((f) => f.issueTypeIds === null || f.issueTypeIds.includes(issueTypeId));
  }

  issueAttachments(issue: Issue): Attachment[] {
    return issue.attachmentIds.map((id) => this.attachments.get(id)!);
  }
}

export function statusCategory(key: StatusCategoryKey): StatusCategory {
  return STATUS_CATEGORIES.find((c) => c.key === key)!;
}

/** Every REST write to an issue (comment, attachment, assignee, property) goes through this. */
export function admitIssueWrite(state: JiraState, issue: Issue): void {
  state.writeLimiter.admit(issue.id, state.knobs.perIssueWriteLimit, state.now());
}
