/**
 * Field metadata: Jira's system fields, custom fields (short text, paragraph, number, Assets, date-time) with
 * Jira's schemas, which fields an issue carries, the `fields=` selection syntax of GET issue, and
 * custom field values (normalising control input, rendering REST output). Also GET /rest/api/3/field.
 */
import type { Router } from '../shared/http';
import { json } from '../shared/http';
import { validateAdf } from './adfValidation';
import { findAssetObject } from './assets';
import { withAuth } from './auth';
import { ControlError } from './errors';
import type { CustomField, CustomFieldType, Issue, JiraState } from './state';
import { jiraTimeInZone } from './time';

export interface FieldSchema {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
  customId?: number;
}

export interface FieldMeta {
  id: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema: FieldSchema;
}

const system = (
  id: string,
  name: string,
  flags: { orderable: boolean; navigable: boolean; searchable: boolean },
  clauseNames: string[],
  schema: Omit<FieldSchema, 'system'>,
): FieldMeta => ({ id, name, custom: false, ...flags, clauseNames, schema: { ...schema, system: id } });

const ONN = { orderable: true, navigable: true, searchable: true };
const FNS = { orderable: false, navigable: true, searchable: true };

/** The system fields every simulated issue carries (same metadata as Jira Cloud's GET /field). */
export const SYSTEM_FIELDS: readonly FieldMeta[] = [
  system('summary', 'Summary', ONN, ['summary'], { type: 'string' }),
  system('issuetype', 'Issue Type', ONN, ['issuetype', 'type'], { type: 'issuetype' }),
  system('project', 'Project', FNS, ['project'], { type: 'project' }),
  system('status', 'Status', FNS, ['status'], { type: 'status' }),
  system('statuscategorychangedate', 'Status Category Changed', FNS, ['statusCategoryChangedDate'], { type: 'datetime' }),
  system('resolution', 'Resolution', ONN, ['resolution'], { type: 'resolution' }),
  system('resolutiondate', 'Resolved', FNS, ['resolutiondate', 'resolved'], { type: 'datetime' }),
  system('assignee', 'Assignee', ONN, ['assignee'], { type: 'user' }),
  system('reporter', 'Reporter', ONN, ['reporter'], { type: 'user' }),
  system('creator', 'Creator', FNS, ['creator'], { type: 'user' }),
  system('created', 'Created', FNS, ['created', 'createdDate'], { type: 'datetime' }),
  system('updated', 'Updated', FNS, ['updated', 'updatedDate'], { type: 'datetime' }),
  system('description', 'Description', ONN, ['description'], { type: 'string' }),
  system('labels', 'Labels', ONN, ['labels'], { type: 'array', items: 'string' }),
  system('comment', 'Comment', { orderable: true, navigable: false, searchable: true }, ['comment'], { type: 'comments-page' }),
  system('attachment', 'Attachment', { orderable: true, navigable: false, searchable: true }, ['attachments'], {
    type: 'array',
    items: 'attachment',
  }),
];

const CUSTOM_TYPES: Record<CustomFieldType, { schema: Omit<FieldSchema, 'customId'>; clauseLabel: string }> = {
  text: { schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' }, clauseLabel: 'Short text' },
  textarea: { schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' }, clauseLabel: 'Paragraph' },
  number: { schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' }, clauseLabel: 'Number' },
  assets: {
    schema: { type: 'array', items: 'cmdb-object-field', custom: 'com.atlassian.jira.plugins.cmdb:cmdb-object-cftype' },
    clauseLabel: 'Assets',
  },
  datetime: { schema: { type: 'datetime', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datetime' }, clauseLabel: 'Date Time Picker' },
};

/** A date-time as control input: ISO-8601 with a zone (Jira's own format included); no zone = refused. */
const DATE_TIME_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function parseDateTimeInput(value: string): number | undefined {
  if (!DATE_TIME_INPUT.test(value)) return undefined;
  // Date.parse needs `+hh:mm`; Jira writes `+hhmm`.
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : undefined;
}

function customFieldMeta(field: CustomField): FieldMeta {
  const customId = Number(field.id.replace('customfield_', ''));
  const type = CUSTOM_TYPES[field.type];
  return {
    id: field.id,
    name: field.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${customId}]`, field.name, `${field.name}[${type.clauseLabel}]`],
    schema: { ...type.schema, customId },
  };
}

/** The fields present on this issue: every system field plus the custom fields on its issue type's screen. */
export function fieldsOfIssue(state: JiraState, issue: Issue): FieldMeta[] {
  return [...SYSTEM_FIELDS, ...state.fieldsOnIssueType(issue.issueTypeId).map(customFieldMeta)];
}

/**
 * Applies GET issue's `fields` parameter: a comma list of field ids, `*all`, `*navigable`, and `-id`
 * exclusions; no parameter (or only exclusions) starts from all fields. Unknown ids are ignored.
 */
export function selectFields(param: string | null, available: FieldMeta[]): FieldMeta[] {
  const tokens = (param ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const excluded = new Set(tokens.filter((t) => t.startsWith('-')).map((t) => t.slice(1)));
  const included = tokens.filter((t) => !t.startsWith('-'));
  const wanted = new Set<string>();
  for (const token of included.length === 0 ? ['*all'] : included) {
    for (const field of available) {
      if (token === '*all' || (token === '*navigable' && field.navigable) || token === field.id) wanted.add(field.id);
    }
  }
  return available.filter((f) => wanted.has(f.id) && !excluded.has(f.id));
}

/** A one-paragraph ADF document holding plain text. */
export const plainTextDoc = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: text === '' ? [] : [{ type: 'text', text }] }],
});

/** Control input → stored value (throws ControlError 400 on a value of the wrong shape). */
export function normalizeCustomValue(state: JiraState, field: CustomField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const wrong = (expected: string) => new ControlError(400, `Field '${field.name}' (${field.id}) expects ${expected}.`);
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') throw wrong('a string');
      return value;
    case 'number':
      if (typeof value !== 'number') throw wrong('a number');
      return value;
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTimeInput(value) : undefined;
      if (ms === undefined) throw wrong("an ISO-8601 date-time with a zone, e.g. '2026-12-04T22:00:00.000+0000'");
      return ms;
    }
    case 'textarea': {
      const doc = typeof value === 'string' ? plainTextDoc(value) : value;
      const problem = validateAdf(doc);
      if (problem) throw wrong(`a string or a valid ADF document (${problem})`);
      return doc;
    }
    case 'assets': {
      const refs = Array.isArray(value) ? value : [value];
      const ids = refs.map((ref) => {
        const object = findAssetObject(state, ref);
        if (!object) throw wrong(`Assets objects (object id, objectKey or {objectId}); unknown ${JSON.stringify(ref)}`);
        return object.id;
      });
      return ids.length === 0 ? null : ids;
    }
  }
}

/**
 * Stored value → the REST representation (Assets: `{workspaceId, id: "<ws>:<objectId>", objectId}`, no label;
 * date-time: Jira's format in the viewer's time zone, e.g. `2026-12-04T17:00:00.000-0500`).
 */
export function renderCustomValue(state: JiraState, field: CustomField, value: unknown, timeZone = 'UTC'): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime') return jiraTimeInZone(value as number, timeZone);
  if (field.type === 'assets') {
    return (value as string[]).map((objectId) => ({
      workspaceId: state.assetsWorkspaceId,
      id: `${state.assetsWorkspaceId}:${objectId}`,
      objectId,
    }));
  }
  return value;
}

export function registerFieldRoutes(router: Router, state: JiraState): void {
  router.get(
    '/rest/api/3/field',
    withAuth(state, () =>
      json(
        200,
        [...SYSTEM_FIELDS, ...[...state.customFields.values()].map(customFieldMeta)].map((f) => ({
          id: f.id,
          key: f.id,
          name: f.name,
          ...(f.custom ? { untranslatedName: f.name } : {}),
          custom: f.custom,
          orderable: f.orderable,
          navigable: f.navigable,
          searchable: f.searchable,
          clauseNames: f.clauseNames,
          schema: f.schema,
        })),
      ),
    ),
  );
}
