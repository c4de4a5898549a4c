/** What the configuration page shows about imports: recent imports and the events that were not imported. */
import { recentEvents, type LoggedEvent } from './eventLog';
import { recentRecords, type ImportRecord } from './ledger';
import { requesterText } from './adminActions';

export interface ImportSummary {
  lsid: string;
  status: ImportRecord['status'];
  ticketKey?: string;
  jumpItem?: string;
  primaryRep?: string;
  receivedAt: string;
  updatedAt: string;
  completedAt?: string;
  reason?: string;
  parts?: number;
  attachments: number;
  source: ImportRecord['source'];
  /** Who asked for it by hand, e.g. "Alex Rivera (assignee)". */
  requestedBy?: string;
  /** A re-import whose new set will replace the comments and files of the earlier import. */
  replacing: boolean;
  canRetry: boolean;
}

export function summarize(record: ImportRecord): ImportSummary {
  return {
    lsid: record.lsid,
    status: record.status,
    ticketKey: record.ticketKey ?? record.eventExternalKey,
    jumpItem: record.jumpItem,
    primaryRep: record.primaryRep,
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
    completedAt: record.completedAt,
    reason: record.reason,
    parts: record.plan?.parts,
    attachments: Object.keys(record.progress.attachments).length,
    source: record.source,
    requestedBy: requesterText(record.requestedBy),
    replacing: (record.superseded?.length ?? 0) > 0,
    canRetry: record.status === 'failed' || record.status === 'unmatched' || record.status === 'skipped',
  };
}

export async function importActivity(limit = 50): Promise<{ imports: ImportSummary[]; events: LoggedEvent[] }> {
  const [records, events] = await Promise.all([recentRecords(limit), recentEvents(limit)]);
  return { imports: records.map(summarize), events };
}
