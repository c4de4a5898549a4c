/**
 * The main action: a primary "Jump to <asset>" link button (a new tab: the web console, or the session
 * file download), as Atlassian's modal pattern has it, with Close beside it; or why there is no link.
 */
import React from 'react';
import { Button, Inline, LinkButton, SectionMessage, Stack, Text } from '@forge/react';
import { view } from '@forge/bridge';
import type { JumpAsset } from '../../jump/contract';

export const CloseButton = () => (
  <Button appearance="subtle" onClick={() => void view.close()}>
    Close
  </Button>
);

export const JumpAction = ({ asset, issueKey }: { asset: JumpAsset; issueKey: string }) => (
  <Stack space="space.150">
    {asset.jumpUrl ? (
      <Text color="color.text.subtle">{`The session is linked to ${issueKey}: when it ends, its details are added to this ticket.`}</Text>
    ) : (
      <SectionMessage appearance="error" title={`No Jump link for ${asset.name.length > 60 ? `${asset.name.slice(0, 60)}…` : asset.name}`}>
        <Text>{asset.problem ?? 'No Jump link could be created for this asset.'}</Text>
      </SectionMessage>
    )}
    <Inline space="space.100" alignInline="end">
      <CloseButton />
      {asset.jumpUrl && (
        <LinkButton appearance="primary" href={asset.jumpUrl} target="_blank">
          {`Jump to ${asset.name}`}
        </LinkButton>
      )}
    </Inline>
  </Stack>
);
