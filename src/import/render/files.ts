/**
 * The full-length files attached when the comment had to be shortened: the chat and notes transcript
 * (.txt) and the event log (.csv). Excluded event types stay out of both. Pure.
 */
import type { SessionEvent, SessionReport } from '../sessionReport';
import { utc } from '../../shared/format';
import { eventLine } from './sections';

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

function visible(report: SessionReport, excluded: string[]): SessionEvent[] {
  const skip = new Set(excluded);
  return report.events.filter((e) => !skip.has(e.type));
}

export function transcriptText(report: SessionReport, excludedEventTypes: string[]): string {
  const events = visible(report, excludedEventTypes);
  const lines = [
    `BeyondTrust PRA session ${report.lsid}`,
    `Jump Item: ${report.jumpItem ?? 'unknown'}`,
    `Start: ${utc(report.startTime)}`,
    `End: ${utc(report.endTime)}`,
    '',
    'Chat messages',
    '-------------',
  ];
  const chat = events.filter((e) => e.type === 'Chat Message' && e.body);
  if (!chat.length) lines.push('(none)');
  for (const e of chat) {
    lines.push(`[${utc(e.timestamp)}] ${e.performedBy?.name || 'system'}${e.destination?.name ? ` -> ${e.destination.name}` : ''}: ${e.body}`);
  }
  lines.push('', 'Session notes', '-------------');
  const notes = events.filter((e) => e.type === 'Session Note Added' && e.body);
  if (!notes.length) lines.push('(none)');
  for (const e of notes) lines.push(`[${utc(e.timestamp)}] ${e.performedBy?.name || 'system'}: ${e.body}`);
  lines.push('', 'Event log', '---------');
  for (const e of events) lines.push(eventLine(e));
  return `${lines.join('\n')}\n`;
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function eventsCsv(report: SessionReport, excludedEventTypes: string[]): string {
  const header = ['time_utc', 'unix_time', 'event_type', 'performed_by', 'destination', 'body', 'filename', 'filesize', 'data'];
  const rows = visible(report, excludedEventTypes).map((e) =>
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
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
