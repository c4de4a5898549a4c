import SectionMessage, { type Appearance } from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { formatUtc } from './time';
import type { Validation, ValidationStatus } from './types';

const PRESENTATION: Record<ValidationStatus, { title: string; appearance: Appearance }> = {
  valid: { title: 'Configuration Valid', appearance: 'success' },
  invalid: { title: 'Configuration Invalid', appearance: 'error' },
  unchecked: { title: 'Configuration Not Checked', appearance: 'information' },
};

const INVALID_HINT =
  'Check that the Host Name is correct and reachable from Jira Cloud over HTTPS, that the Client ID and ' +
  'Client Secret match the PRA OAuth API account, and that the account has Command API and Reporting API access.';

/** The result of checking the configuration against PRA: "Configuration Valid" or "Configuration Invalid". */
export function ValidationResult({ validation }: { validation: Validation }) {
  const { title, appearance } = PRESENTATION[validation.status];
  const details = validation.details ?? [];
  return (
    <SectionMessage appearance={appearance} title={title} headingLevel="h2">
      <Stack space="space.100">
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
            {INVALID_HINT}
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
