/** Hourly scheduled trigger: the reconciliation pass (src/reconcile). */
import { reconcile } from '../reconcile/reconcile';

export async function reconcileSessions(): Promise<void> {
  await reconcile();
}
