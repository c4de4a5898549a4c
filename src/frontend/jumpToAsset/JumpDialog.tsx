/** The dialog once the Jump information is ready. */
import React, { useState } from 'react';
import { SectionMessage, Stack, Text } from '@forge/react';
import type { JumpInfo } from '../../jump/contract';
import { AssetChooser } from './AssetChooser';
import { SessionInfo } from './SessionInfo';
import { JumpItemList } from './JumpItemList';
import { JumpAction } from './JumpAction';

export const JumpDialog = ({ info }: { info: JumpInfo }) => {
  const [selected, setSelected] = useState(0);
  const asset = info.assets[selected] ?? info.assets[0];
  if (!asset) return null;
  return (
    <Stack space="space.200">
      {info.assets.length > 1 && <AssetChooser assets={info.assets} selected={selected} onSelect={setSelected} />}
      <SessionInfo info={info} asset={asset} />
      {asset.jumpItems && <JumpItemList asset={asset} items={asset.jumpItems} />}
      {asset.jumpItemsUnavailable && (
        <SectionMessage appearance="information" title="PRA could not be asked about Jump Items">
          <Text>{`BeyondTrust PRA did not say which Jump Items match ${asset.name} (it did not answer in time, refused the app's credentials, or the API account has no Configuration API access). The Jump link still works: PRA looks for the asset when you jump.`}</Text>
        </SectionMessage>
      )}
      <JumpAction asset={asset} issueKey={info.issueKey} />
    </Stack>
  );
};
