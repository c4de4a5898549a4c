/**
 * Importing one PRA session into its Jira ticket, resumable at every step:
 *   1. stream the AccessSession report into a digest and the transcript and event log files (not ready yet,
 *      cut off or unreadable → try again later; too large → failed with the reason);
 *   2. find the ticket from the report's external key (else the event's); no key or no ticket → unmatched;
 *   3. decide once what the comment says about the assignee and the recording (the plan is stored, so a
 *      resumed import renders exactly the same parts);
 *   4. post the comment parts, then the attachments, through the exactly-once core (importProgress): each
 *      one is recorded in the ledger as it lands, and a write whose acknowledgement was lost is found again
 *      instead of being repeated;
 *   5. a re-import, its new set complete, deletes the earlier set (replaceEarlierImport).
 * Returns whether the queue should deliver the event again, and when.
 */
import { JiraClient } from '../jira/client';
import { addComment, findMarkedComments, INTERNAL_COMMENT } from '../jira/comments';
import { attachmentSettings, byAnApp, listAttachments, uploadAttachment } from '../jira/attachments';
import { getIssue, normalizeIssueKey } from '../jira/issues';
import { PraClient } from '../pra/client';
import { loadConnection, loadSettings } from '../config/store';
import type { Settings } from '../config/settings';
import { log } from '../shared/log';
import { noteImportDone } from '../shared/heartbeat';
import { associateAssignee } from './autoAssociate';
import { logEvent } from './eventLog';
import { getRecord, createRecord, indexIssueSession, newRecord, saveRecord, type ImportRecord, type ImportSource } from './ledger';
import { prepareRecording, type RecordingFile } from './recording';
import { renderDigest } from './render/renderSession';
import { sessionFileNames } from './render/transcriptAndEventLog';
import type { PackagedFile } from './logFilePackaging';
import { decideOnError, isRateLimited, notReadyDelay } from './retryPolicy';
import type { SessionReport } from './sessionReport';
import { readSession, type ReadOutcome } from './readSession';
import { planOnce, writePlanned, type PlannedUpload, type TicketWriter } from './importProgress';
import { contentTypeOfRecordingFile } from './recordingContainer';
import { COMMENT_MARKER_KEY } from './commentMarker';
import { removeSupersededSets, supersededAttachmentIds } from './replaceEarlierImport';
import { resolveWindowFields } from '../changeWindow/windowFields';
import { sessionWindowNote, windowIssueFields } from '../changeWindow/sessionWindow';

export { COMMENT_MARKER_KEY };

export type ImportResult =
  | { kind: 'finished'; status: ImportRecord['status'] }
  | { kind: 'retry'; afterSeconds: number; reason: string; rateLimited: boolean };

class StopImport extends Error {
  constructor(readonly result: ImportResult) {
    super('stop');
  }
}

async function finish(record: ImportRecord, status: 'done' | 'failed' | 'unmatched' | 'skipped', reason?: string): Promise<ImportResult> {
  await saveRecord({ ...record, status, reason, ...(status === 'done' ? { completedAt: new Date().toISOString() } : {}) });
  if (status === 'failed' || status === 'unmatched') {
    await logEvent({ outcome: 'failed', reason: reason ?? status, event: 'support_conference_end', lsid: record.lsid, externalKey: record.ticketKey ?? record.eventExternalKey });
  }
  log.info('import.finished', { lsid: record.lsid, status, ticket: record.ticketKey, reason });
  return { kind: 'finished', status };
}

type Read = Extract<ReadOutcome, { kind: 'session' }>;

/** Streams the report; a report not ready, cut off or unreadable is tried again later, then failed with the reason. */
async function loadSession(pra: PraClient, record: ImportRecord, excluded: string[], uploadLimit: () => Promise<number>): Promise<Read> {
  const read = await readSession(pra, record.lsid, excluded, uploadLimit);
  if (read.kind === 'too-large') throw new StopImport(await finish(record, 'failed', read.message));
  const notReady = read.kind !== 'session' ? read.message : read.header.endTime === undefined ? 'The session has not ended yet (empty end_time).' : undefined;
  if (notReady === undefined && read.kind === 'session') return read;
  if (read.kind === 'session') read.discard();
  const attempts = record.notReadyAttempts + 1;
  const delay = notReadyDelay(attempts);
  // An unreadable answer (a proxy's error page, say) is treated like a report that is not ready yet.
  if (delay === undefined) {
    throw new StopImport(await finish({ ...record, notReadyAttempts: attempts }, 'failed', `The session report was not available after ${attempts} attempts: ${notReady}`));
  }
  await saveRecord({ ...record, status: 'waiting', notReadyAttempts: attempts, reason: `Waiting for the session report: ${notReady}` });
  throw new StopImport({ kind: 'retry', afterSeconds: delay, reason: notReady ?? 'not ready', rateLimited: false });
}

/** The ticket as the exactly-once core sees it: comments with this import's marker, attachments by name. */
function ticketWriter(jira: JiraClient, issueKey: string, record: ImportRecord): TicketWriter {
  return {
    async postComment(part, parts, body) {
      const marker = { key: COMMENT_MARKER_KEY, value: { lsid: record.lsid, generation: record.generation, part, parts } };
      return (await addComment(jira, issueKey, body, [marker, INTERNAL_COMMENT])).id;
    },
    async findComment(part) {
      const marked = await findMarkedComments(jira, issueKey, COMMENT_MARKER_KEY);
      return marked.find((c) => c.marker.lsid === record.lsid && c.marker.generation === record.generation && c.marker.part === part)?.id;
    },
    async uploadFile(filename, contentType, content) {
      return (await uploadAttachment(jira, issueKey, filename, contentType, content)).id;
    },
    async findFile(filename, since) {
      // never an earlier set's file (a re-import replaces it) nor a person's file of the same name
      const earlier = supersededAttachmentIds(record);
      const files = await listAttachments(jira, issueKey);
      return files.find((f) => f.filename === filename && byAnApp(f) && !earlier.has(f.id) && (!f.created || Date.parse(f.created) >= since))?.id;
    },
  };
}

async function run(record: ImportRecord, settings: Settings, pra: PraClient, jira: JiraClient): Promise<ImportResult> {
  let uploadLimit: number | undefined;
  const limit = async () => (uploadLimit ??= (await attachmentSettings(jira)).uploadLimit);
  const read = await loadSession(pra, record, record.plan?.excludedEventTypes ?? settings.excludedEventTypes, limit);
  try {
    return await importRead(record, settings, pra, jira, read, limit);
  } finally {
    read.discard();
  }
}

async function importRead(record: ImportRecord, settings: Settings, pra: PraClient, jira: JiraClient, read: Read, limit: () => Promise<number>): Promise<ImportResult> {
  const { header, digest } = read;
  // the header stands in for the report where only the session's details are needed
  const report: SessionReport = { ...header, events: [] };
  record = {
    ...record,
    jumpItem: header.jumpItem,
    primaryRep: header.primaryRep?.name,
    startTime: header.startTime,
    endTime: header.endTime,
    links: {
      recording: header.recordingViewUrl,
      chat: header.chatViewUrl,
      commandShells: header.commandShellRecordings.map((r) => r.viewUrl).filter((u): u is string => !!u),
    },
  };

  const rawKey = header.externalKey ?? record.eventExternalKey;
  const ticketKey = normalizeIssueKey(rawKey);
  if (!ticketKey) {
    return finish(record, 'unmatched', rawKey ? `The session's external key "${rawKey}" is not a Jira issue key.` : 'The session has no external key, so there is no ticket to import it to.');
  }
  // Change windows on: the window fields (KVS-cached ids) come with the same issue request.
  const windowFields = settings.requireChangeWindow ? await resolveWindowFields(jira, settings) : undefined;
  const issue = await getIssue(jira, ticketKey, ['summary', 'assignee', ...windowIssueFields(settings, windowFields)]);
  if (!issue) return finish({ ...record, ticketKey }, 'unmatched', `Ticket ${ticketKey} was not found, or the app cannot see it.`);
  record = await saveRecord({ ...record, ticketKey: issue.key, status: 'running', reason: undefined });
  await indexIssueSession(issue.key, record.lsid);

  const applianceHost = settings.hostName;
  let recording: RecordingFile | undefined;
  let files: { transcript: PackagedFile; events: PackagedFile } | undefined;
  record = await planOnce(record, { save: saveRecord }, async () => {
    const excluded = settings.excludedEventTypes;
    const assigneeNote = settings.autoAssociateUser ? await associateAssignee(jira, issue, report) : undefined;
    const decision = settings.attachRecordings ? await prepareRecording(pra, jira, report, settings.recordingMaxMb) : {};
    recording = decision.file;
    const changeWindow = sessionWindowNote(settings, issue.fields, windowFields, header.startTime, header.endTime);
    const options = { excludedEventTypes: excluded, assigneeNote, recordingNote: decision.note, applianceHost, changeWindow };
    let rendered = renderDigest(header, digest, options);
    let fileNames: { transcript: string; events: string } | undefined;
    if (rendered.shortened) {
      files = await read.files(await limit());
      fileNames = { transcript: files.transcript.filename, events: files.events.filename };
      const names = sessionFileNames(record.lsid);
      if (fileNames.transcript !== names.transcript || fileNames.events !== names.events) rendered = renderDigest(header, digest, { ...options, fileNames });
    }
    return {
      plan: {
        parts: rendered.parts.length,
        files: fileNames ? [fileNames.transcript, fileNames.events] : [],
        fileNames,
        assigneeNote,
        recordingNote: decision.note,
        recordingFile: decision.file?.filename,
        excludedEventTypes: excluded,
        uploadLimit: files ? await limit() : undefined,
        ...(changeWindow ? { changeWindow } : {}),
      },
      assignee: settings.autoAssociateUser ? 'done' : 'skipped',
    };
  });
  const plan = record.plan!;
  const rendered = renderDigest(header, digest, {
    excludedEventTypes: plan.excludedEventTypes,
    assigneeNote: plan.assigneeNote,
    recordingNote: plan.recordingNote,
    fileNames: plan.fileNames,
    applianceHost,
    changeWindow: plan.changeWindow,
  });

  const uploads: PlannedUpload[] = [];
  const missingLogs = plan.files.filter((name) => !record.progress.attachments[name]);
  if (missingLogs.length) {
    files ??= await read.files(plan.uploadLimit ?? (await limit()));
    for (const file of [files.transcript, files.events]) {
      if (missingLogs.includes(file.filename)) uploads.push({ filename: file.filename, contentType: file.contentType, content: async () => file.bytes });
    }
  }
  const recordingFile = plan.recordingFile;
  if (recordingFile) {
    uploads.push({
      filename: recordingFile,
      contentType: recording?.contentType ?? contentTypeOfRecordingFile(recordingFile),
      content: async () => {
        if (recording) return recording.bytes;
        const again = await prepareRecording(pra, jira, report, settings.recordingMaxMb);
        if (!again.file) throw new Error(`The recording could no longer be downloaded: ${again.note ?? 'no recording'}`);
        return again.file.bytes;
      },
    });
  }
  record = await writePlanned(record, { save: saveRecord }, ticketWriter(jira, issue.key, record), rendered.parts, uploads);

  // the new set is complete: a re-import now deletes the earlier one (a separate, resumable step)
  record = await removeSupersededSets(jira, record, issue.key);
  await noteImportDone(record.lsid, issue.key);
  return finish(record, 'done');
}

/** Imports (or resumes importing) one session. */
export async function importSession(lsid: string, source: ImportSource): Promise<ImportResult> {
  let record = await getRecord(lsid);
  if (!record) {
    await createRecord(newRecord(lsid, source));
    record = (await getRecord(lsid))!;
  }
  if (record.status === 'done' || record.status === 'unmatched' || record.status === 'skipped' || record.status === 'failed') {
    return { kind: 'finished', status: record.status };
  }
  const connection = await loadConnection();
  const settings = connection?.settings ?? (await loadSettings());
  if (!settings.enabled) return finish(record, 'skipped', 'The integration was disabled before the session could be imported.');
  if (!connection) return finish(record, 'failed', 'The integration is not configured (Host Name, Client ID or Client Secret is missing).');

  const pra = new PraClient({ hostName: connection.settings.hostName, clientId: connection.settings.clientId, clientSecret: connection.clientSecret });
  const jira = JiraClient.asApp();
  record = await saveRecord({ ...record, status: 'running' });
  try {
    return await run(record, settings, pra, jira);
  } catch (error) {
    if (error instanceof StopImport) return error.result;
    const latest = (await getRecord(lsid)) ?? record;
    const throttled = isRateLimited(error);
    const rateLimited = (latest.rateLimited ?? 0) + (throttled ? 1 : 0);
    const attempts = latest.attempts + (throttled ? 0 : 1);
    const decision = decideOnError(error, attempts, rateLimited, latest.ticketKey);
    const updated = { ...latest, attempts, rateLimited };
    if (decision.kind === 'retry') {
      await saveRecord({ ...updated, status: 'waiting', reason: decision.reason });
      log.warn('import.retry', { lsid, afterSeconds: decision.afterSeconds, reason: decision.reason });
      return { kind: 'retry', afterSeconds: decision.afterSeconds, reason: decision.reason, rateLimited: decision.rateLimited };
    }
    return finish(updated, decision.kind === 'unmatched' ? 'unmatched' : 'failed', decision.reason);
  }
}
