/**
 * What an administrator can do about imports: retry a failed one (resuming where it stopped), import
 * a session on purpose again (a fresh set of comments), or import a session whose event was ignored
 * (for example while the integration was disabled).
 */
import { enqueueImport } from './importQueue';
import { createRecord, getRecord, LSID_PATTERN, newRecord, saveRecord } from './ledger';

export type ActionResult = { ok: true; message: string } | { ok: false; message: string };

function checkLsid(lsid: unknown): lsid is string {
  return typeof lsid === 'string' && LSID_PATTERN.test(lsid);
}

/** Queues a failed, unmatched or skipped import again; it resumes from the parts already posted. */
export async function retryImport(lsid: unknown): Promise<ActionResult> {
  if (!checkLsid(lsid)) return { ok: false, message: 'That is not a PRA session ID (32 hexadecimal characters).' };
  const record = await getRecord(lsid.toLowerCase());
  if (!record) return { ok: false, message: `No import of session ${lsid} is recorded.` };
  if (record.status === 'done') return { ok: false, message: `Session ${lsid} is already imported. Use "Import again" to write it once more.` };
  if (record.status === 'queued' || record.status === 'running' || record.status === 'waiting') return { ok: false, message: `Session ${lsid} is already being imported.` };
  await saveRecord({ ...record, status: 'queued', attempts: 0, notReadyAttempts: 0, rateLimited: 0, reason: 'Retry requested by an administrator.' });
  await enqueueImport(record.lsid, 'manual');
  return { ok: true, message: `Session ${lsid} is queued for import again.` };
}

/** Imports a session again on purpose: a new generation with its own comments and files. */
export async function reimportSession(lsid: unknown): Promise<ActionResult> {
  if (!checkLsid(lsid)) return { ok: false, message: 'That is not a PRA session ID (32 hexadecimal characters).' };
  const id = lsid.toLowerCase();
  const record = await getRecord(id);
  if (!record) {
    await createRecord(newRecord(id, 'manual'));
  } else {
    if (record.status === 'queued' || record.status === 'running' || record.status === 'waiting') return { ok: false, message: `Session ${lsid} is already being imported.` };
    await saveRecord({
      ...newRecord(id, 'manual', { eventExternalKey: record.eventExternalKey, receivedAt: record.receivedAt }),
      generation: record.generation + 1,
      generationStartedAt: new Date().toISOString(),
      reason: 'Import requested again by an administrator.',
    });
  }
  await enqueueImport(id, 'manual');
  return { ok: true, message: `Session ${lsid} is queued for import.` };
}
