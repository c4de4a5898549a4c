/**
 * The full-length files attached when the comments could not show everything: the chat and notes transcript
 * (.txt, in the order they were written) and the event log (.csv, every event). Built line by line while the
 * report streams by. Excluded event types stay out of both. Every value follows the file rule of shared/text:
 * line separators as line breaks, other control characters as visible escapes (`\x07`). Pure.
 */
import type { SessionEvent } from '../sessionReport';
import type { SessionHeader } from '../reportReader';
import { utc } from '../../shared/format';
import { fileText } from '../../shared/text';

export interface SessionFileNames {
  transcript: string;
  events: string;
  recording: (extension: string) => string;
}

export function sessionFileNames(lsid: string): SessionFileNames {
  return {
    transcript: `pra-session-${lsid}-transcript.txt`,
    events: `pra-session-${lsid}-events.csv`,
    recording: (extension) => `pra-session-${lsid}-recording.${extension}`,
  };
}

/** The first lines of the transcript: the session's details (they precede the events in the report). */
export function transcriptIntro(header: SessionHeader): string {
  return fileText(
    [
      `BeyondTrust PRA session ${header.lsid}`,
      `Jump Item: ${header.jumpItem ?? 'unknown'}`,
      `Start: ${utc(header.startTime)}`,
      `End: ${utc(header.endTime)}`,
      '',
      'Chat messages and session notes, in the order they were written (times in UTC):',
      '',
    ].join('\n') + '\n',
  );
}

/** The transcript's line for an event, or nothing for events that are not chat or notes. */
export function transcriptLine(e: SessionEvent): string | undefined {
  if (!e.body) return undefined;
  if (e.type === 'Chat Message') {
    return fileText(`[${utc(e.timestamp)}] ${e.performedBy?.name || 'system'}${e.destination?.name ? ` -> ${e.destination.name}` : ''}: ${e.body}`) + '\n';
  }
  if (e.type === 'Session Note Added') return fileText(`[${utc(e.timestamp)}] NOTE by ${e.performedBy?.name || 'system'}: ${e.body}`) + '\n';
  return undefined;
}

/** The last line of the transcript. */
export function transcriptOutro(counts: { chat: number; notes: number }): string {
  return `\n-- ${counts.chat} chat messages, ${counts.notes} session notes.\n`;
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : fileText(String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const EVENTS_CSV_HEADER = 'time_utc,unix_time,event_type,performed_by,destination,body,filename,filesize,data\r\n';

export function eventsCsvRow(e: SessionEvent): string {
  return (
    [
      utc(e.timestamp),
      e.timestamp,
      e.type,
      e.performedBy?.name,
      e.destination?.name,
      e.body,
      e.filename ?? e.files.map((f) => f.filename).join('; '),
      e.filesize,
      Object.keys(e.data).length ? JSON.stringify(e.data) : e.systemInformation.length ? JSON.stringify(e.systemInformation) : '',
    ]
      .map(csvCell)
      .join(',') + '\r\n'
  );
}

/** The whole transcript of a parsed report (tests and small uses; the import streams the same lines). */
export function transcriptText(report: SessionHeader & { events: SessionEvent[] }, excludedEventTypes: string[]): string {
  const skip = new Set(excludedEventTypes);
  const events = report.events.filter((e) => !skip.has(e.type));
  const lines = events.map(transcriptLine).filter((l): l is string => l !== undefined);
  const chat = events.filter((e) => e.type === 'Chat Message' && e.body).length;
  const notes = events.filter((e) => e.type === 'Session Note Added' && e.body).length;
  return transcriptIntro(report) + lines.join('') + transcriptOutro({ chat, notes });
}

export function eventsCsv(report: { events: SessionEvent[] }, excludedEventTypes: string[]): string {
  const skip = new Set(excludedEventTypes);
  return EVENTS_CSV_HEADER + report.events.filter((e) => !skip.has(e.type)).map(eventsCsvRow).join('');
}
