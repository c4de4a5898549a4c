import Button from '@atlaskit/button/new';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Text } from '@atlaskit/primitives';
import { ActionMessage, type ActionOutcome } from './ActionMessage';
import { DataTable, type Column } from './DataTable';
import { Section } from './Section';
import { SessionId, shortLsid } from './SessionId';
import { formatUtc } from './time';
import type { LoggedEvent } from './types';
import { UtcTime } from './UtcTime';
import { VisuallyHidden } from './VisuallyHidden';

/** The only event that carries a session to import (PRA's "Access Session End"). */
const SESSION_END_EVENT = 'support_conference_end';

const OUTCOME_APPEARANCE: Record<LoggedEvent['outcome'], ThemeAppearance> = {
  ignored: 'default',
  duplicate: 'moved',
  failed: 'removed',
};

const COLUMNS: Column[] = [
  { key: 'when', label: 'When', width: 14 },
  { key: 'outcome', label: 'Outcome', width: 10 },
  { key: 'event', label: 'Event', width: 16 },
  { key: 'session', label: 'Session', width: 10 },
  { key: 'ticket', label: 'Ticket', width: 9 },
  { key: 'reason', label: 'Reason', width: 31, wraps: true },
  { key: 'actions', label: 'Actions', width: 10 },
];

type Props = {
  events: LoggedEvent[];
  /** Sessions listed under Recent imports: importing them from here would only duplicate them. */
  importedLsids: ReadonlySet<string>;
  outcome: ActionOutcome | undefined;
  pendingLsid: string | null;
  onImport: (lsid: string) => void;
};

/**
 * "Events not imported": outbound events that were ignored, duplicates and failed imports, newest
 * first. A session end that was ignored (e.g. while the integration was disabled) can be imported here.
 */
export function EventsNotImported({ events, importedLsids, outcome, pendingLsid, onImport }: Props) {
  const rows = events.map((event, index) => ({
    key: `${event.at}-${index}`,
    cells: [
      <UtcTime iso={event.at} />,
      <Lozenge appearance={OUTCOME_APPEARANCE[event.outcome]}>{event.outcome}</Lozenge>,
      event.event ?? '—',
      event.lsid ? <SessionId lsid={event.lsid} /> : '—',
      event.externalKey ?? '—',
      event.count && event.count > 1 && event.firstAt ? `${event.reason} Received ${event.count} times since ${formatUtc(event.firstAt)}.` : event.reason,
      canImport(event, importedLsids) && (
        <Button
          spacing="compact"
          onClick={() => onImport(event.lsid)}
          isLoading={pendingLsid === event.lsid}
          isDisabled={pendingLsid !== null}
        >
          Import<VisuallyHidden> session {shortLsid(event.lsid)}</VisuallyHidden>
        </Button>
      ),
    ],
  }));

  return (
    <Section
      title="Events not imported"
      description="Outbound events from PRA that did not lead to an import, and imports that failed, newest first (kept for 14 days)."
    >
      <ActionMessage outcome={outcome} />
      {rows.length === 0 ? (
        <Text as="p" color="color.text.subtle">
          Every outbound event received so far was imported.
        </Text>
      ) : (
        <DataTable label="Events not imported" columns={COLUMNS} rows={rows} />
      )}
    </Section>
  );
}

function canImport(event: LoggedEvent, importedLsids: ReadonlySet<string>): event is LoggedEvent & { lsid: string } {
  return event.outcome === 'ignored' && event.event === SESSION_END_EVENT && !!event.lsid && !importedLsids.has(event.lsid);
}
