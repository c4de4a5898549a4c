/** Why no Jump can be offered: one message per error code, saying what to do. */
import React from 'react';
import { Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { JumpError } from '../../jump/contract';
import { ERROR_TITLES } from './labels';
import { CloseButton } from './JumpAction';

const APPEARANCE: Record<string, 'information' | 'warning' | 'error'> = {
  DISABLED: 'warning',
  NOT_CONFIGURED: 'warning',
  FIELD_MISSING: 'warning',
  FIELD_UNSUPPORTED: 'warning',
  FIELD_EMPTY: 'information',
};

export const JumpProblem = ({ error }: { error: JumpError }) => (
  <Stack space="space.150">
    <SectionMessage appearance={APPEARANCE[error.code] ?? 'error'} title={ERROR_TITLES[error.code] ?? ERROR_TITLES.ERROR}>
      <Text>{error.message}</Text>
    </SectionMessage>
    <Inline alignInline="end">
      <CloseButton />
    </Inline>
  </Stack>
);
