/**
 * Messages for settings that are required or bounded, shared by the server-side schema and the
 * configuration page so both say the same thing. Pure: no I/O.
 */
export const SETTINGS_MESSAGES = {
  clientIdRequired: 'Enter the OAuth Client ID of the PRA API account.',
  clientSecretRequired: 'Enter the OAuth Client Secret of the PRA API account.',
  /** The Host Name changed while a secret is stored: the stored secret stays with the host it was saved for. */
  clientSecretForNewHost: (hostName: string) =>
    `The Host Name changed: enter the Client Secret again for ${hostName}. The stored secret is only ever sent to the host it was saved with.`,
  assetFieldNameRequired: 'Enter the name of the Jira field that holds the asset (for example Asset Name or Assets).',
  recordingMaxMb: 'Enter a whole number of megabytes from 1 to 100 (the app holds a recording in memory while it attaches it).',
  changeWindowGraceMinutes: 'Enter a whole number of minutes from 0 to 1440 (24 hours).',
  changeWindowFieldPair: 'Enter both window field names, or leave both empty to use Planned start / Planned end (or Change start date / Change completion date).',
  changeWindowIssueTypes: 'Enter at least one issue type that the change window applies to (for example Change).',
} as const;

export const CHANGE_WINDOW_GRACE_LIMIT = 1440;

export const RECORDING_MAX_MB_LIMIT = 100;
