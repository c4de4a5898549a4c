/**
 * The app's settings (product-spec "Configure the Jira App", plus the options the approval and import
 * features need), their defaults and their validation. The client secret is not part of Settings: it is
 * stored separately with kvs.setSecret and never leaves the backend.
 */
import { z } from 'zod';
import { hostNameProblem, normalizeHostName } from './hostName';
import { CHANGE_WINDOW_GRACE_LIMIT, RECORDING_MAX_MB_LIMIT, SETTINGS_MESSAGES } from './settingsMessages';

export const DEFAULT_INACTIVE_STATUS_NAMES = ['Closed', 'Resolved', 'Done', 'Cancelled', 'Canceled', 'Declined', "Won't Do"];
export const DEFAULT_INACTIVE_RESOLUTION_NAMES = ["Won't Do", 'Declined', 'Cancelled', 'Canceled', 'Duplicate'];

/** Change windows (issue 15): the issue types they apply to by default. */
export const DEFAULT_CHANGE_WINDOW_ISSUE_TYPES = ['Change'];

const nameList = z.array(z.string().trim().min(1).max(100)).max(50);

export const settingsSchema = z
  .object({
    enabled: z.boolean(),
    hostName: z.string().max(300).transform(normalizeHostName),
    clientId: z.string().trim().max(256, 'The Client ID is at most 256 characters.'),
    assetFieldName: z.string().trim().max(255, 'The field name is at most 255 characters.'),
    useWebConsole: z.boolean(),
    autoAssociateUser: z.boolean(),
    excludedEventTypes: z.array(z.string().trim().min(1).max(120)).max(200),
    attachRecordings: z.boolean(),
    recordingMaxMb: z
      .number(SETTINGS_MESSAGES.recordingMaxMb)
      .int(SETTINGS_MESSAGES.recordingMaxMb)
      .min(1, SETTINGS_MESSAGES.recordingMaxMb)
      .max(RECORDING_MAX_MB_LIMIT, SETTINGS_MESSAGES.recordingMaxMb),
    requireAssetMatch: z.boolean(),
    commentOnApproval: z.boolean(),
    inactiveStatusNames: nameList,
    inactiveResolutionNames: nameList,
    requireChangeWindow: z.boolean(),
    changeWindowStartField: z.string().trim().max(255, 'The field name is at most 255 characters.'),
    changeWindowEndField: z.string().trim().max(255, 'The field name is at most 255 characters.'),
    changeWindowIssueTypes: nameList,
    changeWindowGraceMinutes: z
      .number(SETTINGS_MESSAGES.changeWindowGraceMinutes)
      .int(SETTINGS_MESSAGES.changeWindowGraceMinutes)
      .min(0, SETTINGS_MESSAGES.changeWindowGraceMinutes)
      .max(CHANGE_WINDOW_GRACE_LIMIT, SETTINGS_MESSAGES.changeWindowGraceMinutes),
    changeWindowStatuses: nameList,
  })
  .superRefine((s, ctx) => {
    if (!s.changeWindowStartField !== !s.changeWindowEndField) {
      const path = s.changeWindowStartField ? 'changeWindowEndField' : 'changeWindowStartField';
      ctx.addIssue({ code: 'custom', path: [path], message: SETTINGS_MESSAGES.changeWindowFieldPair });
    }
    if (s.requireChangeWindow && s.changeWindowIssueTypes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['changeWindowIssueTypes'], message: SETTINGS_MESSAGES.changeWindowIssueTypes });
    }
    const hostProblem = s.hostName ? hostNameProblem(s.hostName) : undefined;
    if (hostProblem) ctx.addIssue({ code: 'custom', path: ['hostName'], message: hostProblem });
    if (!s.enabled) return;
    if (!s.hostName) ctx.addIssue({ code: 'custom', path: ['hostName'], message: hostNameProblem('')! });
    if (!s.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: SETTINGS_MESSAGES.clientIdRequired });
    if (!s.assetFieldName) {
      ctx.addIssue({ code: 'custom', path: ['assetFieldName'], message: SETTINGS_MESSAGES.assetFieldNameRequired });
    }
  });

export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  enabled: false,
  hostName: '',
  clientId: '',
  assetFieldName: '',
  useWebConsole: true,
  autoAssociateUser: false,
  excludedEventTypes: [],
  attachRecordings: false,
  recordingMaxMb: 10,
  requireAssetMatch: true,
  commentOnApproval: false,
  inactiveStatusNames: DEFAULT_INACTIVE_STATUS_NAMES,
  inactiveResolutionNames: DEFAULT_INACTIVE_RESOLUTION_NAMES,
  requireChangeWindow: false,
  changeWindowStartField: '',
  changeWindowEndField: '',
  changeWindowIssueTypes: DEFAULT_CHANGE_WINDOW_ISSUE_TYPES,
  changeWindowGraceMinutes: 15,
  changeWindowStatuses: [],
};

export type FieldErrors = Partial<Record<keyof Settings | 'clientSecret', string>>;

export type ParsedSettings = { ok: true; settings: Settings } | { ok: false; fieldErrors: FieldErrors };

/** Validates settings sent by the configuration page; unknown fields are dropped, missing ones take defaults. */
export function parseSettings(input: unknown): ParsedSettings {
  const merged = { ...DEFAULT_SETTINGS, ...(input && typeof input === 'object' ? (input as Record<string, unknown>) : {}) };
  const result = settingsSchema.safeParse(merged);
  if (result.success) {
    return { ok: true, settings: { ...result.data, excludedEventTypes: [...new Set(result.data.excludedEventTypes)] } };
  }
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'settings') as keyof FieldErrors;
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
