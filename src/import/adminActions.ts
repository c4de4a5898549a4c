/**
 * What an administrator (or, from the issue panel, the ticket's assignee) can do about imports: retry a
 * failed one (resuming where it stopped), import a session on purpose again (a new set of comments and
 * files that replaces the earlier one once complete), or import a session whose event was ignored (for
 * example while the integration was disabled). The record names who asked.
 */
import { JiraClient } from '../jira/client';
import { getUser } from '../jira/users';
import { enqueueImport } from './importQueue';
import { createRecord, getRecord, LSID_PATTERN, newRecord, saveRecord, type ImportRecord, type ImportRequester } from './ledger';
import { supersededBy } from './replaceEarlierImport';

export type ActionResult = { ok: true; message: string } | { ok: false; message: string };

function checkLsid(lsid: unknown): lsid is string {
  return typeof lsid === 'string' && LSID_PATTERN.test(lsid);
}

/** "Alex Rivera (assignee)", "an administrator": who asked, in words. */
export function requesterText(requester: ImportRequester | undefined): string | undefined {
  if (!requester) return undefined;
  const role = requester.role === 'assignee' ? 'assignee' : 'administrator';
  return requester.displayName ? `${requester.displayName} (${role})` : requester.role === 'assignee' ? "the ticket's assignee" : 'an administrator';
}

/** A Jira administrator as the one who asked (the display name read as the app; none if Jira does not say). */
export async function administratorRequester(accountId: string): Promise<ImportRequester> {
  const user = await getUser(JiraClient.asApp(), accountId);
  return { accountId, role: 'administrator', ...(user?.displayName ? { displayName: user.displayName } : {}) };
}

/** Queues a failed, unmatched or skipped import again; it resumes from the parts already posted. */
export async function retryImport(lsid: unknown, requester?: ImportRequester): Promise<ActionResult> {
  if (!checkLsid(lsid)) return { ok: false, message: 'That is not a PRA session ID (32 hexadecimal characters).' };
  const record = await getRecord(lsid.toLowerCase());
  if (!record) return { ok: false, message: `No import of session ${lsid} is recorded.` };
  if (record.status === 'done') return { ok: false, message: `Session ${lsid} is already imported. Use "Import again" to write it once more.` };
  if (record.status === 'queued' || record.status === 'running' || record.status === 'waiting') return { ok: false, message: `Session ${lsid} is already being imported.` };
  await saveRecord({
    ...record,
    status: 'queued',
    attempts: 0,
    notReadyAttempts: 0,
    rateLimited: 0,
    reason: `Retry requested by ${requesterText(requester) ?? 'an administrator'}.`,
    ...(requester ? { requestedBy: requester } : {}),
  });
  await enqueueImport(record.lsid, 'manual');
  return { ok: true, message: `Session ${lsid} is queued for import again.` };
}

/** What a session's ticket keeps showing while it is imported again (the panel lists it by these). */
function knownSessionFields(record: ImportRecord): Partial<ImportRecord> {
  const { eventExternalKey, eventTimestamp, ticketKey, jumpItem, primaryRep, startTime, endTime, links, receivedAt } = record;
  return { eventExternalKey, eventTimestamp, ticketKey, jumpItem, primaryRep, startTime, endTime, links, receivedAt };
}

/**
 * Imports a session again on purpose: a new generation with its own comments and files. What earlier
 * generations wrote is remembered (`superseded`) and deleted once the new set is complete.
 */
export async function reimportSession(lsid: unknown, requester?: ImportRequester): Promise<ActionResult> {
  if (!checkLsid(lsid)) return { ok: false, message: 'That is not a PRA session ID (32 hexadecimal characters).' };
  const id = lsid.toLowerCase();
  const record = await getRecord(id);
  if (!record) {
    await createRecord(newRecord(id, 'manual', requester ? { requestedBy: requester } : {}));
  } else {
    if (record.status === 'queued' || record.status === 'running' || record.status === 'waiting') return { ok: false, message: `Session ${lsid} is already being imported.` };
    const superseded = supersededBy(record);
    await saveRecord({
      ...newRecord(id, 'manual', knownSessionFields(record)),
      generation: record.generation + 1,
      generationStartedAt: new Date().toISOString(),
      ...(superseded.length ? { superseded } : {}),
      ...(requester ? { requestedBy: requester } : {}),
    });
    try {
      await enqueueImport(id, 'manual');
    } catch (error) {
      await saveRecord(record); // not queued: the earlier import stays as it was, and can be asked for again
      throw error;
    }
    return { ok: true, message: reimportQueued(lsid) };
  }
  await enqueueImport(id, 'manual');
  return { ok: true, message: reimportQueued(lsid) };
}

function reimportQueued(lsid: string): string {
  return `Session ${lsid} is queued for import. Once the new comments and files are on the ticket, the earlier ones the app wrote for this session are deleted.`;
}
