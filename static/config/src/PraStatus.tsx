import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { Check } from './Check';
import type { Health } from './types';

type Pra = Health['pra'];

const STATUS: Record<Pra['status'], { label: string; appearance: ThemeAppearance }> = {
  ok: { label: 'reachable', appearance: 'success' },
  error: { label: 'problem', appearance: 'removed' },
  'not-configured': { label: 'not configured', appearance: 'default' },
};

/** Whether PRA answers the app (and why not), the appliance's API version, and whether the app got a token. */
export function PraStatus({ pra }: { pra: Pra }) {
  const { label, appearance } = STATUS[pra.status];
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance={appearance}>{label}</Lozenge>
        {pra.status !== 'ok' && <Text>{pra.message}</Text>}
      </Inline>
      <Text>API version: {pra.apiVersion ?? 'unknown'}</Text>
      <Check ok={pra.tokenValid} label={pra.tokenValid ? 'Token valid' : 'No valid token'} />
    </Stack>
  );
}
