/** The sessions imported to the ticket: when, who, which Jump Item, status, PRA links, Re-import (asked first). */
import React from 'react';
import { Button, Heading, Inline, Link, Lozenge, Stack, Text } from '@forge/react';
import type { PanelSession } from '../../sessions/issueSessions';

const STATUS: Record<PanelSession['status'], { text: string; appearance: 'success' | 'inprogress' | 'removed' | 'moved' | 'default' }> = {
  done: { text: 'Imported', appearance: 'success' },
  queued: { text: 'Queued', appearance: 'inprogress' },
  running: { text: 'Importing', appearance: 'inprogress' },
  waiting: { text: 'Waiting', appearance: 'moved' },
  failed: { text: 'Failed', appearance: 'removed' },
  unmatched: { text: 'Not matched', appearance: 'default' },
  skipped: { text: 'Skipped', appearance: 'default' },
};

/** The status in words; a re-import says so while its new set is being written. */
function statusOf(s: PanelSession): { text: string; appearance: (typeof STATUS)[PanelSession['status']]['appearance'] } {
  if (s.replacing && s.status === 'queued') return { text: 'Re-import queued', appearance: 'inprogress' };
  if (s.replacing && s.status === 'running') return { text: 'Re-importing', appearance: 'inprogress' };
  return STATUS[s.status];
}

const WINDOW_TEXT = { inside: 'inside the change window', outside: 'outside the change window' } as const;

interface Props {
  sessions: PanelSession[];
  canReimport: boolean;
  onReimport(lsid: string): void;
}

export const SessionList = ({ sessions, canReimport, onReimport }: Props) => (
  <Stack space="space.100">
    <Heading size="xsmall">PRA sessions</Heading>
    {sessions.length === 0 && <Text>No BeyondTrust PRA session has been imported to this ticket yet.</Text>}
    {sessions.map((s) => (
      <Stack key={s.lsid} space="space.050">
        <Inline space="space.100" alignBlock="center">
          <Text>{[s.jumpItem ?? 'Unknown Jump Item', s.representative].filter(Boolean).join(' · ')}</Text>
          <Lozenge appearance={statusOf(s).appearance}>{statusOf(s).text}</Lozenge>
        </Inline>
        <Text>{`Ended ${s.endedAt}${s.parts && s.parts > 1 ? ` · ${s.parts} comments` : ''}${s.changeWindow ? ` · ${WINDOW_TEXT[s.changeWindow]}` : ''}`}</Text>
        {s.reason && <Text>{s.reason}</Text>}
        {s.requestedBy && s.status !== 'done' && <Text>{`Requested by ${s.requestedBy}.`}</Text>}
        {(s.links.length > 0 || canReimport) && (
          <Inline space="space.150" alignBlock="center">
            {s.links.map((l) => (
              <Link key={l.url} href={l.url} openNewTab>
                {l.label}
              </Link>
            ))}
            {canReimport && s.status !== 'queued' && s.status !== 'running' && s.status !== 'waiting' && (
              <Button appearance="subtle" onClick={() => onReimport(s.lsid)}>
                Re-import
              </Button>
            )}
          </Inline>
        )}
      </Stack>
    ))}
  </Stack>
);
