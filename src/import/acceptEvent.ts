/**
 * The web trigger's part of an import: record the session in the ledger (create-if-absent, so a
 * redelivered event is recognised) and queue it. Nothing here calls PRA or Jira.
 */
import { loadSettings } from '../config/store';
import { noteEventReceived } from '../shared/heartbeat';
import { logCoalescedEvent } from './eventLog';
import { enqueueImport } from './importQueue';
import { createRecord, deleteRecord, newRecord } from './ledger';
import type { EventDecision } from './outboundEventRules';

export type AcceptOutcome = 'queued' | 'duplicate' | 'disabled' | 'ignored';

export async function acceptOutboundEvent(decision: EventDecision): Promise<AcceptOutcome> {
  const heartbeat = noteEventReceived(decision.action === 'import' ? 'support_conference_end' : decision.event);
  if (decision.action === 'ignore') {
    const { action: _action, kind, ...entry } = decision;
    await Promise.all([heartbeat, logCoalescedEvent(kind, { outcome: 'ignored', ...entry })]);
    return 'ignored';
  }
  const { lsid, externalKey, eventTimestamp, applianceId } = decision;
  const [settings] = await Promise.all([loadSettings(), heartbeat]);
  if (!settings.enabled) {
    await logCoalescedEvent('disabled', {
      outcome: 'ignored',
      reason: 'The integration is disabled, so the session was not imported. Enable it, then import the session from this list.',
      event: 'support_conference_end',
      lsid,
      externalKey,
      applianceId,
      eventTimestamp,
    });
    return 'disabled';
  }
  const created = await createRecord(newRecord(lsid, 'event', { eventExternalKey: externalKey, eventTimestamp }));
  if (!created) {
    await logCoalescedEvent('duplicate', { outcome: 'duplicate', reason: 'This session was already received; it is imported once.', event: 'support_conference_end', lsid, externalKey, applianceId, eventTimestamp });
    return 'duplicate';
  }
  try {
    await enqueueImport(lsid, 'event');
  } catch (error) {
    // Not queued: forget the record so PRA's redelivery (the web trigger answers 503) starts afresh.
    await deleteRecord(lsid);
    throw error;
  }
  return 'queued';
}
