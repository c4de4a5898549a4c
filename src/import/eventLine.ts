/** One session event as a line a technician can read (time, type, who, what), for the comments. Pure. */
import type { SessionEvent } from './sessionReport';
import { bytes, clip, utc } from '../shared/format';

const sized = (name: string, size: number | undefined) => `${name}${size !== undefined ? ` (${bytes(size)})` : ''}`;

function eventDetails(e: SessionEvent): string {
  const parts: string[] = [];
  if (e.performedBy?.name) parts.push(e.destination?.name ? `${e.performedBy.name} → ${e.destination.name}` : e.performedBy.name);
  else if (e.destination?.name) parts.push(`→ ${e.destination.name}`);
  if (e.body) parts.push(`"${clip(e.body.replace(/\s+/g, ' '), 300).text}"`);
  if (e.filename) parts.push(sized(e.filename, e.filesize));
  for (const f of e.files.slice(0, 20)) parts.push(sized(f.filename, f.filesize));
  const data = Object.entries(e.data).filter(([k]) => !(k === 'filename' && e.filename) && !(k === 'filesize' && e.filesize !== undefined));
  if (data.length) parts.push(data.slice(0, 30).map(([k, v]) => `${k}=${clip(v, 200).text}`).join(', '));
  if (e.systemInformation.length) parts.push(`categories: ${e.systemInformation.slice(0, 30).map((c) => c.name).join(', ')}`);
  return clip(parts.join('  '), 600).text;
}

export function eventLine(e: SessionEvent): string {
  const details = eventDetails(e);
  return `${utc(e.timestamp)}  ${clip(e.type, 200).text}${details ? `  ${details}` : ''}`;
}
