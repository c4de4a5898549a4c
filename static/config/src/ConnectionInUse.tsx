import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { formatUtc } from './time';
import type { ConfigView } from './types';

type Props = { connection: NonNullable<ConfigView['connectionInUse']> };

/**
 * Says which connection the integration uses while the saved Host Name, Client ID or Client Secret have
 * not validated: the last one that did, kept so a typo never stops imports, Jump to Asset or approvals.
 */
export function ConnectionInUse({ connection }: Props) {
  return (
    <SectionMessage appearance="warning" title="The last working connection is still in use" headingLevel="h2">
      <Stack space="space.100">
        <Text as="p">
          The Host Name, Client ID or Client Secret saved above did not validate, so the integration keeps using the
          connection that last did: Host Name <strong>{connection.hostName}</strong>, Client ID{' '}
          <strong>{connection.clientId}</strong> and the client secret saved with them (validated{' '}
          {formatUtc(connection.validatedAt)}).
        </Text>
        <Text as="p">Save settings that validate, or use Test connection once the appliance answers, to switch to the saved ones.</Text>
      </Stack>
    </SectionMessage>
  );
}
