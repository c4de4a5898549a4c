/** The "Jump to <asset>" link (a new tab: the web console, or the session file download), or why there is none. */
import React from 'react';
import { Button, Inline, Link, SectionMessage, Stack, Text } from '@forge/react';
import { view } from '@forge/bridge';
import type { JumpAsset } from '../../jump/contract';

export const JumpAction = ({ asset, issueKey }: { asset: JumpAsset; issueKey: string }) => (
  <Stack space="space.150">
    {asset.jumpUrl ? (
      <Stack space="space.050">
        <Text weight="bold">
          <Link href={asset.jumpUrl} openNewTab>{`Jump to ${asset.name}`}</Link>
        </Text>
        <Text color="color.text.subtle">{`The session is linked to ${issueKey}: when it ends, its details are added to this ticket.`}</Text>
      </Stack>
    ) : (
      <SectionMessage appearance="error" title={`No Jump link for ${asset.name.length > 60 ? `${asset.name.slice(0, 60)}…` : asset.name}`}>
        <Text>{asset.problem ?? 'No Jump link could be created for this asset.'}</Text>
      </SectionMessage>
    )}
    <Inline alignInline="end">
      <Button appearance="subtle" onClick={() => void view.close()}>
        Close
      </Button>
    </Inline>
  </Stack>
);
