/** Hourly scheduled trigger: the reconciliation pass (src/reconcile), answered the way Forge expects. */
import { reconcile } from '../reconcile/reconcile';
import { log } from '../shared/log';
import { reconcileAnswer, SCHEDULED_FAILURE, type ScheduledTriggerResponse } from './triggerResponse';

export async function reconcileSessions(): Promise<ScheduledTriggerResponse> {
  try {
    return reconcileAnswer(await reconcile());
  } catch (error) {
    log.error('reconcile.crashed', { error });
    return SCHEDULED_FAILURE;
  }
}
