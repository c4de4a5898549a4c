/**
 * What a scheduled trigger function answers the Forge platform (function reference, "Scheduled triggers",
 * Response): `statusCode` (integer, required; 204 is success, the 500 series are errors), optional
 * `statusText`, `body` (string) and `headers` (arrays of strings). Anything else, nothing included, is
 * recorded by the platform as an error with status 424 Failed Dependency on every run.
 */
import type { ReconcileResult } from '../reconcile/reconcile';

export interface ScheduledTriggerResponse {
  statusCode: number;
  statusText?: string;
  /** What the pass did, as JSON: the platform ignores it, the sandbox's "Reconcile now" shows it. */
  body?: string;
}

/** The pass ran, or had nothing to do (integration off or not configured). */
export const SCHEDULED_SUCCESS: ScheduledTriggerResponse = { statusCode: 204 };

/** The reconciliation pass's answer: success, or a 5xx the platform records as an error. */
export function reconcileAnswer(result: ReconcileResult | undefined): ScheduledTriggerResponse {
  const body = JSON.stringify(result ?? null);
  if (result?.error !== undefined) {
    // PRA could not be listed; the pass resumes next hour and the Health tab shows the reason.
    return { statusCode: 503, statusText: 'Reconciliation could not list PRA sessions', body };
  }
  return { ...SCHEDULED_SUCCESS, body };
}

/** An unexpected failure (storage, a bug): answered, not thrown, so the platform records a 500. */
export const SCHEDULED_FAILURE: ScheduledTriggerResponse = { statusCode: 500, statusText: 'Reconciliation failed' };
