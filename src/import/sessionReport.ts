/**
 * The PRA `AccessSession` report as a plain model (pra-appliance-api.md §6.4), read by `reportReader` (by
 * local element names, so documented, real and legacy namespaces alike; `encoded_body` decoded; unknown
 * elements ignored, absent ones left undefined), and the `AccessSessionListing`. Pure: no I/O.
 */
import { attrOf, child, errorMessageOf, many, parseXml } from '../pra/xml';
import { AccessSessionReader, type ReaderOutcome } from './reportReader';

export type { Party, SystemInfoCategory, SessionEvent, Representative, Endpoint, SessionReport } from './sessionModel';
import type { SessionReport } from './sessionModel';

export type ReportLookup =
  | { kind: 'session'; report: SessionReport }
  | Exclude<ReaderOutcome, { kind: 'session' }>;

const opt = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** Finds the session with this lsid in a whole AccessSession answer (small documents and tests; the import streams). */
export function parseAccessSession(xml: string, lsid: string): ReportLookup {
  const reader = new AccessSessionReader(lsid);
  const events = reader.write(xml);
  const outcome = reader.finish();
  if (outcome.kind !== 'session') return outcome;
  return { kind: 'session', report: { ...outcome.header, events } };
}

/** `AccessSessionListing` entries (reconciliation): lsid, external key when present, recording flag. */
export function parseSessionListing(xml: string): { kind: 'list'; sessions: Array<{ lsid: string; externalKey?: string; hasRecording: boolean }> } | { kind: 'no-data'; message: string } | { kind: 'invalid'; message: string } {
  const error = errorMessageOf(xml);
  if (error !== undefined) return { kind: 'no-data', message: error };
  try {
    const { root, node } = parseXml(xml);
    if (root !== 'session_summary_list') return { kind: 'invalid', message: `Expected <session_summary_list>, got <${root}>.` };
    return {
      kind: 'list',
      sessions: many(child(node, 'session_summary')).map((s) => ({
        lsid: attrOf(s, 'lsid') ?? '',
        externalKey: opt(attrOf(s, 'external_key') ?? ''),
        hasRecording: attrOf(s, 'has_recording') === '1',
      })),
    };
  } catch (e) {
    return { kind: 'invalid', message: `The AccessSessionListing report is not XML (${(e as Error).message}).` };
  }
}
