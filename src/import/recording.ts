/**
 * "Attach session recordings": download the recording (AccessSessionRecording) and attach it when it
 * fits both the configured cap and the Jira site's upload limit; otherwise the comment links to it and
 * says why it was not attached.
 */
import type { JiraClient } from '../jira/client';
import { attachmentSettings } from '../jira/attachments';
import type { PraClient } from '../pra/client';
import type { SessionReport } from './sessionReport';
import { bytes } from '../shared/format';
import { sessionFileNames } from './render/files';

export interface RecordingFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordingDecision {
  note?: string;
  file?: RecordingFile;
}

const EXTENSIONS: Record<string, string> = { 'video/mp4': 'mp4', 'video/webm': 'webm', 'video/x-flv': 'flv', 'application/zip': 'zip' };

export function hasRecording(report: SessionReport): boolean {
  return !!(report.recordingViewUrl || report.recordingDownloadUrl);
}

export async function prepareRecording(pra: PraClient, jira: JiraClient, report: SessionReport, maxMb: number): Promise<RecordingDecision> {
  if (!hasRecording(report)) return {};
  const { enabled, uploadLimit } = await attachmentSettings(jira);
  if (!enabled) return { note: 'The recording was not attached: attachments are turned off on this Jira site. Use the recording link above.' };
  const cap = Math.min(maxMb * 1024 * 1024, uploadLimit);
  const result = await pra.reportBinary({ generate_report: 'AccessSessionRecording', lsid: report.lsid }, cap);
  if ('errorMessage' in result) return { note: `The recording was not attached: the appliance answered "${result.errorMessage}". Use the recording link above.` };
  if ('tooLarge' in result) {
    const which = cap < maxMb * 1024 * 1024 ? "this Jira site's upload limit" : 'the limit set in the integration settings';
    return { note: `The recording was not attached: it is larger than ${bytes(cap)} (${which}). Use the recording link above.` };
  }
  const type = result.contentType.split(';')[0]!.trim().toLowerCase();
  const filename = sessionFileNames(report.lsid).recording(EXTENSIONS[type] ?? 'bin');
  return {
    note: `The recording is attached as ${filename} (${bytes(result.bytes.length)}).`,
    file: { filename, contentType: type || 'application/octet-stream', bytes: result.bytes },
  };
}
