/**
 * The contract of the configuration page's resolver (`pra-config-page`): for every function, the zod
 * schema of its payload and of its successful answer. The resolver (src/resolvers/configResolver.ts)
 * parses every payload with `input` and is type-checked against `output`; the page
 * (static/config/src/api.ts) sends payloads typed by `input` and parses every answer with `output`, so
 * the two cannot drift apart. Pure: zod only, and types (never runtime code) from the use cases, so it is
 * safe in the page's bundle.
 */
import { z } from 'zod';
import type { ApprovalRecord } from '../approval/audit';
import type { ConfigView } from '../config/configuration';
import type { Settings } from '../config/settings';
import type { ValidationResult } from '../config/store';
import type { Health } from '../health/health';
import type { ImportSummary } from '../import/activity';
import type { LoggedEvent } from '../import/eventLog';

export const TRIGGER_KINDS = ['outboundEvent', 'endpointApproval'] as const;
export type UrlKind = (typeof TRIGGER_KINDS)[number];

/** Failure codes a resolver function answers with (the page adds BRIDGE_ERROR and BAD_RESPONSE). */
export type ResolverErrorCode = 'FORBIDDEN' | 'INVALID_INPUT' | 'INTERNAL';
export type ResolverFailure = {
  ok: false;
  error: { code: ResolverErrorCode; message: string };
  fieldErrors?: Partial<Record<keyof Settings | 'clientSecret', string>>;
};

export const CONTRACT_MESSAGES = {
  forbidden: 'Only Jira administrators can view or change the BeyondTrust PRA configuration.',
  whichUrl: 'Choose which URL to regenerate: outboundEvent or endpointApproval.',
  lsid: 'That is not a PRA session ID (32 hexadecimal characters).',
  limit: 'The number of decisions to list is a whole number from 1 to 100.',
  cursor: 'The "Load more" position is not valid: reload the decisions.',
  clientSecret: 'The Client Secret must be text.',
  settings: 'The settings must be an object with one value per setting.',
} as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** No payload: anything sent is ignored (Forge passes `{}` when the page sends nothing). */
const noInput = z.object({});

// ---- Outputs ----------------------------------------------------------------------------------

const settingsShape: z.ZodType<Settings> = z.object({
  enabled: z.boolean(),
  hostName: z.string(),
  clientId: z.string(),
  assetFieldName: z.string(),
  useWebConsole: z.boolean(),
  autoAssociateUser: z.boolean(),
  excludedEventTypes: z.array(z.string()),
  attachRecordings: z.boolean(),
  recordingMaxMb: z.number(),
  requireAssetMatch: z.boolean(),
  commentOnApproval: z.boolean(),
  inactiveStatusNames: z.array(z.string()),
  inactiveResolutionNames: z.array(z.string()),
  requireChangeWindow: z.boolean(),
  changeWindowStartField: z.string(),
  changeWindowEndField: z.string(),
  changeWindowIssueTypes: z.array(z.string()),
  changeWindowGraceMinutes: z.number(),
  changeWindowStatuses: z.array(z.string()),
});

const validationShape: z.ZodType<ValidationResult> = z.object({
  status: z.enum(['valid', 'invalid', 'unchecked']),
  message: z.string(),
  cause: z.enum(['missing', 'egress', 'unreachable', 'credentials', 'api', 'permissions', 'assetField', 'assetsRole', 'changeWindowFields', 'unexpected']).optional(),
  details: z.array(z.string()).optional(),
  checkedAt: z.string().optional(),
  apiVersion: z.string().optional(),
});

const configViewShape: z.ZodType<ConfigView> = z.object({
  settings: settingsShape,
  clientSecretSet: z.boolean(),
  eventTypeOptions: z.array(z.string()),
  validation: validationShape,
  urls: z.object({ outboundEventUrl: z.string(), endpointApprovalUrl: z.string() }).nullable(),
  customLinkUrl: z.string(),
  connectionInUse: z.object({ hostName: z.string(), clientId: z.string(), validatedAt: z.string(), isSaved: z.boolean() }).nullable(),
});

/** List items are checked for being records; their fields are the use cases' own types. */
const item = <T>() => z.custom<T>(isRecord);

const healthShape = z.looseObject({
  checkedAt: z.string(),
  importsWaiting: z.number(),
  importsFailed: z.number(),
  pra: z.looseObject({ status: z.enum(['ok', 'error', 'not-configured']), message: z.string(), tokenValid: z.boolean() }),
  jiraPermissions: z.array(z.looseObject({ key: z.string(), label: z.string(), granted: z.boolean() })),
  warnings: z.array(z.string()),
});
const health = z.custom<Health>((value) => healthShape.safeParse(value).success);

const viewAnswer = z.object({ ok: z.literal(true), view: configViewShape });
const actionAnswer = z.object({ ok: z.literal(true), message: z.string() });

// ---- The functions ----------------------------------------------------------------------------

/**
 * Every function of the configuration page's resolver. Adding one here is the only way to add one to
 * the resolver, where it is admin-only unless the resolver's table marks it open.
 */
export const CONFIG_CONTRACT = {
  getConfiguration: { input: noInput, output: viewAnswer },
  saveConfiguration: {
    input: z.object({
      // Checked field by field by the use case (parseSettings), so each problem is reported under its field.
      settings: z.custom<Partial<Settings>>((value) => value === undefined || isRecord(value), CONTRACT_MESSAGES.settings).optional(),
      /** Omitted or empty: keep the stored secret (only for the host it was saved with). */
      clientSecret: z.string(CONTRACT_MESSAGES.clientSecret).optional(),
    }),
    output: viewAnswer,
  },
  validateConfiguration: { input: noInput, output: viewAnswer },
  regenerateUrl: { input: z.object({ which: z.enum(TRIGGER_KINDS, CONTRACT_MESSAGES.whichUrl) }), output: viewAnswer },
  listApprovalDecisions: {
    input: z.object({
      limit: z.number(CONTRACT_MESSAGES.limit).int(CONTRACT_MESSAGES.limit).min(1, CONTRACT_MESSAGES.limit).max(100, CONTRACT_MESSAGES.limit).optional(),
      cursor: z.string(CONTRACT_MESSAGES.cursor).max(1000, CONTRACT_MESSAGES.cursor).optional(),
    }),
    output: z.object({ ok: z.literal(true), decisions: z.array(item<ApprovalRecord>()), nextCursor: z.string().optional() }),
  },
  getHealth: { input: noInput, output: z.object({ ok: z.literal(true), health }) },
  listImportActivity: {
    input: noInput,
    output: z.object({ ok: z.literal(true), imports: z.array(item<ImportSummary>()), events: z.array(item<LoggedEvent>()) }),
  },
  retryImport: { input: z.object({ lsid: z.string(CONTRACT_MESSAGES.lsid).max(64, CONTRACT_MESSAGES.lsid) }), output: actionAnswer },
  reimportSession: { input: z.object({ lsid: z.string(CONTRACT_MESSAGES.lsid).max(64, CONTRACT_MESSAGES.lsid) }), output: actionAnswer },
} as const;

export type ConfigFunction = keyof typeof CONFIG_CONTRACT;
/** What the page sends to a function. */
export type ConfigInput<F extends ConfigFunction> = z.input<(typeof CONFIG_CONTRACT)[F]['input']>;
/** What a function receives after its payload was parsed. */
export type ConfigParsedInput<F extends ConfigFunction> = z.output<(typeof CONFIG_CONTRACT)[F]['input']>;
/** A function's successful answer. */
export type ConfigSuccess<F extends ConfigFunction> = z.output<(typeof CONFIG_CONTRACT)[F]['output']>;
/** Everything a function may answer. */
export type ConfigAnswer<F extends ConfigFunction> = ConfigSuccess<F> | ResolverFailure;
