/**
 * The form's editable copy of the settings: numbers and name lists are kept as the text the admin
 * typed, and converted back (trimmed, parsed, de-duplicated) when saving.
 */
import type { Settings } from './types';

export type Draft = Omit<
  Settings,
  'recordingMaxMb' | 'inactiveStatusNames' | 'inactiveResolutionNames' | 'changeWindowIssueTypes' | 'changeWindowGraceMinutes' | 'changeWindowStatuses'
> & {
  recordingMaxMb: string;
  /** Comma-separated. */
  inactiveStatusNames: string;
  /** Comma-separated. */
  inactiveResolutionNames: string;
  /** Comma-separated. */
  changeWindowIssueTypes: string;
  changeWindowGraceMinutes: string;
  /** Comma-separated. */
  changeWindowStatuses: string;
  /** New client secret; empty keeps the stored one. */
  clientSecret: string;
};

export function toDraft(settings: Settings): Draft {
  return {
    ...settings,
    recordingMaxMb: String(settings.recordingMaxMb),
    inactiveStatusNames: settings.inactiveStatusNames.join(', '),
    inactiveResolutionNames: settings.inactiveResolutionNames.join(', '),
    changeWindowIssueTypes: settings.changeWindowIssueTypes.join(', '),
    changeWindowGraceMinutes: String(settings.changeWindowGraceMinutes),
    changeWindowStatuses: settings.changeWindowStatuses.join(', '),
    clientSecret: '',
  };
}

export function fromDraft(draft: Draft): { settings: Settings; clientSecret: string } {
  const mb = draft.recordingMaxMb.trim();
  const grace = draft.changeWindowGraceMinutes.trim();
  return {
    settings: {
      enabled: draft.enabled,
      hostName: draft.hostName.trim(),
      clientId: draft.clientId.trim(),
      assetFieldName: draft.assetFieldName.trim(),
      useWebConsole: draft.useWebConsole,
      autoAssociateUser: draft.autoAssociateUser,
      excludedEventTypes: draft.excludedEventTypes,
      attachRecordings: draft.attachRecordings,
      recordingMaxMb: mb === '' ? Number.NaN : Number(mb),
      requireAssetMatch: draft.requireAssetMatch,
      commentOnApproval: draft.commentOnApproval,
      inactiveStatusNames: parseNameList(draft.inactiveStatusNames),
      inactiveResolutionNames: parseNameList(draft.inactiveResolutionNames),
      requireChangeWindow: draft.requireChangeWindow,
      changeWindowStartField: draft.changeWindowStartField.trim(),
      changeWindowEndField: draft.changeWindowEndField.trim(),
      changeWindowIssueTypes: parseNameList(draft.changeWindowIssueTypes),
      changeWindowGraceMinutes: grace === '' ? Number.NaN : Number(grace),
      changeWindowStatuses: parseNameList(draft.changeWindowStatuses),
    },
    clientSecret: draft.clientSecret.trim(),
  };
}

/** "Closed, Done,, Done " → ["Closed", "Done"] */
function parseNameList(text: string): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return [...new Set(names)];
}
