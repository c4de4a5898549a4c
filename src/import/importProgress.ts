/**
 * The exactly-once core of an import: the plan (what the comments say, which files go with them) is decided
 * once per generation and stored, so a resumed import writes the same parts; then the planned comment parts
 * and files are written to the ticket, each one recorded in the ledger as it lands. Before every write the ledger says which write is under way
 * (`pending`); after it, the write's id. A write whose acknowledgement was lost (the process died, the answer
 * never came) is found again on the next run — a comment by its marker, a file by its name and time — and is
 * recorded instead of being repeated. The ledger and the ticket are reached only through the two small
 * interfaces below, so this protocol is tested on its own over an in-memory ledger.
 */
import type { AdfDoc } from '../jira/adf';
import type { ImportPlan, ImportProgress, ImportRecord } from './ledger';

/** Where records are kept (the KVS ledger in production). */
export interface ProgressStore {
  save(record: ImportRecord): Promise<ImportRecord>;
}

/** The ticket's side: writing, and finding a write whose answer was lost. */
export interface TicketWriter {
  postComment(part: number, parts: number, body: AdfDoc): Promise<string>;
  /** The id of this generation's comment `part`, if it is on the ticket. */
  findComment(part: number): Promise<string | undefined>;
  uploadFile(filename: string, contentType: string, content: Buffer): Promise<string>;
  /** The id of a file of that name attached since `since` (ms), if there is one. */
  findFile(filename: string, since: number): Promise<string | undefined>;
}

export interface PlannedUpload {
  filename: string;
  contentType: string;
  /** Produced only when the file still has to be uploaded. */
  content: () => Promise<Buffer>;
}

/**
 * Decides the plan once: a record that has one keeps it (its assignee change, recording decision and part
 * count are not made again); otherwise `decide` runs and its plan is stored with the generation's start.
 */
export async function planOnce(record: ImportRecord, store: ProgressStore, decide: () => Promise<{ plan: ImportPlan; assignee?: 'done' | 'skipped' }>): Promise<ImportRecord> {
  if (record.plan) return record;
  const { plan, assignee } = await decide();
  return store.save({
    ...record,
    generationStartedAt: record.generationStartedAt ?? new Date().toISOString(),
    plan,
    progress: { ...record.progress, ...(assignee ? { assignee } : {}) },
  });
}

function copy(progress: ImportProgress): ImportProgress {
  return { ...progress, comments: { ...progress.comments }, attachments: { ...progress.attachments } };
}

/** Settles a write that was sent but never acknowledged: did it land? */
export async function recoverPending(record: ImportRecord, store: ProgressStore, ticket: TicketWriter): Promise<ImportRecord> {
  const pending = record.progress.pending;
  if (!pending) return record;
  const progress = copy(record.progress);
  if (pending.kind === 'comment') {
    const id = await ticket.findComment(pending.part);
    if (id) progress.comments[String(pending.part)] = id;
  } else {
    const since = Date.parse(record.generationStartedAt ?? record.receivedAt) - 60_000;
    const id = await ticket.findFile(pending.filename, since);
    if (id) progress.attachments[pending.filename] = id;
  }
  delete progress.pending;
  return store.save({ ...record, progress });
}

/** Sets `pending`, runs the write, records its id and clears `pending`. */
async function tracked(
  record: ImportRecord,
  store: ProgressStore,
  pending: NonNullable<ImportProgress['pending']>,
  write: () => Promise<string>,
  done: (progress: ImportProgress, id: string) => void,
): Promise<ImportRecord> {
  record = await store.save({ ...record, progress: { ...copy(record.progress), pending } });
  const id = await write();
  const progress = copy(record.progress);
  delete progress.pending;
  done(progress, id);
  return store.save({ ...record, progress });
}

/**
 * Writes every comment part and file not yet recorded, in order; resumes after a crash or a lost answer
 * without writing anything twice. Returns the record with everything recorded.
 */
export async function writePlanned(record: ImportRecord, store: ProgressStore, ticket: TicketWriter, parts: AdfDoc[], uploads: PlannedUpload[]): Promise<ImportRecord> {
  record = await recoverPending(record, store, ticket);
  for (const [i, body] of parts.entries()) {
    const k = i + 1;
    if (record.progress.comments[String(k)]) continue;
    record = await tracked(record, store, { kind: 'comment', part: k }, () => ticket.postComment(k, parts.length, body), (p, id) => {
      p.comments[String(k)] = id;
    });
  }
  for (const upload of uploads) {
    if (record.progress.attachments[upload.filename]) continue;
    const content = await upload.content();
    record = await tracked(record, store, { kind: 'attachment', filename: upload.filename }, () => ticket.uploadFile(upload.filename, upload.contentType, content), (p, id) => {
      p.attachments[upload.filename] = id;
    });
  }
  return record;
}
