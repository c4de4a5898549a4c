/**
 * Importing one PRA session into its Jira ticket, resumable at every step:
 *   1. fetch the AccessSession report (not ready yet → try again later);
 *   2. find the ticket from the report's external key (else the event's); no key or no ticket → unmatched;
 *   3. decide once what the comment says about the assignee and the recording (the plan is stored, so a
 *      resumed import renders exactly the same parts);
 *   4. post the comment parts, then the attachments, recording each one in the ledger as it lands;
 *      a write whose acknowledgement was lost is found again by its marker instead of being repeated.
 * Returns whether the queue should deliver the event again, and when.
 */
import { JiraClient } from '../jira/client';
import { addComment, findMarkedComments, INTERNAL_COMMENT } from '../jira/comments';
import { attachmentSettings, listAttachments, uploadAttachment } from '../jira/attachments';
import { getIssue, normalizeIssueKey } from '../jira/issues';
import { PraClient } from '../pra/client';
import { loadConnection, loadSettings } from '../config/store';
import type { Settings } from '../config/settings';
import { log } from '../shared/log';
import { noteImportDone } from '../health/heartbeat';
import { associateAssignee } from './autoAssociate';
import { logEvent } from './eventLog';
import { getRecord, createRecord, indexIssueSession, newRecord, saveRecord, type ImportRecord, type ImportSource } from './ledger';
import { prepareRecording, type RecordingFile } from './recording';
import { renderSession, type RenderedSession } from './render/renderSession';
import { eventsCsv, sessionFileNames, transcriptText } from './render/files';
import { packagedName, packageTextFile, type PackagedFile } from './sessionFiles';
import { decideOnError, isRateLimited, notReadyDelay } from './retryPolicy';
import { parseAccessSession, type SessionReport } from './sessionReport';
import { resolveWindowFields } from '../changeWindow/windowFields';
import { sessionWindowNote, windowIssueFields } from '../changeWindow/sessionWindow';

export const COMMENT_MARKER_KEY = 'beyondtrust-pra-session';

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

async function loadReport(pra: PraClient, record: ImportRecord): Promise<SessionReport> {
  const xml = await pra.reportXml({ generate_report: 'AccessSession', lsid: record.lsid });
  const lookup = parseAccessSession(xml, record.lsid);
  const notReady = lookup.kind !== 'session' ? lookup.message : lookup.report.endTime === undefined ? 'The session has not ended yet (empty end_time).' : undefined;
  if (notReady === undefined && lookup.kind === 'session') return lookup.report;
  const attempts = record.notReadyAttempts + 1;
  const delay = notReadyDelay(attempts);
  // An unreadable answer (a proxy's error page, say) is treated like a report that is not ready yet.
  if (delay === undefined) {
    throw new StopImport(await finish({ ...record, notReadyAttempts: attempts }, 'failed', `The session report was not available after ${attempts} attempts: ${notReady}`));
  }
  await saveRecord({ ...record, status: 'waiting', notReadyAttempts: attempts, reason: `Waiting for the session report: ${notReady}` });
  throw new StopImport({ kind: 'retry', afterSeconds: delay, reason: notReady ?? 'not ready', rateLimited: false });
}

function renderFor(report: SessionReport, record: ImportRecord): RenderedSession {
  const plan = record.plan!;
  return renderSession(report, {
    excludedEventTypes: plan.excludedEventTypes,
    assigneeNote: plan.assigneeNote,
    recordingNote: plan.recordingNote,
    fileNames: plan.fileNames,
    changeWindow: plan.changeWindow,
  });
}

interface LogTexts {
  transcript: string;
  events: string;
}

function logTexts(report: SessionReport, excluded: string[]): LogTexts {
  return { transcript: transcriptText(report, excluded), events: eventsCsv(report, excluded) };
}

/** The full transcript and event log as the files to attach (zipped when large; see sessionFiles). */
function logFiles(report: SessionReport, texts: LogTexts, uploadLimit: number): PackagedFile[] {
  const names = sessionFileNames(report.lsid);
  return [
    packageTextFile(names.transcript, 'text/plain; charset=utf-8', texts.transcript, uploadLimit),
    packageTextFile(names.events, 'text/csv; charset=utf-8', texts.events, uploadLimit),
  ];
}

/** Settles a write that was sent but never acknowledged: did it land? */
async function recoverPending(jira: JiraClient, record: ImportRecord, issueKey: string): Promise<ImportRecord> {
  const pending = record.progress.pending;
  if (!pending) return record;
  const since = Date.parse(record.generationStartedAt ?? record.receivedAt) - 60_000;
  const progress = { ...record.progress, comments: { ...record.progress.comments }, attachments: { ...record.progress.attachments } };
  if (pending.kind === 'comment') {
    const marked = await findMarkedComments(jira, issueKey, COMMENT_MARKER_KEY);
    const match = marked.find((c) => c.marker.lsid === record.lsid && c.marker.generation === record.generation && c.marker.part === pending.part);
    if (match) progress.comments[String(pending.part)] = match.id;
  } else {
    const files = await listAttachments(jira, issueKey);
    const match = files.find((f) => f.filename === pending.filename && (!f.created || Date.parse(f.created) >= since));
    if (match) progress.attachments[pending.filename] = match.id;
  }
  delete progress.pending;
  return saveRecord({ ...record, progress });
}

async function run(record: ImportRecord, settings: Settings, pra: PraClient, jira: JiraClient): Promise<ImportResult> {
  const report = await loadReport(pra, record);
  record = {
    ...record,
    jumpItem: report.jumpItem,
    primaryRep: report.primaryRep?.name,
    startTime: report.startTime,
    endTime: report.endTime,
    links: {
      recording: report.recordingViewUrl,
      chat: report.chatViewUrl,
      commandShells: report.commandShellRecordings.map((r) => r.viewUrl).filter((u): u is string => !!u),
    },
  };

  const rawKey = report.externalKey ?? record.eventExternalKey;
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

  let uploadLimit: number | undefined;
  const limit = async () => (uploadLimit ??= (await attachmentSettings(jira)).uploadLimit);
  let texts: LogTexts | undefined;
  const textsFor = (excluded: string[]) => (texts ??= logTexts(report, excluded));

  let recording: RecordingFile | undefined;
  if (!record.plan) {
    const excluded = settings.excludedEventTypes;
    const assigneeNote = settings.autoAssociateUser ? await associateAssignee(jira, issue, report) : undefined;
    const decision = settings.attachRecordings ? await prepareRecording(pra, jira, report, settings.recordingMaxMb) : {};
    recording = decision.file;
    const changeWindow = sessionWindowNote(settings, issue.fields, windowFields, report.startTime, report.endTime);
    let rendered = renderSession(report, { excludedEventTypes: excluded, assigneeNote, recordingNote: decision.note, changeWindow });
    let fileNames: { transcript: string; events: string } | undefined;
    if (rendered.shortened) {
      const names = sessionFileNames(report.lsid);
      const max = await limit();
      const { transcript, events } = textsFor(excluded);
      fileNames = {
        transcript: packagedName(names.transcript, Buffer.byteLength(transcript), max),
        events: packagedName(names.events, Buffer.byteLength(events), max),
      };
      if (fileNames.transcript !== names.transcript || fileNames.events !== names.events) {
        rendered = renderSession(report, { excludedEventTypes: excluded, assigneeNote, recordingNote: decision.note, fileNames, changeWindow });
      }
    }
    record = await saveRecord({
      ...record,
      generationStartedAt: record.generationStartedAt ?? new Date().toISOString(),
      plan: {
        parts: rendered.parts.length,
        files: fileNames ? [fileNames.transcript, fileNames.events] : [],
        fileNames,
        assigneeNote,
        recordingNote: decision.note,
        recordingFile: decision.file?.filename,
        excludedEventTypes: excluded,
        ...(changeWindow ? { changeWindow } : {}),
      },
      progress: { ...record.progress, assignee: settings.autoAssociateUser ? 'done' : 'skipped' },
    });
  }
  const plan = record.plan!;
  const rendered = renderFor(report, record);
  record = await recoverPending(jira, record, issue.key);

  const n = rendered.parts.length;
  for (const [i, part] of rendered.parts.entries()) {
    const k = i + 1;
    if (record.progress.comments[String(k)]) continue;
    record = await saveRecord({ ...record, progress: { ...record.progress, pending: { kind: 'comment', part: k } } });
    const marker = { key: COMMENT_MARKER_KEY, value: { lsid: record.lsid, generation: record.generation, part: k, parts: n } };
    const comment = await addComment(jira, issue.key, part, [marker, INTERNAL_COMMENT]);
    const { pending: _sent, ...rest } = record.progress;
    record = await saveRecord({ ...record, progress: { ...rest, comments: { ...rest.comments, [String(k)]: comment.id } } });
  }

  const uploads: Array<{ filename: string; contentType: string; content: () => Promise<Buffer> }> = [];
  const missingLogs = plan.files.filter((name) => !record.progress.attachments[name]);
  if (missingLogs.length) {
    for (const file of logFiles(report, textsFor(plan.excludedEventTypes), await limit())) {
      if (missingLogs.includes(file.filename)) uploads.push({ filename: file.filename, contentType: file.contentType, content: async () => file.bytes });
    }
  }
  const recordingFile = plan.recordingFile;
  if (recordingFile) {
    uploads.push({
      filename: recordingFile,
      contentType: recording?.contentType ?? 'application/octet-stream',
      content: async () => {
        if (recording) return recording.bytes;
        const again = await prepareRecording(pra, jira, report, settings.recordingMaxMb);
        if (!again.file) throw new Error(`The recording could no longer be downloaded: ${again.note ?? 'no recording'}`);
        return again.file.bytes;
      },
    });
  }
  for (const upload of uploads) {
    if (record.progress.attachments[upload.filename]) continue;
    const content = await upload.content();
    record = await saveRecord({ ...record, progress: { ...record.progress, pending: { kind: 'attachment', filename: upload.filename } } });
    const attachment = await uploadAttachment(jira, issue.key, upload.filename, upload.contentType, content);
    const { pending: _sent, ...rest } = record.progress;
    record = await saveRecord({ ...record, progress: { ...rest, attachments: { ...rest.attachments, [upload.filename]: attachment.id } } });
  }

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
