/** Endpoint-approval decisions about this ticket: the newest few, newest first, and the rest behind "Show all". */
import React, { useState } from 'react';
import { Button, Heading, Inline, Lozenge, Stack, Text } from '@forge/react';
import type { PanelApproval } from '../../sessions/issueSessions';

/** Decisions shown before "Show all". */
export const APPROVALS_SHOWN = 3;

interface Props {
  approvals: PanelApproval[];
  /** More decisions exist than the panel was sent. */
  more: boolean;
}

export const ApprovalList = ({ approvals, more }: Props) => {
  const [all, setAll] = useState(false);
  if (approvals.length === 0) return null;
  const shown = all ? approvals : approvals.slice(0, APPROVALS_SHOWN);
  const hidden = approvals.length - shown.length;
  return (
    <Stack space="space.100">
      <Heading size="xsmall">Approval decisions</Heading>
      {shown.map((a, i) => (
        <Stack key={`${a.at}-${i}`} space="space.050">
          <Inline space="space.100" alignBlock="center">
            <Lozenge appearance={a.result === 'approved' ? 'success' : 'removed'}>{a.result === 'approved' ? 'Approved' : 'Denied'}</Lozenge>
            <Text>{[a.requester, a.jumpItem].filter(Boolean).join(' on ')}</Text>
          </Inline>
          <Text>{a.changeWindow ? `${a.at} · ${a.changeWindow} the change window` : a.at}</Text>
          {a.result === 'denied' && <Text>{a.message}</Text>}
        </Stack>
      ))}
      {hidden > 0 && (
        <Button appearance="subtle" onClick={() => setAll(true)}>
          {`Show all ${approvals.length}${more ? '+' : ''} decisions`}
        </Button>
      )}
      {all && more && <Text>{`These are the newest ${approvals.length} decisions; the configuration page lists every decision.`}</Text>}
      {all && approvals.length > APPROVALS_SHOWN && (
        <Button appearance="subtle" onClick={() => setAll(false)}>
          {`Show the newest ${APPROVALS_SHOWN} only`}
        </Button>
      )}
    </Stack>
  );
};
