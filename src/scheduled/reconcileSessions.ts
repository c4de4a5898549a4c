/**
 * Hourly scheduled trigger: the reconciliation pass (src/reconcile). Forge records a run that returns
 * no `{statusCode}` response as failed (424), so the pass answers 200 with what it did as JSON (`null`
 * when the integration is not configured or is disabled); the platform keeps only the status.
 */
import { reconcile } from '../reconcile/reconcile';
import { reconcileLagSeconds } from '../reconcile/reconcileLag';

export interface ScheduledTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

export async function reconcileSessions(): Promise<ScheduledTriggerResponse> {
  const result = await reconcile({ lagSeconds: reconcileLagSeconds(process.env.RECONCILE_LAG_SECONDS) });
  return { statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(result ?? null) };
}
