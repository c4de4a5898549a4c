/**
 * Self-healing: with PRA's outbound events switched off, the hourly reconciliation still brings ended
 * sessions to their tickets, exactly once; a pass stopped halfway resumes; and the health view says that
 * events stopped arriving.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startImportWorld, type ImportWorld } from '../import/importFixture';
import { kvs } from '@forge/kvs';
import { loadReconcileState, reconcile } from '../../../src/reconcile/reconcile';

let w: ImportWorld;
beforeAll(async () => {
  w = await startImportWorld();
});
afterAll(() => w.close());

const ownComments = (key: string, lsid: string) => w.importComments(key, lsid);
const runPass = async () => {
  // Forge records an error (424) for a scheduled trigger that answers nothing; this one answers 204.
  expect(await w.host.runScheduledTrigger('reconcile-sessions')).toMatchObject({ ok: true, status: 204, response: { statusCode: 204 } });
  await w.settle();
};
const health = async () => (await w.configCall('getHealth')).health;
/** Old enough for the reconciliation window (which ends 5 minutes before the pass). */
const TEN_MINUTES = 600;
const asScheduled = { functionKey: 'reconcile-fn', moduleType: 'scheduledTrigger' as const, moduleKey: 'reconcile-sessions' };
/** Moves the watermark back an hour, so sessions backdated by ten minutes fall in the next window. */
const rewindWatermark = () => w.host.runAs(asScheduled, () => kvs.set('reconcile:state', { watermark: Math.floor(Date.now() / 1000) - 3600 }));

describe('reconciliation', () => {
  it('imports a session whose outbound event was never delivered, exactly once', async () => {
    w.pra.pauseOutbound();
    const lost = await w.endSession({ externalKey: 'SD-1', events: [{ eventType: 'Chat Message', performedBy: 'rep', body: 'event never delivered' }] }, TEN_MINUTES);
    const noKey = await w.endSession({}, TEN_MINUTES);
    const recent = await w.endSession({ externalKey: 'SD-1' });
    await w.host.queue.idle();
    expect(await ownComments('SD-1', lost)).toHaveLength(0);

    await runPass();
    expect(await ownComments('SD-1', lost)).toHaveLength(1);
    // a session that ended moments ago is left to its outbound event (or the next pass)
    expect(await ownComments('SD-1', recent)).toHaveLength(0);
    const result = (await health()).reconcile;
    expect(result).toMatchObject({ complete: true, queued: 1, missedEvents: 1 });
    expect(result.listed).toBeGreaterThanOrEqual(2);

    // sessions without an external key are not PRA sessions for Jira: reconciliation leaves them alone
    const activity = await w.configCall('listImportActivity');
    expect(activity.imports.find((i: { lsid: string }) => i.lsid === noKey)).toBeUndefined();

    // a second pass, and the late events themselves, change nothing
    await runPass();
    w.pra.resumeOutbound();
    await w.settle();
    expect(await ownComments('SD-1', lost)).toHaveLength(1);
    expect(await ownComments('SD-1', recent)).toHaveLength(1);
  });

  it('says on the configuration page that events stopped arriving', async () => {
    w.pra.pauseOutbound();
    try {
      await rewindWatermark();
      await w.endSession({ externalKey: 'SD-7' }, TEN_MINUTES);
      // the last event arrived more than an hour before this pass
      await w.host.runAs(asScheduled, () => kvs.set('health:last-event', { at: new Date(Date.now() - 3 * 3600_000).toISOString() }));
      await runPass();
      const h = await health();
      expect(h.warnings.some((warning: string) => warning.startsWith('Outbound events have stopped arriving: the last reconciliation'))).toBe(true);
      expect(h.pra).toMatchObject({ status: 'ok', apiVersion: '1.25.0', tokenValid: true });
      expect(h.lastImport.at).toBeDefined();
      expect(h.jiraPermissions.every((p: { granted: boolean }) => p.granted)).toBe(true);
    } finally {
      w.pra.resumeOutbound();
      await w.settle();
    }
  });

  it('resumes a pass that stopped halfway without duplicates, and only then moves the watermark', async () => {
    w.pra.pauseOutbound();
    await rewindWatermark();
    const lsids: string[] = [];
    for (let i = 0; i < 5; i++) lsids.push(await w.endSession({ externalKey: 'SD-7', events: [{ eventType: 'Session Note Added', performedBy: 'rep', body: `batch ${i}` }] }, TEN_MINUTES));
    const stateBefore = await w.host.runAs(asScheduled, () => loadReconcileState());

    // passes that may handle only two sessions each
    const first = await w.host.runAs(asScheduled, () => reconcile({ maxSessions: 2 }));
    expect(first).toMatchObject({ complete: false });
    const halfway = await w.host.runAs(asScheduled, () => loadReconcileState());
    expect(halfway.watermark).toBe(stateBefore.watermark);
    expect(halfway.inProgress?.handled).toBe(2);
    await w.host.runAs(asScheduled, () => reconcile({ maxSessions: 2 }));
    const last = await w.host.runAs(asScheduled, () => reconcile());
    expect(last).toMatchObject({ complete: true });
    const after = await w.host.runAs(asScheduled, () => loadReconcileState());
    expect(after.inProgress).toBeUndefined();
    expect(after.watermark).toBe(halfway.inProgress!.windowEnd);

    await w.settle();
    for (const lsid of lsids) expect(await ownComments('SD-7', lsid)).toHaveLength(1);
    w.pra.resumeOutbound();
    await w.settle();
    for (const lsid of lsids) expect(await ownComments('SD-7', lsid)).toHaveLength(1);
  });

  it('retries a failed import once it can succeed', async () => {
    w.pra.updateAccount(w.pra.listAccounts()[0]!.clientId, { permissions: { reporting: false } });
    const lsid = await w.endSession({ externalKey: 'SD-7' }, TEN_MINUTES);
    await w.settle();
    const before = (await w.configCall('listImportActivity')).imports.find((i: { lsid: string }) => i.lsid === lsid);
    expect(before.status).toBe('failed');
    w.pra.updateAccount(w.pra.listAccounts()[0]!.clientId, { permissions: { reporting: true } });
    await rewindWatermark();
    await runPass();
    expect((await health()).reconcile.retried).toBeGreaterThanOrEqual(1);
    expect(await ownComments('SD-7', lsid)).toHaveLength(1);
  });

  it('answers the platform 503 when PRA cannot list sessions, so the run is recorded as an error', async () => {
    const clientId = w.pra.listAccounts()[0]!.clientId;
    w.pra.updateAccount(clientId, { permissions: { reporting: false } });
    await rewindWatermark(); // a window to list, whatever the passes before left
    try {
      const run = await w.host.runScheduledTrigger('reconcile-sessions');
      expect(run).toMatchObject({ ok: false, status: 503, response: { statusCode: 503, statusText: 'Reconciliation could not list PRA sessions' } });
      expect((await health()).reconcile.error).toBeTruthy();
    } finally {
      w.pra.updateAccount(clientId, { permissions: { reporting: true } });
    }
    await runPass();
  });
});

describe('reconciliation when the listing carries no external key (issue 11 item 9)', () => {
  const reportReads = () => w.pra.counters().byReportType.AccessSession ?? 0;
  const withoutListingKey = async (run: () => Promise<void>) => {
    w.pra.pauseOutbound();
    w.pra.setKnobs({ listingExternalKey: false });
    try {
      await run();
    } finally {
      w.pra.setKnobs({ listingExternalKey: true });
      w.pra.resumeOutbound();
      await w.settle();
    }
  };

  it('reads the report of an unknown session to find its key: imports it once, records a keyless one as unmatched and never reads it again', async () => {
    await withoutListingKey(async () => {
      await rewindWatermark();
      const lost = await w.endSession({ externalKey: 'SD-1', events: [{ eventType: 'Chat Message', performedBy: 'rep', body: 'listed without its key' }] }, TEN_MINUTES);
      const noKey = await w.endSession({}, TEN_MINUTES);
      await w.host.queue.idle();
      const listing = await (await fetch(`${w.praUrl}/__sim/knobs`)).json();
      expect(listing.listingExternalKey).toBe(false);

      const readsBefore = reportReads();
      const first = await w.host.runAs(asScheduled, () => reconcile());
      expect(first).toMatchObject({ complete: true, queued: 1, missedEvents: 1, withoutKey: 1 });
      expect(first!.reportsRead).toBe(2);
      await w.settle();
      expect(await ownComments('SD-1', lost)).toHaveLength(1);

      // The keyless session is known now: a pass over the same window reads no report for it.
      await rewindWatermark();
      const readsAfterFirst = reportReads();
      const second = await w.host.runAs(asScheduled, () => reconcile());
      expect(second).toMatchObject({ complete: true, queued: 0, reportsRead: 0 });
      await w.settle();
      expect(reportReads()).toBe(readsAfterFirst);
      expect(readsAfterFirst).toBeGreaterThan(readsBefore);
      expect(await ownComments('SD-1', lost)).toHaveLength(1);
      // Not a Jira session: it stays out of the admin's recent imports.
      const activity = await w.configCall('listImportActivity');
      expect(activity.imports.find((i: { lsid: string }) => i.lsid === noKey)).toBeUndefined();
    });
  });

  it('reads at most maxReportFetches reports per pass and resumes where it stopped', async () => {
    await withoutListingKey(async () => {
      await rewindWatermark();
      const lsids: string[] = [];
      for (let i = 0; i < 3; i++) lsids.push(await w.endSession({ externalKey: 'SD-7', events: [{ eventType: 'Session Note Added', performedBy: 'rep', body: `budget ${i}` }] }, TEN_MINUTES));
      await w.host.queue.idle();

      const first = await w.host.runAs(asScheduled, () => reconcile({ maxReportFetches: 2 }));
      expect(first).toMatchObject({ complete: false, reportsRead: 2, queued: 2 });
      const second = await w.host.runAs(asScheduled, () => reconcile({ maxReportFetches: 2 }));
      expect(second).toMatchObject({ complete: true, reportsRead: 1, queued: 1 });
      await w.settle();
      for (const lsid of lsids) expect(await ownComments('SD-7', lsid)).toHaveLength(1);
    });
  });
});
