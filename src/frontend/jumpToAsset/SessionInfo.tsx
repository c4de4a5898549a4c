/** The session about to start: ticket, asset, appliance and how it opens. */
import React from 'react';
import { Inline, Lozenge, Stack, Text } from '@forge/react';
import type { JumpAsset, JumpInfo } from '../../jump/contract';
import { MODE_LABELS } from './labels';

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Inline space="space.100" alignBlock="center">
    <Text weight="bold">{`${label}:`}</Text>
    {children}
  </Inline>
);

export const SessionInfo = ({ info, asset }: { info: JumpInfo; asset: JumpAsset }) => {
  const mode = MODE_LABELS[info.mode];
  return (
    <Stack space="space.100">
      <Row label="Ticket">
        <Text>{info.summary ? `${info.issueKey} · ${info.summary}` : info.issueKey}</Text>
      </Row>
      <Row label="Asset">
        <Text>{asset.name}</Text>
        <Lozenge appearance={asset.source === 'assets' ? 'new' : 'default'}>
          {asset.source === 'assets' ? `Jira Assets${asset.objectKey ? ` ${asset.objectKey}` : ''}` : info.fieldName}
        </Lozenge>
      </Row>
      <Row label="Appliance">
        <Text>{info.appliance}</Text>
      </Row>
      <Row label="Mode">
        <Text>{`${mode.name}: ${mode.description}`}</Text>
      </Row>
    </Stack>
  );
};
