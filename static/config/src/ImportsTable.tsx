import Button from '@atlaskit/button/new';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives';
import { DataTable, type Column } from './DataTable';
import { SessionId, shortLsid } from './SessionId';
import type { ImportSummary } from './types';
import { UtcTime } from './UtcTime';
import { VisuallyHidden } from './VisuallyHidden';

const STATUS_APPEARANCE: Record<ImportSummary['status'], ThemeAppearance> = {
  queued: 'inprogress',
  running: 'inprogress',
  waiting: 'moved',
  done: 'success',
  failed: 'removed',
  unmatched: 'moved',
  skipped: 'default',
};

const SOURCE_NOTE: Record<ImportSummary['source'], string | undefined> = {
  event: undefined,
  reconcile: 'Found by the reconciliation (PRA sent no event).',
  manual: 'Requested by an administrator.',
};

const COLUMNS: Column[] = [
  { key: 'when', label: 'When', width: 14 },
  { key: 'session', label: 'Session', width: 10 },
  { key: 'ticket', label: 'Ticket', width: 8 },
  { key: 'jumpItem', label: 'Jump Item', width: 14 },
  { key: 'status', label: 'Status', width: 10 },
  { key: 'details', label: 'Details', width: 30, wraps: true },
  { key: 'actions', label: 'Actions', width: 14 },
];

type Props = {
  imports: ImportSummary[];
  /** The session whose action is running. */
  pendingLsid: string | null;
  /** An action is running: the other actions are disabled. */
  isDisabled: boolean;
  onRetry: (lsid: string) => void;
  /** Asks to import a done session again (the caller confirms first). */
  onImportAgain: (summary: ImportSummary) => void;
};

/** The newest imports with their status, and Retry (failed, unmatched, skipped) or Import again (done). */
export function ImportsTable({ imports, pendingLsid, isDisabled, onRetry, onImportAgain }: Props) {
  const rows = imports.map((summary) => ({
    key: summary.lsid,
    cells: [
      <UtcTime iso={summary.updatedAt} />,
      <SessionId lsid={summary.lsid} />,
      summary.ticketKey ?? '—',
      summary.jumpItem ?? '—',
      <Lozenge appearance={STATUS_APPEARANCE[summary.status]}>{summary.status}</Lozenge>,
      details(summary),
      <Inline space="space.050">
        {summary.canRetry && (
          <Button
            spacing="compact"
            onClick={() => onRetry(summary.lsid)}
            isLoading={pendingLsid === summary.lsid}
            isDisabled={isDisabled}
          >
            Retry<VisuallyHidden> session {shortLsid(summary.lsid)}</VisuallyHidden>
          </Button>
        )}
        {summary.status === 'done' && (
          <Button
            spacing="compact"
            onClick={() => onImportAgain(summary)}
            isLoading={pendingLsid === summary.lsid}
            isDisabled={isDisabled}
          >
            Import again<VisuallyHidden> session {shortLsid(summary.lsid)}</VisuallyHidden>
          </Button>
        )}
      </Inline>,
    ],
  }));
  return <DataTable label="Recent imports" columns={COLUMNS} rows={rows} />;
}

/** What was written, why it stopped or is waiting, and what started it. */
function details(summary: ImportSummary): string {
  const notes: string[] = [];
  if (summary.status === 'done') {
    notes.push(`${count(summary.parts ?? 0, 'comment')}, ${count(summary.attachments, 'attachment')}.`);
  }
  if (summary.reason) notes.push(summary.reason);
  if (summary.replacing) notes.push('Replaces the earlier import once complete.');
  const source = summary.source === 'manual' && summary.requestedBy ? `Requested by ${summary.requestedBy}.` : SOURCE_NOTE[summary.source];
  if (source) notes.push(source);
  return notes.join(' ') || '—';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
