import SectionMessage, { type Appearance } from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { formatUtc } from './time';
import type { Validation, ValidationCause, ValidationStatus } from './types';

const PRESENTATION: Record<ValidationStatus, { title: string; appearance: Appearance }> = {
  valid: { title: 'Configuration Valid', appearance: 'success' },
  invalid: { title: 'Configuration Invalid', appearance: 'error' },
  unchecked: { title: 'Configuration Not Checked', appearance: 'information' },
};

const API_CONFIGURATION = 'PRA /login > Management > API Configuration';

/** What to check, for each cause of an invalid configuration (only the advice that applies). */
export const ADVICE: Record<ValidationCause, string> = {
  missing: 'Fill in the Host Name, Client ID and Client Secret of the PRA API account.',
  egress:
    "This deployment of the app may not call that host. Use the appliance's host name, or ask whoever deployed the app to allow it in manifest.yml (permissions.external.fetch.backend).",
  unreachable:
    "Check that the Host Name is the appliance's host name only (no https://, no path) and that the appliance accepts HTTPS (port 443) from the internet (Jira Cloud).",
  credentials: `Check that the Client ID and Client Secret match the OAuth API account in ${API_CONFIGURATION}, and that the account is enabled.`,
  api: `In ${API_CONFIGURATION}, tick Enable XML API and save.`,
  permissions: `In ${API_CONFIGURATION}, give the API account Command API: Full Access and Reporting API: Allow Access to Access Session Reports and Recordings.`,
  assetField: 'Enter the Asset Field Name exactly as Jira shows the field on the ticket (case-sensitive), for example Asset Name or Assets.',
  assetsRole:
    'In Jira Assets, give the BeyondTrust PRA app an Assets role (Users is enough) so that endpoint approval can read the Assets objects on a ticket; then check the connection again.',
  changeWindowFields:
    'Enter the two change window field names exactly as Jira shows them on a change ticket (case-sensitive), for example Planned start and Planned end, or leave both empty to use the first pair found.',
  unexpected:
    'Check that the Host Name is correct and reachable from Jira Cloud over HTTPS, that the Client ID and Client Secret match the PRA OAuth API account, and that the account has Command API and Reporting API access.',
};

type Props = {
  validation: Validation;
  /** What this result is about, e.g. "Result of the last save" (so an older result is never mistaken for a new one). */
  caption?: string;
};

/** The result of checking the configuration against PRA: "Configuration Valid" or "Configuration Invalid". */
export function ValidationResult({ validation, caption }: Props) {
  const { title, appearance } = PRESENTATION[validation.status];
  const details = validation.details ?? [];
  return (
    <SectionMessage appearance={appearance} title={title} headingLevel="h2">
      <Stack space="space.100">
        {caption && (
          <Text as="strong" size="small">
            {caption}
          </Text>
        )}
        <Text as="p">{validation.message}</Text>
        {details.length > 0 && (
          <ul>
            {details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        )}
        {validation.status === 'invalid' && (
          <Text as="p" color="color.text.subtle">
            {ADVICE[validation.cause ?? 'unexpected']}
          </Text>
        )}
        {validation.checkedAt && (
          <Text as="p" size="small" color="color.text.subtle">
            Checked {formatUtc(validation.checkedAt)}
          </Text>
        )}
      </Stack>
    </SectionMessage>
  );
}
