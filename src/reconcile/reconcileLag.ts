/**
 * How long before a reconciliation pass its window ends. The default (five minutes) leaves a session that
 * just ended to its outbound event, lets the report catch up and absorbs clock skew. A deployment can
 * change it with the Forge environment variable `RECONCILE_LAG_SECONDS` (`forge variables set`); the
 * sandbox sets a few seconds so "end a session, then run the reconciliation now" finds it.
 */
export const DEFAULT_RECONCILE_LAG_SECONDS = 300;
/** A lag longer than an hour would leave hourly passes with empty windows. */
export const MAX_RECONCILE_LAG_SECONDS = 3600;

/** The lag from the variable's text: whole seconds 0..3600; absent or unreadable → the default. */
export function reconcileLagSeconds(variable: string | undefined): number {
  const text = variable?.trim() ?? '';
  if (!/^\d{1,6}$/.test(text)) return DEFAULT_RECONCILE_LAG_SECONDS;
  return Math.min(Number(text), MAX_RECONCILE_LAG_SECONDS);
}
