/**
 * The Jump Items PRA lists for the asset (only rendered when PRA could be asked): lets the technician
 * see before jumping whether the asset exists in PRA.
 */
import React from 'react';
import { List, ListItem, SectionMessage, Stack, Text } from '@forge/react';
import type { JumpAsset, JumpItemSummary } from '../../jump/contract';
import { jumpItemTypeLabel } from './labels';

const describe = (item: JumpItemSummary): string =>
  [item.name, item.hostname && item.hostname !== item.name ? item.hostname : undefined, jumpItemTypeLabel(item.type)].filter(Boolean).join(' · ');

export const JumpItemList = ({ asset, items }: { asset: JumpAsset; items: JumpItemSummary[] }) => {
  if (items.length === 0) {
    return (
      <SectionMessage appearance="warning" title="No matching Jump Item in PRA">
        <Text>{`No Jump Item in BeyondTrust PRA is named "${asset.name}" or has it as host name. The Jump also searches parts of host names and comments, so it may still find one.`}</Text>
      </SectionMessage>
    );
  }
  return (
    <Stack space="space.050">
      <Text weight="bold">{items.length === 1 ? 'Jump Item in PRA:' : `Jump Items in PRA (${items.length}${asset.jumpItemsTruncated ? '+' : ''}):`}</Text>
      <List type="unordered">
        {items.map((item) => (
          <ListItem key={`${item.type}:${item.id}`}>
            <Text>{describe(item)}</Text>
          </ListItem>
        ))}
      </List>
    </Stack>
  );
};
