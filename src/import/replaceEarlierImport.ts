/**
 * Replacing an earlier import when a session is imported again (Re-import). The new generation is
 * written in full first (importSession); only then does this step delete what earlier generations of the
 * same session wrote. So the ticket holds at least one complete set at every moment, and exactly one once
 * this step has run; a crash while deleting is resumed by running it again (already gone = deleted).
 *
 * Only the app's own writes are deleted:
 *  - comments carrying the app's marker for this session with a superseded generation;
 *  - attachments whose id the ledger recorded for a superseded generation, still under the recorded name
 *    and written by an app.
 * A person's comment, or a person's file with the same name, is never touched.
 */
import { JiraError, type JiraClient } from '../jira/client';
import { deleteComment, findMarkedComments } from '../jira/comments';
import { byAnApp, deleteAttachment, listAttachments, type AttachmentInfo } from '../jira/attachments';
import { COMMENT_MARKER_KEY } from './commentMarker';
import { saveRecord, type ImportRecord, type SupersededSet } from './ledger';

/**
 * What a re-import must remember (pure): the sets earlier re-imports have not deleted yet, plus whatever
 * the current generation wrote (complete or not).
 */
export function supersededBy(record: ImportRecord): SupersededSet[] {
  const sets = [...(record.superseded ?? [])];
  const { comments, attachments, pending } = record.progress;
  if (record.plan || pending || Object.keys(comments).length > 0 || Object.keys(attachments).length > 0) {
    sets.push({ generation: record.generation, ...(record.ticketKey ? { ticketKey: record.ticketKey } : {}), comments: { ...comments }, attachments: { ...attachments } });
  }
  return sets;
}

/** The marked comments to delete (pure): this session's, of a superseded generation. */
export function commentsToDelete(marked: Array<{ id: string; marker: Record<string, unknown> }>, lsid: string, sets: SupersededSet[]): string[] {
  const generations = new Set(sets.map((s) => s.generation));
  return marked.filter((c) => c.marker.lsid === lsid && typeof c.marker.generation === 'number' && generations.has(c.marker.generation)).map((c) => c.id);
}

/** The attachments to delete (pure): recorded ids of superseded sets still on the issue under the recorded name. */
export function attachmentsToDelete(listed: AttachmentInfo[], sets: SupersededSet[]): string[] {
  const recorded = new Map(sets.flatMap((s) => Object.entries(s.attachments).map(([filename, id]) => [id, filename] as const)));
  return listed.filter((a) => recorded.get(a.id) === a.filename && byAnApp(a)).map((a) => a.id);
}

/** Attachment ids of superseded sets: a resumed upload must never take one of these for its own. */
export function supersededAttachmentIds(record: ImportRecord): Set<string> {
  return new Set((record.superseded ?? []).flatMap((s) => Object.values(s.attachments)));
}

/**
 * Deletes the superseded sets; call only once the current generation's set is complete on `issueKey`.
 * A set is deleted from the ticket it was written to; a ticket that no longer exists (or the app can no
 * longer see) has nothing left to delete.
 */
export async function removeSupersededSets(jira: JiraClient, record: ImportRecord, issueKey: string): Promise<ImportRecord> {
  const sets = record.superseded ?? [];
  if (sets.length === 0) return record;
  const tickets = [...new Set(sets.map((s) => s.ticketKey ?? issueKey))];
  for (const ticket of tickets) {
    const ofTicket = sets.filter((s) => (s.ticketKey ?? issueKey) === ticket);
    try {
      const marked = await findMarkedComments(jira, ticket, COMMENT_MARKER_KEY);
      for (const id of commentsToDelete(marked, record.lsid, ofTicket)) await deleteComment(jira, ticket, id);
      for (const id of attachmentsToDelete(await listAttachments(jira, ticket), ofTicket)) await deleteAttachment(jira, id);
    } catch (error) {
      if (!(error instanceof JiraError && error.notFound && ticket !== issueKey)) throw error;
    }
  }
  const { superseded: _deleted, ...rest } = record;
  return saveRecord(rest);
}
