/**
 * Asks before importing a session again and says what will happen: a new set of comments and files,
 * then the earlier set the app wrote for this session is deleted; nothing a person wrote is touched.
 */
import React from 'react';
import { Button, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { PanelSession } from '../../sessions/issueSessions';

interface Props {
  session: PanelSession;
  issueKey: string;
  onConfirm(): void;
  onCancel(): void;
}

export const ReimportConfirm = ({ session, issueKey, onConfirm, onCancel }: Props) => (
  <SectionMessage appearance="warning" title={`Re-import the session on ${session.jumpItem ?? 'an unknown Jump Item'}?`}>
    <Stack space="space.100">
      <Text>{`The app reads the session from PRA again and writes its comments and files to ${issueKey} anew. Once the new ones are all on the ticket, it deletes the comments and files it wrote for this session before. Comments and files written by people are kept.`}</Text>
      <Inline space="space.100">
        <Button appearance="warning" onClick={onConfirm}>
          Re-import and replace
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  </SectionMessage>
);
