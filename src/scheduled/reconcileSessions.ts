/**
 * Hourly scheduled trigger: the reconciliation pass (src/reconcile), answered the way Forge expects
 * (a response with a status; returning nothing is recorded as a 424 error on every run). The body says
 * what the pass did, as JSON (`null` when the integration is off): the platform keeps only the status,
 * the sandbox's "Reconcile now" shows the body.
 */
import { reconcile } from '../reconcile/reconcile';
import { reconcileLagSeconds } from '../reconcile/reconcileLag';
import { log } from '../shared/log';
import { reconcileAnswer, SCHEDULED_FAILURE, type ScheduledTriggerResponse } from './triggerResponse';

export async function reconcileSessions(): Promise<ScheduledTriggerResponse> {
  try {
    return reconcileAnswer(await reconcile({ lagSeconds: reconcileLagSeconds(process.env.RECONCILE_LAG_SECONDS) }));
  } catch (error) {
    log.error('reconcile.crashed', { error });
    return SCHEDULED_FAILURE;
  }
}
