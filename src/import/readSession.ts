/**
 * Reads one session from PRA as a stream: the AccessSession report's body goes through the streaming reader,
 * each event at once into the digest (what the comments need) and into the transcript and event log files
 * (compressed as they go when large), then is dropped. Memory stays bounded whatever the session's size;
 * the whole report is never held. A report that is cut off, malformed or too large says so instead.
 */
import type { PraClient } from '../pra/client';
import { AccessSessionReader, type ReaderOutcome, type SessionHeader } from './reportReader';
import { SessionDigest } from './sessionDigest';
import { LogFileBuilder, type PackagedFile } from './logFilePackaging';
import { EVENTS_CSV_HEADER, eventsCsvRow, sessionFileNames, transcriptIntro, transcriptLine, transcriptOutro } from './render/transcriptAndEventLog';

export interface SessionRead {
  kind: 'session';
  header: SessionHeader;
  digest: SessionDigest;
  /** Finishes the transcript and event log for this upload limit (later calls give the same files). */
  files(uploadLimit: number): Promise<{ transcript: PackagedFile; events: PackagedFile }>;
  /** Frees what the files still hold when they are not needed. */
  discard(): void;
}

export type ReadOutcome = SessionRead | Exclude<ReaderOutcome, { kind: 'session' }>;

/** Report size after which the site's upload limit is looked up, before any file can reach 1 MB. */
const LIMIT_LOOKUP_AFTER_BYTES = 256 * 1024;

/**
 * Streams the report of `lsid` from `source` (a PRA client, or any producer of body pieces for tests and the
 * benchmark). `uploadLimit` is asked for at most once, only when the report is large.
 */
export async function readSession(
  source: PraClient | ((sink: (chunk: Uint8Array) => Promise<void>) => Promise<void>),
  lsid: string,
  excludedEventTypes: string[],
  uploadLimit: () => Promise<number>,
): Promise<ReadOutcome> {
  const reader = new AccessSessionReader(lsid);
  const digest = new SessionDigest(new Set(excludedEventTypes));
  const names = sessionFileNames(lsid);
  const transcript = new LogFileBuilder(names.transcript, 'text/plain; charset=utf-8');
  const events = new LogFileBuilder(names.events, 'text/csv; charset=utf-8');
  events.write(EVENTS_CSV_HEADER);
  let introduced = false;
  const introduce = (header: SessionHeader | undefined) => {
    if (introduced || !header) return;
    introduced = true;
    transcript.write(transcriptIntro(header));
  };
  let read = 0;
  let limitKnown = false;

  const sink = async (chunk: Uint8Array) => {
    read += chunk.byteLength;
    if (!limitKnown && read > LIMIT_LOOKUP_AFTER_BYTES) {
      limitKnown = true;
      const limit = await uploadLimit();
      transcript.setUploadLimit(limit);
      events.setUploadLimit(limit);
    }
    const completed = reader.write(chunk);
    introduce(reader.header);
    for (const event of completed) {
      if (digest.isExcluded(event.type)) continue;
      digest.add(event);
      const line = transcriptLine(event);
      if (line) transcript.write(line);
      events.write(eventsCsvRow(event));
    }
    await transcript.drain();
    await events.drain();
  };
  if (typeof source === 'function') await source(sink);
  else await source.reportXmlStream({ generate_report: 'AccessSession', lsid }, sink);

  const outcome = reader.finish();
  if (outcome.kind !== 'session') {
    transcript.discard();
    events.discard();
    return outcome;
  }
  introduce(outcome.header);
  transcript.write(transcriptOutro(digest));
  let finished: Promise<{ transcript: PackagedFile; events: PackagedFile }> | undefined;
  return {
    kind: 'session',
    header: outcome.header,
    digest,
    files: (limit) =>
      (finished ??= Promise.all([transcript.finish(limit), events.finish(limit)]).then(([t, e]) => ({ transcript: t, events: e }))),
    discard: () => {
      if (finished) return;
      transcript.discard();
      events.discard();
    },
  };
}
