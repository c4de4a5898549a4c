import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { listApprovalDecisions } from './api';
import { DataTable, type Column } from './DataTable';
import { ErrorBanner } from './ErrorBanner';
import { Section } from './Section';
import type { ApprovalRecord, DecisionPage } from './types';
import { UtcTime } from './UtcTime';

const COLUMNS: Column[] = [
  { key: 'when', label: 'When', width: 14 },
  { key: 'ticket', label: 'Ticket', width: 9 },
  { key: 'requester', label: 'Requester', width: 15 },
  { key: 'jumpItem', label: 'Jump Item', width: 15 },
  { key: 'result', label: 'Result', width: 10 },
  { key: 'message', label: 'Message shown to the user', width: 37, wraps: true },
];

type Props = {
  /** The decisions loaded so far. */
  page: DecisionPage;
  /** Appends the next page to the decisions shown. */
  onMore: (next: DecisionPage) => void;
};

/** "Recent approval decisions": PRA's endpoint-approval requests and what the app answered, with "Load more". */
export function ApprovalDecisions({ page, onMore }: Props) {
  const { nextCursor } = page;
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  async function loadMore(cursor: string) {
    setLoadingMore(true);
    setMoreError(null);
    const result = await listApprovalDecisions(cursor);
    setLoadingMore(false);
    if (result.ok) onMore(result);
    else setMoreError(result.error.message);
  }

  const rows = page.decisions.map((decision) => ({
    key: decision.id,
    cells: [
      <UtcTime iso={decision.at} />,
      ticketOf(decision),
      requesterOf(decision),
      decision.jumpItem ?? '—',
      <Lozenge appearance={decision.result === 'approved' ? 'success' : 'removed'}>{decision.result}</Lozenge>,
      decision.message,
    ],
  }));

  return (
    <Section
      title="Recent approval decisions"
      description="Every endpoint-approval request from PRA (Jump Policies with a Ticket System) and the app's answer, newest first (kept for 30 days)."
    >
      {rows.length === 0 ? (
        <Text as="p" color="color.text.subtle">
          No approval requests have been received yet.
        </Text>
      ) : (
        <DataTable label="Recent approval decisions" columns={COLUMNS} rows={rows} />
      )}
      {moreError && <ErrorBanner title="Could not load more decisions" message={moreError} />}
      {nextCursor && (
        <Box>
          <Button onClick={() => void loadMore(nextCursor)} isLoading={loadingMore}>
            Load more
          </Button>
        </Box>
      )}
    </Section>
  );
}

/** The ticket as typed, and the key Jira returned when the issue has moved since. */
function ticketOf(decision: ApprovalRecord): string {
  if (!decision.ticket) return '—';
  return decision.issueKey && decision.issueKey !== decision.ticket ? `${decision.ticket} (now ${decision.issueKey})` : decision.ticket;
}

function requesterOf({ requester }: ApprovalRecord) {
  const name = requester.displayName ?? requester.username ?? requester.email;
  if (!name) return '—';
  const ids = [requester.username, requester.email].filter((id) => id && id !== name);
  if (ids.length === 0) return name;
  return (
    <Stack>
      <Text>{name}</Text>
      <Text size="small" color="color.text.subtle">
        {ids.join(', ')}
      </Text>
    </Stack>
  );
}
