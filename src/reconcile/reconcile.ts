/**
 * Self-healing import: an hourly pass lists the sessions that ended since a stored UTC watermark
 * (AccessSessionListing) and queues every one with an external key that the import ledger does not
 * show, so a lost or blocked outbound event loses nothing. It also gives failed imports another try.
 * The listing's `external_key` attribute is inferred, not confirmed: for an unknown session listed
 * without one, the pass reads its AccessSession report (whose `<external_key>` is confirmed), at most
 * `maxReportFetches` per pass, and queues it, or records it as unmatched so it is never read again.
 *
 * The pass is bounded (time and number of sessions handled) and resumable: it keeps the window it is
 * working on and how far it got, and the watermark only moves past a window once all of it is handled.
 * Windows are at most 24 hours, so a long outage is caught up over several passes, and end five
 * minutes before the pass (SAFETY_LAG_SECONDS; `lagSeconds` changes it, see reconcileLag.ts).
 */
import { kvs } from '@forge/kvs';
import { PraClient } from '../pra/client';
import { loadConnection } from '../config/store';
import { parseSessionListing } from '../import/sessionReport';
import { AccessSessionReader } from '../import/reportReader';
import { createRecord, getRecord, newRecord, saveRecord, LSID_PATTERN } from '../import/ledger';
import { enqueueImport } from '../import/importQueue';
import { trimEventLog } from '../import/eventLog';
import { log } from '../shared/log';
import { DEFAULT_RECONCILE_LAG_SECONDS } from './reconcileLag';

const STATE_KEY = 'reconcile:state';
export const MAX_WINDOW_SECONDS = 24 * 3600;
/**
 * Windows end this far in the past: a session that ended in the last minutes is normally imported from
 * its outbound event, its report may still lag, and clocks differ; the next pass covers it.
 */
export const SAFETY_LAG_SECONDS = DEFAULT_RECONCILE_LAG_SECONDS;
/** How far back the very first pass looks. */
export const FIRST_LOOKBACK_SECONDS = 24 * 3600;
/** Failed imports are retried by reconciliation at most this many times. */
export const MAX_RECONCILE_RETRIES = 3;

export interface ReconcileResult {
  at: string;
  windowStart: number;
  windowEnd: number;
  /** How long before the pass its window ended (seconds). */
  lagSeconds: number;
  listed: number;
  withKey: number;
  alreadyImported: number;
  queued: number;
  retried: number;
  /** Sessions queued here that no outbound event had announced: PRA's events are not arriving. */
  missedEvents: number;
  /** Unknown sessions listed without an external key whose report the pass read to find one. */
  reportsRead: number;
  /** Of those, sessions whose report has no external key either: recorded as unmatched, never read again. */
  withoutKey: number;
  complete: boolean;
  error?: string;
}

export interface ReconcileState {
  /** Sessions that ended before this (unix seconds, UTC) are all handled. */
  watermark?: number;
  /** The window being worked through, and how many of its sessions are handled. */
  inProgress?: { windowStart: number; windowEnd: number; handled: number };
  lastResult?: ReconcileResult;
}

export async function loadReconcileState(): Promise<ReconcileState> {
  return (await kvs.get<ReconcileState>(STATE_KEY)) ?? {};
}

async function saveState(state: ReconcileState): Promise<void> {
  await kvs.set(STATE_KEY, state);
}

export interface ReconcileOptions {
  nowSeconds?: number;
  /** Stop handling sessions after this long (the function has 900 s). */
  budgetMs?: number;
  /** Stop after handling this many sessions in one pass. */
  maxSessions?: number;
  /** The window ends this long before the pass (default SAFETY_LAG_SECONDS). */
  lagSeconds?: number;
  /** Read at most this many AccessSession reports (listed sessions without a key) in one pass. */
  maxReportFetches?: number;
}

export const DEFAULT_MAX_REPORT_FETCHES = 50;
export const NO_EXTERNAL_KEY_REASON = 'The session has no external key: it was not started from a ticket.';

type KeyLookup = { kind: 'key'; externalKey: string } | { kind: 'none' } | { kind: 'unknown' };

/** The external key in a session's AccessSession report; `unknown` when the report is not (yet) usable. */
async function externalKeyFromReport(pra: PraClient, lsid: string): Promise<KeyLookup> {
  // streamed like the import reads it: the events go by and are forgotten, so a long session costs no memory
  const reader = new AccessSessionReader(lsid);
  await pra.reportXmlStream({ generate_report: 'AccessSession', lsid }, (chunk) => {
    reader.write(chunk);
  });
  const outcome = reader.finish();
  if (outcome.kind !== 'session' || outcome.header.endTime === undefined) return { kind: 'unknown' };
  return outcome.header.externalKey ? { kind: 'key', externalKey: outcome.header.externalKey } : { kind: 'none' };
}

export async function reconcile(options: ReconcileOptions = {}): Promise<ReconcileResult | undefined> {
  const started = Date.now();
  const budgetMs = options.budgetMs ?? 600_000;
  const maxSessions = options.maxSessions ?? 500;
  const maxReportFetches = options.maxReportFetches ?? DEFAULT_MAX_REPORT_FETCHES;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const lagSeconds = options.lagSeconds ?? SAFETY_LAG_SECONDS;
  await trimEventLog();

  const connection = await loadConnection();
  if (!connection || !connection.settings.enabled) return undefined;
  const pra = new PraClient({ hostName: connection.settings.hostName, clientId: connection.settings.clientId, clientSecret: connection.clientSecret });

  const state = await loadReconcileState();
  const windowStart = state.inProgress?.windowStart ?? state.watermark ?? now - FIRST_LOOKBACK_SECONDS;
  const windowEnd = state.inProgress?.windowEnd ?? Math.min(now - lagSeconds, windowStart + MAX_WINDOW_SECONDS);
  let handled = state.inProgress?.handled ?? 0;
  const result: ReconcileResult = {
    at: new Date().toISOString(),
    windowStart,
    windowEnd,
    lagSeconds,
    listed: 0,
    withKey: 0,
    alreadyImported: 0,
    queued: 0,
    retried: 0,
    missedEvents: 0,
    reportsRead: 0,
    withoutKey: 0,
    complete: false,
  };

  if (windowEnd <= windowStart) return { ...result, complete: true };
  try {
    const xml = await pra.reportXml({ generate_report: 'AccessSessionListing', end_time: String(windowStart), duration: String(Math.max(1, windowEnd - windowStart)) });
    const listing = parseSessionListing(xml);
    if (listing.kind === 'invalid') throw new Error(listing.message);
    const sessions = listing.kind === 'list' ? listing.sessions.filter((s) => LSID_PATTERN.test(s.lsid)) : [];
    result.listed = sessions.length;
    let handledThisPass = 0;
    for (const session of sessions.slice(handled)) {
      if (Date.now() - started > budgetMs || handledThisPass >= maxSessions) break;
      const lsid = session.lsid.toLowerCase();
      const record = await getRecord(lsid);
      if (!record) {
        let externalKey = session.externalKey;
        if (!externalKey) {
          // The listing gave no key (real listings may never carry one): the report says.
          if (result.reportsRead >= maxReportFetches) break;
          result.reportsRead += 1;
          const found = await externalKeyFromReport(pra, lsid);
          if (found.kind === 'none') {
            // Known to the ledger from now on (never read again), but not in the recent imports: not a Jira session.
            result.withoutKey += 1;
            if (!(await getRecord(lsid))) await saveRecord(newRecord(lsid, 'reconcile', { status: 'unmatched', reason: NO_EXTERNAL_KEY_REASON }));
            handled += 1;
            handledThisPass += 1;
            continue;
          }
          // A key, or a report not usable yet: the import reads it again, and retries or records the outcome.
          externalKey = found.kind === 'key' ? found.externalKey : undefined;
        }
        result.withKey += 1;
        await createRecord(newRecord(lsid, 'reconcile', externalKey ? { eventExternalKey: externalKey } : {}));
        await enqueueImport(lsid, 'reconcile');
        result.queued += 1;
        result.missedEvents += 1;
      } else if (record.status === 'failed' && (record.reconcileRetries ?? 0) < MAX_RECONCILE_RETRIES) {
        result.withKey += 1;
        await saveRecord({ ...record, status: 'queued', attempts: 0, notReadyAttempts: 0, rateLimited: 0, reconcileRetries: (record.reconcileRetries ?? 0) + 1, reason: 'Retried by the hourly reconciliation.' });
        await enqueueImport(lsid, 'reconcile');
        result.retried += 1;
      } else if (session.externalKey || record.reason !== NO_EXTERNAL_KEY_REASON) {
        result.withKey += 1;
        result.alreadyImported += 1;
      }
      handled += 1;
      handledThisPass += 1;
    }
    result.complete = handled >= sessions.length;
    const next: ReconcileState = result.complete
      ? { watermark: windowEnd, lastResult: result }
      : { watermark: state.watermark, inProgress: { windowStart, windowEnd, handled }, lastResult: result };
    await saveState(next);
  } catch (error) {
    result.error = (error as Error).message;
    await saveState({ ...state, lastResult: result });
    log.warn('reconcile.failed', { error });
  }
  log.info('reconcile.pass', { ...result });
  return result;
}
