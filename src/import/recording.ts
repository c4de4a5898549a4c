/**
 * "Attach session recordings": download the recording (AccessSessionRecording) and attach it when it
 * fits both the configured cap and the Jira site's upload limit; otherwise the comment links to it and
 * says why it was not attached. The file is named and typed after the container its first bytes show
 * (MP4, WebM, …); one the app does not recognise is attached as .bin and the comment says why.
 */
import type { JiraClient } from '../jira/client';
import { attachmentSettings } from '../jira/attachments';
import type { PraClient } from '../pra/client';
import type { SessionReport } from './sessionReport';
import { bytes } from '../shared/format';
import { sessionFileNames } from './render/transcriptAndEventLog';
import { firstBytesHex, sniffContainer } from './recordingContainer';

export interface RecordingFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordingDecision {
  note?: string;
  file?: RecordingFile;
}

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
  const container = sniffContainer(result.bytes);
  if (container) {
    const filename = sessionFileNames(report.lsid).recording(container.extension);
    return {
      note: `The recording is attached as ${filename} (${container.label}, ${bytes(result.bytes.length)}).`,
      file: { filename, contentType: container.contentType, bytes: result.bytes },
    };
  }
  const filename = sessionFileNames(report.lsid).recording('bin');
  const start = result.bytes.length ? `its first bytes (${firstBytesHex(result.bytes)}) match` : 'it is empty, so it matches';
  return {
    note: `The recording is attached as ${filename} (${bytes(result.bytes.length)}): its format could not be recognised (${start} no video container the app knows: MP4, QuickTime, WebM, Matroska, FLV, AVI, Ogg), so it is saved as .bin. Open it with a player that detects the format, or use the recording link above.`,
    file: { filename, contentType: 'application/octet-stream', bytes: result.bytes },
  };
}
