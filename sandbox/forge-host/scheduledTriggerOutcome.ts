/**
 * What the Forge platform records for one scheduled-trigger invocation (function reference, "Scheduled
 * triggers", Response): the function must return `{ statusCode: integer, statusText?: string,
 * body?: string, headers?: Record<string, string[]> }`. A return value that does not follow that shape,
 * nothing returned included, is recorded as an error with status 424 Failed Dependency; 204 is success;
 * the 500 series are errors.
 *
 * Stricter than the docs where they are silent: a well-formed answer with any status other than 204 is
 * recorded as not successful (the docs name 204 as the success code and say nothing of 200 or 4xx).
 */

export interface ScheduledTriggerOutcome {
  ok: boolean;
  /** The status the platform records: the function's statusCode, 424 for a malformed answer, 500 for a throw. */
  status: number;
  /** Why the run is recorded as an error. */
  error?: string;
}

const FAILED_DEPENDENCY = 424;

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function malformed(reason: string): ScheduledTriggerOutcome {
  return { ok: false, status: FAILED_DEPENDENCY, error: `424 Failed Dependency: ${reason}` };
}

/** Judges a scheduled trigger function's return value the way the platform does. */
export function judgeScheduledResponse(returned: unknown): ScheduledTriggerOutcome {
  if (typeof returned !== 'object' || returned === null || Array.isArray(returned)) {
    return malformed(`the function returned ${kindOf(returned)}, not a response object with a statusCode`);
  }
  const response = returned as Record<string, unknown>;
  const { statusCode, statusText, body, headers } = response;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return malformed(`statusCode must be an integer HTTP status, got ${kindOf(statusCode)}${typeof statusCode === 'string' ? ` "${statusCode}"` : ''}`);
  }
  if (statusText !== undefined && typeof statusText !== 'string') return malformed(`statusText must be a string, got ${kindOf(statusText)}`);
  if (body !== undefined && typeof body !== 'string') return malformed(`body must be a string, got ${kindOf(body)}`);
  if (headers !== undefined) {
    const valid =
      typeof headers === 'object' &&
      headers !== null &&
      !Array.isArray(headers) &&
      Object.values(headers).every((v) => Array.isArray(v) && v.every((item) => typeof item === 'string'));
    if (!valid) return malformed('headers must map each name to an array of strings');
  }
  const text = typeof statusText === 'string' && statusText ? ` ${statusText}` : '';
  if (statusCode === 204) return { ok: true, status: 204 };
  if (statusCode >= 500) return { ok: false, status: statusCode, error: `the function answered ${statusCode}${text}` };
  return { ok: false, status: statusCode, error: `the function answered ${statusCode}${text}; the platform recognises 204 as success` };
}

/** A function that threw (or ran out of time) is recorded as an error too. */
export function thrownOutcome(error: unknown): ScheduledTriggerOutcome {
  return { ok: false, status: 500, error: `the function failed: ${error instanceof Error ? error.message : String(error)}` };
}
