import { useState } from 'react';
import { Text } from '@atlaskit/primitives';
import { ActionMessage, type ActionOutcome } from './ActionMessage';
import { ImportsTable } from './ImportsTable';
import { ReimportConfirm } from './ReimportConfirm';
import { Section } from './Section';
import type { ImportSummary } from './types';

type Props = {
  imports: ImportSummary[];
  /** The result of the last action taken in this table. */
  outcome: ActionOutcome | undefined;
  pendingLsid: string | null;
  onRetry: (lsid: string) => void;
  onReimport: (lsid: string) => void;
};

/** "Recent imports": the table, the in-page confirmation of Import again, and the result of the last action. */
export function RecentImports({ imports, outcome, pendingLsid, onRetry, onReimport }: Props) {
  const [confirming, setConfirming] = useState<ImportSummary | null>(null);

  function confirm(summary: ImportSummary) {
    setConfirming(null);
    onReimport(summary.lsid);
  }

  return (
    <Section
      title="Recent imports"
      description="PRA sessions imported into tickets, newest first. Retry an import once the cause of its failure is fixed."
    >
      {confirming && (
        <ReimportConfirm summary={confirming} onConfirm={() => confirm(confirming)} onCancel={() => setConfirming(null)} />
      )}
      <ActionMessage outcome={outcome} />
      {imports.length === 0 ? (
        <Text as="p" color="color.text.subtle">
          No sessions have been imported yet. When a PRA session whose External Key is a ticket ends, it is listed here.
        </Text>
      ) : (
        <ImportsTable
          imports={imports}
          pendingLsid={pendingLsid}
          isDisabled={pendingLsid !== null || confirming !== null}
          onRetry={onRetry}
          onImportAgain={setConfirming}
        />
      )}
    </Section>
  );
}
