/** Endpoint-approval decisions about this ticket, newest first. */
import React from 'react';
import { Heading, Inline, Lozenge, Stack, Text } from '@forge/react';
import type { PanelApproval } from '../../sessions/issueSessions';

export const ApprovalList = ({ approvals }: { approvals: PanelApproval[] }) =>
  approvals.length === 0 ? null : (
    <Stack space="space.100">
      <Heading size="xsmall">Approval decisions</Heading>
      {approvals.map((a, i) => (
        <Stack key={`${a.at}-${i}`} space="space.050">
          <Inline space="space.100" alignBlock="center">
            <Lozenge appearance={a.result === 'approved' ? 'success' : 'removed'}>{a.result === 'approved' ? 'Approved' : 'Denied'}</Lozenge>
            <Text>{[a.requester, a.jumpItem].filter(Boolean).join(' on ')}</Text>
          </Inline>
          <Text>{a.changeWindow ? `${a.at} · ${a.changeWindow} the change window` : a.at}</Text>
          {a.result === 'denied' && <Text>{a.message}</Text>}
        </Stack>
      ))}
    </Stack>
  );
