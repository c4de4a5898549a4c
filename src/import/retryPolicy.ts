/**
 * When to try an import again, and when to give up. Pure.
 *  - report not ready (an `<error>` "no data" answer, or an empty end_time): 10 s, 30 s, 1, 2, 5,
 *    10 and 15 minutes, then 15 minutes twice more (about an hour in all), then the import fails;
 *  - PRA or Jira temporarily unavailable (5xx, timeouts, network): exponential from 30 s up to
 *    15 minutes, ten attempts, then it fails;
 *  - rate limited (429): what Retry-After asks (1..900 s), up to thirty times.
 */
import { JiraError } from '../jira/client';
import { PraError } from '../pra/errors';

export const NOT_READY_DELAYS = [10, 30, 60, 120, 300, 600, 900, 900, 900];
export const MAX_TRANSIENT_ATTEMPTS = 10;
export const MAX_RATE_LIMITED = 30;
const MAX_DELAY = 900;

export function notReadyDelay(notReadyAttempts: number): number | undefined {
  return NOT_READY_DELAYS[notReadyAttempts - 1];
}

export function transientDelay(attempt: number): number {
  return Math.min(MAX_DELAY, 30 * 2 ** Math.max(0, attempt - 1));
}

/** PRA or Jira asked us to slow down (429). */
export function isRateLimited(error: unknown): boolean {
  return (error instanceof JiraError && error.status === 429) || (error instanceof PraError && error.kind === 'rate-limited');
}

export type FailureDecision =
  | { kind: 'retry'; afterSeconds: number; reason: string; rateLimited: boolean }
  | { kind: 'fail'; reason: string }
  | { kind: 'unmatched'; reason: string };

/**
 * Classifies an error raised while importing. `attempts` counts transient failures so far (this one
 * included), `rateLimited` the 429s so far (this one included when it is one).
 */
export function decideOnError(error: unknown, attempts: number, rateLimited: number, ticketKey?: string): FailureDecision {
  if (error instanceof JiraError) {
    if (error.status === 429) {
      return rateLimited <= MAX_RATE_LIMITED
        ? { kind: 'retry', afterSeconds: Math.min(MAX_DELAY, Math.max(1, Math.ceil(error.retryAfterSeconds ?? 30))), reason: 'Jira is rate limiting the app.', rateLimited: true }
        : { kind: 'fail', reason: `Jira kept rate limiting the app (${rateLimited} times). Retry later.` };
    }
    if (error.transient) {
      return attempts < MAX_TRANSIENT_ATTEMPTS
        ? { kind: 'retry', afterSeconds: error.retryAfterSeconds ?? transientDelay(attempts), reason: error.message, rateLimited: false }
        : { kind: 'fail', reason: `Jira was unavailable after ${attempts} attempts: ${error.message}` };
    }
    if (error.status === 404) return { kind: 'unmatched', reason: `Ticket ${ticketKey ?? ''} was not found, or the app cannot see it.`.replace('  ', ' ') };
    if (error.status === 413) return { kind: 'fail', reason: `Jira refused more content on ${ticketKey ?? 'the ticket'}: the issue reached its comment or attachment limit. ${error.message}` };
    if (error.status === 401 || error.status === 403) return { kind: 'fail', reason: `The app is not allowed to write to ${ticketKey ?? 'the ticket'}: ${error.message}` };
    return { kind: 'fail', reason: error.message };
  }
  if (error instanceof PraError) {
    if (error.kind === 'rate-limited') {
      return rateLimited <= MAX_RATE_LIMITED
        ? { kind: 'retry', afterSeconds: Math.min(MAX_DELAY, Math.max(1, error.retryAfterSeconds ?? 60)), reason: error.message, rateLimited: true }
        : { kind: 'fail', reason: error.message };
    }
    if (error.transient) {
      return attempts < MAX_TRANSIENT_ATTEMPTS
        ? { kind: 'retry', afterSeconds: error.retryAfterSeconds ?? transientDelay(attempts), reason: error.message, rateLimited: false }
        : { kind: 'fail', reason: `The PRA appliance was unavailable after ${attempts} attempts: ${error.message}` };
    }
    return { kind: 'fail', reason: `${error.message} Fix the configuration, then retry the import.` };
  }
  const message = (error as Error)?.message ?? String(error);
  return attempts < 3
    ? { kind: 'retry', afterSeconds: transientDelay(attempts), reason: `Unexpected error: ${message}`, rateLimited: false }
    : { kind: 'fail', reason: `Unexpected error: ${message}` };
}
