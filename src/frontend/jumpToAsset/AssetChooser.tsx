/** Several assets on the ticket: the technician picks the one to connect to. */
import React from 'react';
import { RadioGroup, Stack, Text } from '@forge/react';
import type { JumpAsset } from '../../jump/contract';

export const assetLabel = (asset: JumpAsset): string => (asset.objectKey ? `${asset.name} (${asset.objectKey})` : asset.name);

interface Props {
  assets: JumpAsset[];
  selected: number;
  onSelect(index: number): void;
}

export const AssetChooser = ({ assets, selected, onSelect }: Props) => (
  <Stack space="space.050">
    <Text weight="bold">{`This ticket has ${assets.length} assets. Choose the one to connect to:`}</Text>
    <RadioGroup
      name="asset"
      value={String(selected)}
      options={assets.map((asset, index) => ({ label: assetLabel(asset), value: String(index) }))}
      onChange={(event) => onSelect(Number(event.target.value))}
    />
  </Stack>
);
