import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { shortLsid } from './SessionId';
import type { ImportSummary } from './types';

type Props = {
  summary: ImportSummary;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before importing a session again, because that writes a second set of comments to the ticket. */
export function ReimportConfirm({ summary, onConfirm, onCancel }: Props) {
  const ticket = summary.ticketKey ?? 'the ticket';
  return (
    <SectionMessage appearance="warning" title={`Import session ${shortLsid(summary.lsid)} again?`} headingLevel="h3">
      <Stack space="space.150">
        <Text as="p">
          This writes a new set of comments (and attachments) for the session to {ticket}. The comments of the earlier
          import stay on the ticket.
        </Text>
        <Inline space="space.100">
          <Button appearance="warning" onClick={onConfirm}>
            Yes, import again
          </Button>
          <Button appearance="subtle" onClick={onCancel} autoFocus>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
}
