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

/** Asks before importing a session again, saying that the new set replaces the earlier one once complete. */
export function ReimportConfirm({ summary, onConfirm, onCancel }: Props) {
  const ticket = summary.ticketKey ?? 'the ticket';
  return (
    <SectionMessage appearance="warning" title={`Import session ${shortLsid(summary.lsid)} again?`} headingLevel="h3">
      <Stack space="space.150">
        <Text as="p">
          This reads the session from PRA again and writes a new set of comments (and attachments) to {ticket}. Once
          the new set is complete, the app deletes the comments and attachments it wrote for this session before.
          Comments and files written by people are kept.
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
