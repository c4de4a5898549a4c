/**
 * Input schemas (zod) of the control operations, shared by the typed methods and the `/__sim/` HTTP
 * endpoints, and the input types derived from them. Patch schemas carry no defaults: zod 4 would
 * apply them to omitted keys; defaults are applied by the operations themselves.
 */
import { z } from 'zod';
import { ControlError } from './errors';
import { ASSETS_ROLES } from './state';

const userFields = z.object({
  displayName: z.string().min(1),
  emailAddress: z.string().min(1),
  emailVisible: z.boolean(),
  active: z.boolean(),
  accountType: z.enum(['atlassian', 'app', 'customer']),
  timeZone: z.string().min(1),
  locale: z.string().min(1),
  groups: z.array(z.string().min(1)),
});
export const userPatchSchema = userFields.partial().strict();
export const userInputSchema = userPatchSchema.extend({ accountId: z.string().min(1).optional(), displayName: z.string().min(1) }).strict();
export type UserInput = z.input<typeof userInputSchema>;
export type UserPatch = z.input<typeof userPatchSchema>;

const idSchema = z.string().regex(/^\d+$/, 'must be a numeric string');
const grantSchema = z.object({ groups: z.array(z.string()).optional(), accountIds: z.array(z.string()).optional() }).strict();
export type GrantData = z.output<typeof grantSchema>;
export const projectInputSchema = z
  .object({
    id: idSchema.optional(),
    key: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be 2-10 upper-case letters/digits starting with a letter'),
    name: z.string().min(1),
    projectTypeKey: z.enum(['service_desk', 'software']).optional(),
    lead: z.string().min(1).optional(),
    issueTypes: z.array(z.string().min(1)).min(1).optional(),
    permissions: z.object({ browse: grantSchema, assign: grantSchema, edit: grantSchema }).partial().strict().optional(),
  })
  .strict();
export type ProjectInput = z.input<typeof projectInputSchema>;

export const issueTypeInputSchema = z
  .object({ id: idSchema.optional(), name: z.string().min(1), description: z.string().optional(), projects: z.array(z.string()).optional() })
  .strict();
export type IssueTypeInput = z.input<typeof issueTypeInputSchema>;

export const statusInputSchema = z
  .object({
    id: idSchema.optional(),
    name: z.string().min(1),
    category: z.enum(['new', 'indeterminate', 'done', 'undefined']),
    description: z.string().optional(),
    /** A project key or id: the status belongs to that project only. */
    project: z.string().min(1).optional(),
  })
  .strict();
export type StatusInput = z.input<typeof statusInputSchema>;

export const statusPatchSchema = z
  .object({ name: z.string().min(1), category: z.enum(['new', 'indeterminate', 'done', 'undefined']), description: z.string() })
  .partial()
  .strict();
export type StatusPatch = z.input<typeof statusPatchSchema>;

export const workspaceInputSchema = z.object({ workspaceId: z.string().regex(/^[0-9a-f-]{8,64}$/i, 'must be an id like 8b3f5e2a-4c1d-4e6f-9a7b-0c2d4e6f8a1b') }).strict();
export type WorkspaceInput = z.input<typeof workspaceInputSchema>;

export const resolutionInputSchema = z.object({ id: idSchema.optional(), name: z.string().min(1), description: z.string().optional() }).strict();
export type ResolutionInput = z.input<typeof resolutionInputSchema>;

export const fieldInputSchema = z
  .object({
    id: z.string().regex(/^customfield_\d+$/, "must look like 'customfield_10050'").optional(),
    name: z.string().min(1),
    type: z.enum(['text', 'textarea', 'number', 'assets', 'datetime']),
    description: z.string().optional(),
    /** Issue type names or ids whose screens carry the field; omitted = all issue types. */
    issueTypes: z.array(z.string()).optional(),
  })
  .strict();
export type FieldInput = z.input<typeof fieldInputSchema>;

export const issuePatchSchema = z
  .object({
    issueType: z.string().min(1),
    summary: z.string().min(1),
    description: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable(),
    status: z.string().min(1),
    resolution: z.string().min(1).nullable(),
    assignee: z.string().min(1).nullable(),
    reporter: z.string().min(1).nullable(),
    labels: z.array(z.string().min(1)),
    /** Custom field values keyed by field id or field name. */
    fields: z.record(z.string(), z.unknown()),
    properties: z.record(z.string(), z.unknown()),
    /** ISO timestamps. */
    created: z.iso.datetime({ offset: true }),
    updated: z.iso.datetime({ offset: true }),
  })
  .partial()
  .strict();
export const issueInputSchema = issuePatchSchema
  .extend({
    /** Required unless `key` is given. */
    project: z.string().min(1).optional(),
    /** A chosen key in an existing project, e.g. SD-1234 (the number must be free). */
    key: z.string().regex(/^[A-Z][A-Z0-9]{1,9}-[1-9]\d{0,8}$/, "must look like 'SD-1234'").optional(),
    summary: z.string().min(1),
  })
  .strict()
  .refine((input) => input.project !== undefined || input.key !== undefined, { message: 'Give "project" or "key".' });
export type IssueInput = z.input<typeof issueInputSchema>;
export type IssuePatch = z.input<typeof issuePatchSchema>;
export type IssuePatchData = z.output<typeof issuePatchSchema>;

export const assetSchemaInputSchema = z
  .object({ id: idSchema.optional(), name: z.string().min(1), key: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/) })
  .strict();
export type AssetSchemaInput = z.input<typeof assetSchemaInputSchema>;

export const assetObjectTypeInputSchema = z
  .object({
    id: idSchema.optional(),
    name: z.string().min(1),
    /** Schema key, name or id; may be omitted when exactly one schema exists. */
    schema: z.string().optional(),
    description: z.string().optional(),
    /** Extra attribute names besides Key, Name, Created and Updated. */
    attributes: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type AssetObjectTypeInput = z.input<typeof assetObjectTypeInputSchema>;

export const assetObjectInputSchema = z
  .object({
    id: idSchema.optional(),
    /** Object type name or id. */
    objectType: z.string().min(1),
    /** The Name (label) attribute. */
    name: z.string().min(1),
    /** Other attribute values by attribute name (unknown names are added to the object type). */
    attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  })
  .strict();
export type AssetObjectInput = z.input<typeof assetObjectInputSchema>;

export const knobsPatchSchema = z
  .object({
    uploadLimitBytes: z.number().int().positive(),
    attachmentsEnabled: z.boolean(),
    maxFilesPerUpload: z.number().int().positive(),
    maxCommentsPerIssue: z.number().int().nonnegative(),
    maxAttachmentsPerIssue: z.number().int().nonnegative(),
    commentTextLimit: z.number().int().positive(),
    propertyValueLimitBytes: z.number().int().positive(),
    perIssueWriteLimit: z.object({ limit: z.number().int().positive(), windowMs: z.number().int().positive() }).strict().nullable(),
    assetsEnabled: z.boolean(),
    assetsAccessGroups: z.array(z.string()),
    appMayReadEmails: z.boolean(),
    clockOffsetMs: z.number().int(),
  })
  .partial()
  .strict();
export type KnobsPatch = z.input<typeof knobsPatchSchema>;

export const faultRuleSchema = z
  .object({
    id: z.string().optional(),
    path: z.string().optional(),
    method: z.string().optional(),
    /** Only requests whose query string (or form body) has each of these parameters with exactly this value. */
    query: z.record(z.string(), z.string()).optional(),
    status: z.number().int().min(100).max(599).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
    delayMs: z.number().int().nonnegative().optional(),
    count: z.number().int().positive().optional(),
    destroy: z.boolean().optional(),
    dropResponse: z.boolean().optional(),
  })
  .strict();

export const rateLimitFaultSchema = z
  .object({
    path: z.string().optional(),
    method: z.string().optional(),
    retryAfterSeconds: z.number().int().nonnegative().nullable().optional(),
    reason: z.enum(['jira-quota-global-based', 'jira-quota-tenant-based', 'jira-burst-based', 'jira-per-issue-on-write']).optional(),
    count: z.number().int().positive().optional(),
    limit: z.number().int().positive().optional(),
  })
  .strict();
export type RateLimitFaultInput = z.input<typeof rateLimitFaultSchema>;

export const appAssetsRoleSchema = z.object({ role: z.enum(ASSETS_ROLES).nullable() }).strict();

export type AppAssetsRoleInput = z.input<typeof appAssetsRoleSchema>;

export const clockAdvanceSchema = z.object({ ms: z.number().int() }).strict();

export const latencySchema = z.number().int().nonnegative();

/** Validates control input; a failure is a 400 ControlError listing the problems. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ControlError(400, z.prettifyError(result.error));
  return result.data;
}
