/**
 * The control operations: set up users, projects, workflow metadata, fields, issues and Assets
 * objects; read an issue's full state; knobs, faults and the request log. The typed methods of the
 * simulator and the `/__sim/` HTTP endpoints both call these (inputs validated by controlInputs.ts).
 */
import type { FaultInjector, FaultRule } from '../shared/http';
import { validateAdf } from './adfValidation';
import { assetObjectJson } from './assets';
import {
  appAssetsRoleSchema,
  assetObjectInputSchema,
  assetObjectTypeInputSchema,
  assetSchemaInputSchema,
  faultRuleSchema,
  fieldInputSchema,
  issueInputSchema,
  issuePatchSchema,
  issueTypeInputSchema,
  clockAdvanceSchema,
  knobsPatchSchema,
  latencySchema,
  parse,
  projectInputSchema,
  rateLimitFaultSchema,
  resolutionInputSchema,
  statusInputSchema,
  statusPatchSchema,
  workspaceInputSchema,
  userInputSchema,
  userPatchSchema,
  type AppAssetsRoleInput,
  type AssetObjectInput,
  type AssetObjectTypeInput,
  type AssetSchemaInput,
  type FieldInput,
  type GrantData,
  type IssueInput,
  type IssuePatch,
  type IssuePatchData,
  type IssueTypeInput,
  type KnobsPatch,
  type ProjectInput,
  type RateLimitFaultInput,
  type ResolutionInput,
  type StatusInput,
  type StatusPatch,
  type WorkspaceInput,
  type UserInput,
  type UserPatch,
} from './controlInputs';
import { ControlError } from './errors';
import { normalizeCustomValue, plainTextDoc, renderCustomValue } from './fields';
import { rateLimitFault } from './rateLimit';
import type { RequestCounters, RequestLogEntry } from './requestLog';
import { seedDemo, type SeedSummary } from './seed';
import { exportJiraRows, exportJiraState, importJiraState, joinJiraRows, type JiraSnapshot } from './snapshot';
import type { SnapshotRows } from '../shared/snapshotRows';
import type {
  AssetObjectType,
  AssetSchema,
  AssetsRole,
  CustomField,
  Grant,
  Issue,
  IssueType,
  JiraState,
  Knobs,
  Project,
  Resolution,
  Status,
  User,
} from './state';
import { jiraTime } from './time';

// ----- views returned by the control API -----

export interface ProjectView {
  id: string;
  key: string;
  name: string;
  projectTypeKey: Project['projectTypeKey'];
  lead: string | null;
  issueTypes: { id: string; name: string }[];
  permissions: Project['permissions'];
}

export interface IssueView {
  id: string;
  key: string;
  project: string;
  issueType: { id: string; name: string };
  summary: string;
  description: unknown;
  labels: string[];
  status: { id: string; name: string; category: Status['category'] };
  resolution: { id: string; name: string } | null;
  resolutionDate: string | null;
  assignee: string | null;
  reporter: string | null;
  created: string;
  updated: string;
  /** Custom field values as stored (Assets: object ids), for the fields on the issue's screen. */
  customFields: Record<string, { name: string; type: CustomField['type']; value: unknown }>;
  comments: {
    id: string;
    author: string;
    updateAuthor: string;
    body: unknown;
    /** `JSON.stringify(body).length`, the measure the text limit applies to. */
    length: number;
    created: string;
    updated: string;
    visibility?: unknown;
    properties: { key: string; value: unknown }[];
  }[];
  attachments: { id: string; filename: string; size: number; mimeType: string; author: string; created: string }[];
  properties: Record<string, unknown>;
}

export interface AttachmentContent {
  filename: string;
  mimeType: string;
  data: Buffer;
}

const DEFAULT_GRANT_GROUPS: Record<Project['projectTypeKey'], string[]> = {
  service_desk: ['jira-administrators', 'jira-servicemanagement-users'],
  software: ['jira-administrators', 'jira-software-users'],
};

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class JiraControl {
  constructor(
    readonly state: JiraState,
    readonly faults: FaultInjector,
  ) {}

  /** Empties the site (only the app user remains), restores default knobs, clears faults and the request log. */
  reset(): void {
    this.state.reset();
    this.faults.clear();
  }

  /** Creates the documented demo site (see docs/jira-simulator.md). Call on an empty site. */
  seedDemo(): SeedSummary {
    return seedDemo(this);
  }

  // ----- users -----

  createUser(input: UserInput): User {
    const data = parse(userInputSchema, input);
    const accountId = data.accountId ?? this.generateAccountId();
    if (this.state.users.has(accountId)) throw new ControlError(409, `A user with accountId '${accountId}' already exists.`);
    const user: User = {
      accountId,
      displayName: data.displayName,
      ...(data.emailAddress !== undefined ? { emailAddress: data.emailAddress } : {}),
      emailVisible: data.emailVisible ?? true,
      active: data.active ?? true,
      accountType: data.accountType ?? 'atlassian',
      timeZone: data.timeZone ?? 'UTC',
      locale: data.locale ?? 'en_US',
      groups: data.groups ?? [],
    };
    this.state.users.set(accountId, user);
    return structuredClone(user);
  }

  updateUser(accountId: string, patch: UserPatch): User {
    const user = this.requireUser(accountId, 404);
    Object.assign(user, parse(userPatchSchema, patch));
    return structuredClone(user);
  }

  getUser(accountId: string): User {
    return structuredClone(this.requireUser(accountId, 404));
  }

  // ----- projects and workflow metadata -----

  createProject(input: ProjectInput): ProjectView {
    const data = parse(projectInputSchema, input);
    if (this.state.findProject(data.key)) throw new ControlError(409, `A project with key '${data.key}' already exists.`);
    if (data.id !== undefined && this.state.projects.has(data.id)) throw new ControlError(409, `A project with id '${data.id}' already exists.`);
    if (data.lead !== undefined) this.requireUser(data.lead, 400);
    const projectTypeKey = data.projectTypeKey ?? 'service_desk';
    const grant = (g: GrantData | undefined): Grant => ({
      groups: g?.groups ?? [...DEFAULT_GRANT_GROUPS[projectTypeKey]],
      accountIds: g?.accountIds ?? [],
    });
    const project: Project = {
      id: data.id !== undefined ? this.state.ids.project.claim(data.id) : this.state.ids.project.next(),
      key: data.key,
      name: data.name,
      projectTypeKey,
      leadAccountId: data.lead ?? null,
      issueTypeIds: (data.issueTypes ?? ['Task']).map((name) => this.findOrCreateIssueType(name).id),
      permissions: { browse: grant(data.permissions?.browse), assign: grant(data.permissions?.assign), edit: grant(data.permissions?.edit) },
      nextIssueNumber: 1,
    };
    this.state.projects.set(project.id, project);
    return this.projectView(project);
  }

  createIssueType(input: IssueTypeInput): IssueType {
    const data = parse(issueTypeInputSchema, input);
    if (this.findByName(this.state.issueTypes, data.name)) throw new ControlError(409, `An issue type named '${data.name}' already exists.`);
    const type: IssueType = {
      id: data.id !== undefined ? this.state.ids.issueType.claim(data.id) : this.state.ids.issueType.next(),
      name: data.name,
      description: data.description ?? '',
    };
    const projects = (data.projects ?? []).map((ref) => this.requireProject(ref));
    this.state.issueTypes.set(type.id, type);
    for (const project of projects) project.issueTypeIds.push(type.id);
    return { ...type };
  }

  createStatus(input: StatusInput): Status {
    const data = parse(statusInputSchema, input);
    if (this.findByName(this.state.statuses, data.name)) throw new ControlError(409, `A status named '${data.name}' already exists.`);
    const projectId = data.project === undefined ? undefined : this.requireProject(data.project).id;
    const status: Status = {
      id: data.id !== undefined ? this.state.ids.status.claim(data.id) : this.state.ids.status.next(),
      name: data.name,
      category: data.category,
      description: data.description ?? '',
      ...(projectId === undefined ? {} : { projectId }),
    };
    this.state.statuses.set(status.id, status);
    return { ...status };
  }

  /** Renames a status or moves it to another category (issues in it follow; their category-change date moves). */
  updateStatus(idOrName: string, patch: StatusPatch): Status {
    const data = parse(statusPatchSchema, patch);
    const status = this.requireNamed(this.state.statuses, idOrName, 'status', 404);
    if (data.name !== undefined && data.name.toLowerCase() !== status.name.toLowerCase() && this.findByName(this.state.statuses, data.name)) {
      throw new ControlError(409, `A status named '${data.name}' already exists.`);
    }
    if (data.category !== undefined && data.category !== status.category) {
      const now = this.state.now();
      for (const issue of this.state.issues.values()) if (issue.statusId === status.id) issue.statusCategoryChanged = now;
      status.category = data.category;
    }
    if (data.name !== undefined) status.name = data.name;
    if (data.description !== undefined) status.description = data.description;
    return { ...status };
  }

  /** Another Assets workspace id (object references on issues follow, like a site moved to another workspace). */
  setAssetsWorkspace(input: WorkspaceInput): { workspaceId: string } {
    const data = parse(workspaceInputSchema, input);
    this.state.assetsWorkspaceId = data.workspaceId.toLowerCase();
    return { workspaceId: this.state.assetsWorkspaceId };
  }

  deleteAssetObject(id: string): void {
    if (!this.state.assetObjects.delete(id)) throw new ControlError(404, `No Assets object with id '${id}'.`);
  }

  /**
   * Deletes an account. Issues keep its id as assignee or reporter, which REST then shows as unset; the
   * app user cannot be deleted.
   */
  deleteUser(accountId: string): void {
    if (accountId === this.state.appUser.accountId) throw new ControlError(400, 'The app user cannot be deleted.');
    if (!this.state.users.delete(accountId)) throw new ControlError(404, `No user with accountId '${accountId}'.`);
  }

  /** Deletes an issue with its comments, attachments and properties (its number is not reused). */
  deleteIssue(key: string): void {
    const issue = this.requireIssue(key);
    for (const id of issue.attachmentIds) this.state.attachments.delete(id);
    this.state.issues.delete(issue.id);
  }

  createResolution(input: ResolutionInput): Resolution {
    const data = parse(resolutionInputSchema, input);
    if (this.findByName(this.state.resolutions, data.name)) throw new ControlError(409, `A resolution named '${data.name}' already exists.`);
    const resolution: Resolution = {
      id: data.id !== undefined ? this.state.ids.resolution.claim(data.id) : this.state.ids.resolution.next(),
      name: data.name,
      description: data.description ?? '',
    };
    this.state.resolutions.set(resolution.id, resolution);
    return { ...resolution };
  }

  createField(input: FieldInput): CustomField {
    const data = parse(fieldInputSchema, input);
    const id = data.id !== undefined ? this.state.ids.field.claim(data.id) : `customfield_${this.state.ids.field.next()}`;
    if (this.state.customFields.has(id)) throw new ControlError(409, `A field with id '${id}' already exists.`);
    const issueTypeIds = data.issueTypes?.map((ref) => this.requireNamed(this.state.issueTypes, ref, 'issue type').id) ?? null;
    const field: CustomField = { id, name: data.name, description: data.description ?? '', type: data.type, issueTypeIds };
    this.state.customFields.set(id, field);
    return structuredClone(field);
  }

  // ----- issues -----

  createIssue(input: IssueInput): IssueView {
    const data = parse(issueInputSchema, input);
    const keyProject = data.key?.slice(0, data.key.lastIndexOf('-'));
    const project = this.requireProject(data.project ?? keyProject!);
    if (keyProject !== undefined && keyProject !== project.key) throw new ControlError(400, `Key ${data.key} is not in project ${project.key}.`);
    const number = data.key === undefined ? project.nextIssueNumber : Number(data.key.slice(data.key.lastIndexOf('-') + 1));
    if (data.key !== undefined && this.state.findIssue(data.key)) throw new ControlError(409, `Issue ${data.key} already exists.`);
    const issueTypeId = data.issueType !== undefined ? this.requireIssueTypeOf(project, data.issueType) : project.issueTypeIds[0]!;
    const status = data.status !== undefined ? this.requireNamed(this.state.statuses, data.status, 'status') : this.defaultStatus(project.id);
    this.checkStatusScope(status, project.id);
    const created = data.created !== undefined ? Date.parse(data.created) : this.state.now();
    const issue: Issue = {
      id: this.state.ids.issue.next(),
      key: `${project.key}-${number}`,
      projectId: project.id,
      issueTypeId,
      summary: data.summary,
      description: null,
      labels: [],
      statusId: status.id,
      statusCategoryChanged: created,
      resolutionId: null,
      resolutionDate: null,
      assigneeId: null,
      reporterId: null,
      creatorId: null,
      created,
      updated: data.updated !== undefined ? Date.parse(data.updated) : created,
      custom: {},
      comments: [],
      attachmentIds: [],
      properties: new Map(),
    };
    this.applyIssuePatch(issue, { ...data, status: undefined }, created);
    issue.creatorId = issue.reporterId;
    project.nextIssueNumber = Math.max(project.nextIssueNumber, number + 1);
    this.state.issues.set(issue.id, issue);
    return this.issueView(issue);
  }

  updateIssue(key: string, patch: IssuePatch): IssueView {
    const issue = this.requireIssue(key);
    const data = parse(issuePatchSchema, patch);
    const now = this.state.now();
    this.applyIssuePatch(issue, data, now);
    issue.updated = data.updated !== undefined ? Date.parse(data.updated) : now;
    return this.issueView(issue);
  }

  getIssue(key: string): IssueView {
    return this.issueView(this.requireIssue(key));
  }

  attachmentContent(id: string): AttachmentContent {
    const attachment = this.state.attachments.get(id);
    if (!attachment) throw new ControlError(404, `No attachment with id '${id}'.`);
    return { filename: attachment.filename, mimeType: attachment.mimeType, data: Buffer.from(attachment.data) };
  }

  // ----- Assets -----

  createAssetSchema(input: AssetSchemaInput): AssetSchema {
    const data = parse(assetSchemaInputSchema, input);
    if ([...this.state.assetSchemas.values()].some((s) => s.objectSchemaKey === data.key)) {
      throw new ControlError(409, `An object schema with key '${data.key}' already exists.`);
    }
    const schema: AssetSchema = {
      id: data.id !== undefined ? this.state.ids.assetSchema.claim(data.id) : this.state.ids.assetSchema.next(),
      name: data.name,
      objectSchemaKey: data.key,
    };
    this.state.assetSchemas.set(schema.id, schema);
    return { ...schema };
  }

  createAssetObjectType(input: AssetObjectTypeInput): AssetObjectType {
    const data = parse(assetObjectTypeInputSchema, input);
    const schema = this.requireAssetSchema(data.schema);
    if ([...this.state.assetObjectTypes.values()].some((t) => t.schemaId === schema.id && sameName(t.name, data.name))) {
      throw new ControlError(409, `Object type '${data.name}' already exists in schema '${schema.objectSchemaKey}'.`);
    }
    const attr = (name: string, extra: Partial<AssetObjectType['attributes'][number]> = {}) => ({
      id: this.state.ids.assetAttribute.next(),
      name,
      label: false,
      ...extra,
    });
    const type: AssetObjectType = {
      id: data.id !== undefined ? this.state.ids.assetType.claim(data.id) : this.state.ids.assetType.next(),
      name: data.name,
      description: data.description ?? '',
      schemaId: schema.id,
      attributes: [
        attr('Key', { system: 'key' }),
        attr('Name', { label: true }),
        attr('Created', { system: 'created' }),
        attr('Updated', { system: 'updated' }),
        ...(data.attributes ?? []).map((name) => attr(name)),
      ],
    };
    this.state.assetObjectTypes.set(type.id, type);
    return structuredClone(type);
  }

  /**
   * The Assets role of the app account: `{role: 'Users' | 'Developers' | 'Managers'}` grants one (what a Jira
   * admin does in Assets for a Forge app that reads Assets as itself), `{role: null}` takes it away.
   */
  setAppAssetsRole(input: AppAssetsRoleInput): { role: AssetsRole | null } {
    this.state.appAssetsRole = parse(appAssetsRoleSchema, input).role;
    return this.getAppAssetsRole();
  }

  getAppAssetsRole(): { role: AssetsRole | null } {
    return { role: this.state.appAssetsRole };
  }

  /** Returns the object as GET /jsm/assets/workspace/{ws}/v1/object/{id} renders it. */
  createAssetObject(input: AssetObjectInput): Record<string, unknown> {
    const data = parse(assetObjectInputSchema, input);
    const type = this.requireNamed(this.state.assetObjectTypes, data.objectType, 'object type');
    const id = data.id !== undefined ? this.state.ids.assetObject.claim(data.id) : this.state.ids.assetObject.next();
    if (this.state.assetObjects.has(id)) throw new ControlError(409, `An Assets object with id '${id}' already exists.`);
    const schema = this.state.assetSchemas.get(type.schemaId)!;
    const values = new Map<string, string[]>();
    const attributeId = (name: string) => {
      let attribute = type.attributes.find((a) => sameName(a.name, name));
      if (attribute?.system) throw new ControlError(400, `Attribute '${name}' is computed by the simulator.`);
      if (!attribute) {
        attribute = { id: this.state.ids.assetAttribute.next(), name, label: false };
        type.attributes.push(attribute);
      }
      return attribute.id;
    };
    values.set(attributeId('Name'), [data.name]);
    for (const [name, value] of Object.entries(data.attributes ?? {})) values.set(attributeId(name), Array.isArray(value) ? value : [value]);
    const now = this.state.now();
    const object = { id, typeId: type.id, objectKey: `${schema.objectSchemaKey}-${id}`, values, created: now, updated: now };
    this.state.assetObjects.set(id, object);
    return assetObjectJson(this.state, object, true);
  }

  // ----- knobs, faults, request log -----

  getKnobs(): Knobs {
    return structuredClone(this.state.knobs);
  }

  setKnobs(patch: KnobsPatch): Knobs {
    Object.assign(this.state.knobs, parse(knobsPatchSchema, patch));
    return this.getKnobs();
  }

  /** Moves the simulator clock by `ms` (negative = back); returns the new now (epoch ms). */
  advanceClock(ms: number): number {
    this.state.knobs.clockOffsetMs += parse(clockAdvanceSchema, { ms }).ms;
    return this.state.now();
  }

  /** The simulator clock: now (epoch ms and ISO) and the offset from the injected clock. */
  clock(): { now: number; iso: string; offsetMs: number } {
    const now = this.state.now();
    return { now, iso: new Date(now).toISOString(), offsetMs: this.state.knobs.clockOffsetMs };
  }

  addFault(rule: FaultRule): FaultRule {
    return this.faults.add(parse(faultRuleSchema, rule));
  }

  /** Adds a 429 rule with Jira's rate-limit headers (`Retry-After`, `X-RateLimit-*`, `RateLimit-Reason`). */
  addRateLimitFault(input: RateLimitFaultInput = {}): FaultRule {
    return this.faults.add(rateLimitFault(parse(rateLimitFaultSchema, input), this.state.now()));
  }

  listFaults(): { faults: FaultRule[]; latencyMs: number } {
    return { faults: this.faults.list(), latencyMs: this.faults.latencyMs };
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setLatency(latencyMs: number): void {
    this.faults.latencyMs = parse(latencySchema, latencyMs);
  }

  requests(since = 0): { entries: RequestLogEntry[]; lastSeq: number } {
    return { entries: this.state.requestLog.list(since), lastSeq: this.state.requestLog.mark() };
  }

  requestCounters(since = 0): RequestCounters {
    return this.state.requestLog.counters(since);
  }

  clearRequests(): void {
    this.state.requestLog.clear();
  }

  // ----- persistence -----

  /** The whole site as a JSON-serialisable value (attachment bytes as base64; fault rules excluded). */
  exportState(): JiraSnapshot {
    return exportJiraState(this.state, this.faults.latencyMs);
  }

  /** The site as rows over the live records, for a store that saves only what changed (sandbox/shared/snapshotRows.ts). */
  exportRows(): SnapshotRows {
    return exportJiraRows(this.state, this.faults.latencyMs);
  }

  /** The snapshot saved as rows (`exportRows`), for `importState`. */
  joinRows(meta: Record<string, unknown>, rows: Record<string, unknown[]>): JiraSnapshot {
    return joinJiraRows(meta, rows);
  }

  /** Replaces the whole site with a snapshot from `exportState`; throws ControlError(400) for anything else. */
  importState(snapshot: JiraSnapshot): void {
    this.faults.latencyMs = importJiraState(this.state, snapshot).latencyMs;
  }

  // ----- helpers -----

  private generateAccountId(): string {
    let id: string;
    do id = `5f${this.state.ids.user.next().padStart(22, '0')}`;
    while (this.state.users.has(id));
    return id;
  }

  private requireUser(accountId: string, status: 400 | 404): User {
    const user = this.state.users.get(accountId);
    if (!user) throw new ControlError(status, `No user with accountId '${accountId}'.`);
    return user;
  }

  private requireProject(ref: string): Project {
    const project = this.state.findProject(ref);
    if (!project) throw new ControlError(400, `No project with key or id '${ref}'.`);
    return project;
  }

  private requireIssue(key: string): Issue {
    const issue = this.state.findIssue(key);
    if (!issue) throw new ControlError(404, `No issue '${key}'.`);
    return issue;
  }

  private findByName<T extends { id: string; name: string }>(map: Map<string, T>, name: string): T | undefined {
    return [...map.values()].find((item) => sameName(item.name, name));
  }

  /** Looks an entity up by id, then by (case-insensitive) name. */
  private requireNamed<T extends { id: string; name: string }>(map: Map<string, T>, ref: string, what: string, status = 400): T {
    const found = map.get(ref) ?? this.findByName(map, ref);
    if (!found) throw new ControlError(status, `No ${what} '${ref}'.`);
    return found;
  }

  private findOrCreateIssueType(name: string): IssueType {
    return this.findByName(this.state.issueTypes, name) ?? this.createIssueType({ name });
  }

  private requireIssueTypeOf(project: Project, ref: string): string {
    const type = this.requireNamed(this.state.issueTypes, ref, 'issue type');
    if (!project.issueTypeIds.includes(type.id)) throw new ControlError(400, `Issue type '${type.name}' is not used by project ${project.key}.`);
    return type.id;
  }

  private checkStatusScope(status: Status, projectId: string): void {
    if (status.projectId !== undefined && status.projectId !== projectId) {
      throw new ControlError(400, `Status '${status.name}' belongs to another project.`);
    }
  }

  private defaultStatus(projectId: string): Status {
    const statuses = [...this.state.statuses.values()].filter((s) => s.projectId === undefined || s.projectId === projectId);
    const status = statuses.find((s) => s.category === 'new') ?? statuses[0];
    if (!status) throw new ControlError(400, 'No status exists yet: create one (POST /__sim/statuses) or pass "status".');
    return status;
  }

  private requireAssetSchema(ref: string | undefined): AssetSchema {
    const schemas = [...this.state.assetSchemas.values()];
    if (ref === undefined) {
      if (schemas.length !== 1) throw new ControlError(400, 'Name the object schema ("schema"): there is not exactly one.');
      return schemas[0]!;
    }
    const schema = schemas.find((s) => s.id === ref || s.objectSchemaKey === ref.toUpperCase() || sameName(s.name, ref));
    if (!schema) throw new ControlError(400, `No object schema '${ref}'.`);
    return schema;
  }

  /** Resolves a custom field reference (id, or a name unique among the issue type's fields). */
  private fieldOnIssue(issue: Issue, ref: string): CustomField {
    const onScreen = this.state.fieldsOnIssueType(issue.issueTypeId);
    const byId = onScreen.find((f) => f.id === ref);
    const byName = onScreen.filter((f) => sameName(f.name, ref));
    if (byName.length > 1 && !byId) throw new ControlError(400, `Field name '${ref}' is ambiguous; use the field id.`);
    const field = byId ?? byName[0];
    if (!field) throw new ControlError(400, `Field '${ref}' cannot be set. It is not on the appropriate screen, or unknown.`);
    return field;
  }

  private applyIssuePatch(issue: Issue, data: IssuePatchData, now: number): void {
    const state = this.state;
    if (data.issueType !== undefined) issue.issueTypeId = this.requireIssueTypeOf(state.projectOf(issue), data.issueType);
    if (data.summary !== undefined) issue.summary = data.summary;
    if (data.description !== undefined) issue.description = this.descriptionDoc(data.description);
    if (data.labels !== undefined) issue.labels = [...data.labels];
    if (data.status !== undefined) {
      const status = this.requireNamed(state.statuses, data.status, 'status');
      this.checkStatusScope(status, issue.projectId);
      if (status.category !== state.statuses.get(issue.statusId)?.category) issue.statusCategoryChanged = now;
      issue.statusId = status.id;
    }
    if (data.resolution !== undefined) {
      issue.resolutionId = data.resolution === null ? null : this.requireNamed(state.resolutions, data.resolution, 'resolution').id;
      issue.resolutionDate = data.resolution === null ? null : now;
    }
    if (data.assignee !== undefined) issue.assigneeId = data.assignee === null ? null : this.requireUser(data.assignee, 400).accountId;
    if (data.reporter !== undefined) issue.reporterId = data.reporter === null ? null : this.requireUser(data.reporter, 400).accountId;
    for (const [ref, value] of Object.entries(data.fields ?? {})) {
      const field = this.fieldOnIssue(issue, ref);
      issue.custom[field.id] = normalizeCustomValue(state, field, value);
    }
    for (const [key, value] of Object.entries(data.properties ?? {})) issue.properties.set(key, value);
  }

  private descriptionDoc(description: string | Record<string, unknown> | null): unknown {
    if (description === null) return null;
    const doc = typeof description === 'string' ? plainTextDoc(description) : description;
    const problem = validateAdf(doc);
    if (problem) throw new ControlError(400, `description is not valid ADF: ${problem}`);
    return doc;
  }

  private projectView(project: Project): ProjectView {
    return {
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: project.projectTypeKey,
      lead: project.leadAccountId,
      issueTypes: project.issueTypeIds.map((id) => ({ id, name: this.state.issueTypes.get(id)!.name })),
      permissions: structuredClone(project.permissions),
    };
  }

  private issueView(issue: Issue): IssueView {
    const state = this.state;
    const status = state.statuses.get(issue.statusId)!;
    const resolution = issue.resolutionId === null ? undefined : state.resolutions.get(issue.resolutionId);
    return structuredClone({
      id: issue.id,
      key: issue.key,
      project: state.projectOf(issue).key,
      issueType: { id: issue.issueTypeId, name: state.issueTypes.get(issue.issueTypeId)!.name },
      summary: issue.summary,
      description: issue.description,
      labels: issue.labels,
      status: { id: status.id, name: status.name, category: status.category },
      resolution: resolution ? { id: resolution.id, name: resolution.name } : null,
      resolutionDate: issue.resolutionDate === null ? null : jiraTime(issue.resolutionDate),
      assignee: issue.assigneeId,
      reporter: issue.reporterId,
      created: jiraTime(issue.created),
      updated: jiraTime(issue.updated),
      customFields: Object.fromEntries(
        state.fieldsOnIssueType(issue.issueTypeId).map((f) => [
          f.id,
          { name: f.name, type: f.type, value: f.type === 'datetime' ? renderCustomValue(state, f, issue.custom[f.id]) : (issue.custom[f.id] ?? null) },
        ]),
      ),
      comments: issue.comments.map((c) => ({
        id: c.id,
        author: c.authorId,
        updateAuthor: c.updateAuthorId,
        body: c.body,
        length: Buffer.byteLength(JSON.stringify(c.body), 'utf8'),
        created: jiraTime(c.created),
        updated: jiraTime(c.updated),
        ...(c.visibility ? { visibility: c.visibility } : {}),
        properties: c.properties,
      })),
      attachments: state.issueAttachments(issue).map((a) => ({
        id: a.id,
        filename: a.filename,
        size: a.data.length,
        mimeType: a.mimeType,
        author: a.authorId,
        created: jiraTime(a.created),
      })),
      properties: Object.fromEntries(issue.properties),
    });
  }
}
