/** The reconciliation's answer to the Forge platform: 204 for success, a 5xx the platform records as an error. */
import { describe, expect, it } from '@jest/globals';
import { reconcileAnswer, SCHEDULED_FAILURE, SCHEDULED_SUCCESS } from '../../../src/scheduled/triggerResponse';
import type { ReconcileResult } from '../../../src/reconcile/reconcile';
import { judgeScheduledResponse } from '../../../sandbox/forge-host/scheduledTriggerOutcome';

const pass = (extra: Partial<ReconcileResult> = {}): ReconcileResult => ({
  at: '2026-12-03T08:00:00.000Z',
  windowStart: 1,
  windowEnd: 2,
  lagSeconds: 300,
  listed: 3,
  withKey: 2,
  alreadyImported: 1,
  queued: 1,
  retried: 0,
  missedEvents: 1,
  reportsRead: 0,
  withoutKey: 0,
  complete: true,
  ...extra,
});

describe('reconcileAnswer', () => {
  it('answers 204 for a pass that ran, a partial pass and a pass with nothing to do', () => {
    expect(reconcileAnswer(pass())).toEqual({ statusCode: 204, body: JSON.stringify(pass()) });
    expect(reconcileAnswer(pass({ complete: false })).statusCode).toBe(204);
    expect(reconcileAnswer(undefined)).toEqual({ statusCode: 204, body: 'null' });
  });

  it('answers 503 when PRA could not be listed, even with an empty error message', () => {
    expect(reconcileAnswer(pass({ error: 'HTTP 403 from C:\\reports "x" \u{1F600}' }))).toMatchObject({ statusCode: 503, statusText: 'Reconciliation could not list PRA sessions' });
    expect(reconcileAnswer(pass({ error: '' })).statusCode).toBe(503);
  });

  it('gives answers the platform accepts as well-formed: 204 success, the failures as recorded errors', () => {
    expect(judgeScheduledResponse(SCHEDULED_SUCCESS)).toEqual({ ok: true, status: 204 });
    expect(judgeScheduledResponse(reconcileAnswer(pass({ error: 'x' })))).toMatchObject({ ok: false, status: 503 });
    expect(judgeScheduledResponse(SCHEDULED_FAILURE)).toMatchObject({ ok: false, status: 500 });
  });
});
