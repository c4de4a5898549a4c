/**
 * The form's editable copy of the settings: numbers and name lists are kept as the text the admin
 * typed, and converted back (trimmed, parsed, de-duplicated) when saving.
 */
import type { Settings } from './types';

export type Draft = Omit<Settings, 'recordingMaxMb' | 'inactiveStatusNames' | 'inactiveResolutionNames'> & {
  recordingMaxMb: string;
  /** Comma-separated. */
  inactiveStatusNames: string;
  /** Comma-separated. */
  inactiveResolutionNames: string;
  /** New client secret; empty keeps the stored one. */
  clientSecret: string;
};

export function toDraft(settings: Settings): Draft {
  return {
    ...settings,
    recordingMaxMb: String(settings.recordingMaxMb),
    inactiveStatusNames: settings.inactiveStatusNames.join(', '),
    inactiveResolutionNames: settings.inactiveResolutionNames.join(', '),
    clientSecret: '',
  };
}

export function fromDraft(draft: Draft): { settings: Settings; clientSecret: string } {
  const mb = draft.recordingMaxMb.trim();
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
