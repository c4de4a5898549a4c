import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { getHealth } from './api';
import { HealthSummary } from './HealthSummary';
import { HealthWarnings } from './HealthWarnings';
import { Loadable } from './Loadable';
import { formatUtc } from './time';
import { isBusy, useLoad } from './useLoad';

/** The Health tab: the warnings first, then what was last seen and checked, with "Check again". */
export function HealthPanel() {
  const { state, reload } = useLoad(getHealth);
  return (
    <Stack space="space.300">
      <Inline spread="space-between" alignBlock="center" space="space.200">
        <Text as="p" color="color.text.subtle">
          {state.status === 'ready'
            ? `Checked ${formatUtc(state.data.health.checkedAt)}.`
            : 'Checks PRA and Jira, and reads what the app recorded.'}
        </Text>
        <Button onClick={() => void reload()} isLoading={isBusy(state)}>
          Check again
        </Button>
      </Inline>
      <Loadable state={state} what="integration health" onRetry={() => void reload()}>
        {({ health }) => (
          <Stack space="space.300">
            <HealthWarnings warnings={health.warnings} />
            <HealthSummary health={health} />
          </Stack>
        )}
      </Loadable>
    </Stack>
  );
}
