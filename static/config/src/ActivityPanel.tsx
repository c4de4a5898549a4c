import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ActionOutcome } from './ActionMessage';
import { listApprovalDecisions, listImportActivity, reimportSession, retryImport } from './api';
import { ApprovalDecisions } from './ApprovalDecisions';
import { EventsNotImported } from './EventsNotImported';
import { Loadable } from './Loadable';
import { RecentImports } from './RecentImports';
import type { ActionDone, DecisionPage, Result } from './types';
import { isBusy, useLoad } from './useLoad';

/** The table an action was started from, where its result is shown. */
type Table = 'imports' | 'events';

/** The Activity tab: recent imports, events not imported and recent approval decisions, with Refresh. */
export function ActivityPanel() {
  const activity = useLoad(listImportActivity);
  const decisions = useLoad(listApprovalDecisions);
  const [pendingLsid, setPendingLsid] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<(ActionOutcome & { table: Table }) | null>(null);

  /** Runs Retry, Import again or Import, shows what it did next to its table, then lists the imports again. */
  async function act(table: Table, action: (lsid: string) => Promise<Result<ActionDone>>, lsid: string) {
    setPendingLsid(lsid);
    setOutcome(null);
    const result = await action(lsid);
    setOutcome({ table, ok: result.ok, message: result.ok ? result.message : result.error.message });
    await activity.reload();
    setPendingLsid(null);
  }

  function refresh() {
    setOutcome(null);
    void activity.reload();
    void decisions.reload();
  }

  const refreshing = isBusy(activity.state) || isBusy(decisions.state);
  const outcomeOf = (table: Table) => (outcome?.table === table ? outcome : undefined);
  const appendDecisions = (next: DecisionPage) =>
    decisions.update((shown) => ({ decisions: [...shown.decisions, ...next.decisions], nextCursor: next.nextCursor }));

  return (
    <Stack space="space.300">
      <Inline spread="space-between" alignBlock="center" space="space.200">
        <Text as="p" color="color.text.subtle">
          What the app did with PRA's outbound events and endpoint-approval requests. Times are in UTC.
        </Text>
        <Button onClick={refresh} isLoading={refreshing} isDisabled={pendingLsid !== null}>
          Refresh
        </Button>
      </Inline>
      <Loadable state={activity.state} what="import activity" onRetry={() => void activity.reload()}>
        {({ imports, events }) => (
          <Stack space="space.400">
            <RecentImports
              imports={imports}
              outcome={outcomeOf('imports')}
              pendingLsid={pendingLsid}
              onRetry={(lsid) => void act('imports', retryImport, lsid)}
              onReimport={(lsid) => void act('imports', reimportSession, lsid)}
            />
            <EventsNotImported
              events={events}
              importedLsids={new Set(imports.map((summary) => summary.lsid))}
              outcome={outcomeOf('events')}
              pendingLsid={pendingLsid}
              onImport={(lsid) => void act('events', reimportSession, lsid)}
            />
          </Stack>
        )}
      </Loadable>
      <Loadable state={decisions.state} what="approval decisions" onRetry={() => void decisions.reload()}>
        {(page) => <ApprovalDecisions page={page} onMore={appendDecisions} />}
      </Loadable>
    </Stack>
  );
}
