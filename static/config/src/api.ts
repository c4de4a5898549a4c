/**
 * The only module that talks to the app's backend. Every call goes through `@forge/bridge`'s `invoke`
 * to the `config-page` resolver, with a payload typed by the resolver's contract
 * (src/resolvers/configContract.ts, one zod schema per function, shared with the resolver), and every
 * answer is normalised to a `Result`: a successful answer is parsed with the function's output schema,
 * transport failures (no bridge, resolver crash, network) become `{ ok: false }` with code
 * `BRIDGE_ERROR`, and an answer of the wrong shape one with code `BAD_RESPONSE`, so callers never have
 * to catch.
 *
 * `@forge/bridge` throws at import time when `window.__bridge` is missing, so it is imported lazily: a
 * page opened outside Jira shows an error instead of staying blank.
 */
import { CONFIG_CONTRACT, type ConfigFunction, type ConfigInput, type ConfigSuccess } from '../../../src/resolvers/configContract';
import type { ActionDone, ApiFailure, DecisionPage, FieldErrors, Health, ImportActivity, Result, Settings, UrlKind, ViewResult } from './types';

/** The backend could not be reached or threw. */
const BRIDGE_ERROR = 'BRIDGE_ERROR';
/** The backend answered something that is not a resolver result. */
const BAD_RESPONSE = 'BAD_RESPONSE';
/** The current user is not a Jira administrator. */
export const FORBIDDEN = 'FORBIDDEN';
/** The settings were rejected; `fieldErrors` says why. */
export const INVALID_INPUT = 'INVALID_INPUT';

/** A function's answer as the page handles it: its success fields, or the failure. */
type Answer<F extends ConfigFunction> = Result<Omit<ConfigSuccess<F>, 'ok'>>;

let bridge: Promise<typeof import('@forge/bridge')> | undefined;

function loadBridge(): Promise<typeof import('@forge/bridge')> {
  bridge ??= import('@forge/bridge');
  return bridge;
}

export function getConfiguration(): Promise<ViewResult> {
  return call('getConfiguration', {});
}

/** Saves the settings; an empty `clientSecret` keeps the stored secret (for the host it was saved with). */
export function saveConfiguration(settings: Settings, clientSecret: string): Promise<ViewResult> {
  return call('saveConfiguration', clientSecret ? { settings, clientSecret } : { settings });
}

/** Re-checks the saved configuration against PRA without saving. */
export function validateConfiguration(): Promise<ViewResult> {
  return call('validateConfiguration', {});
}

/** Replaces one integration URL; the old one stops working. */
export function regenerateUrl(which: UrlKind): Promise<ViewResult> {
  return call('regenerateUrl', { which });
}

/** The newest imports and the outbound events that were not imported. */
export function listImportActivity(): Promise<Result<ImportActivity>> {
  return call('listImportActivity', {});
}

/** Queues a failed, unmatched or skipped import again; it resumes where it stopped. */
export function retryImport(lsid: string): Promise<Result<ActionDone>> {
  return call('retryImport', { lsid });
}

/** Imports a session on purpose (again, or after its event was ignored): a new set of comments. */
export function reimportSession(lsid: string): Promise<Result<ActionDone>> {
  return call('reimportSession', { lsid });
}

/** One page of endpoint-approval decisions, newest first; pass the previous page's `nextCursor` for more. */
export function listApprovalDecisions(cursor?: string): Promise<Result<DecisionPage>> {
  return call('listApprovalDecisions', cursor ? { cursor } : {});
}

/** The integration's health: last event and import, failures, reconciliation, PRA and Jira checks. */
export function getHealth(): Promise<Result<{ health: Health }>> {
  return call('getHealth', {});
}

/** Asks Jira to apply its current theme (light/dark) to this page; without it, light values apply. */
export async function enableTheme(): Promise<void> {
  try {
    const { view } = await loadBridge();
    await view.theme.enable();
  } catch {
    // Not fatal: every colour the page uses has a light-theme fallback.
  }
}

/** Invokes a resolver function with a payload its contract accepts, and checks the answer against it. */
async function call<F extends ConfigFunction>(functionKey: F, payload: ConfigInput<F>): Promise<Answer<F>> {
  let answer: unknown;
  try {
    const { invoke } = await loadBridge();
    answer = await invoke(functionKey, payload as Record<string, unknown>);
  } catch (err) {
    return failure(BRIDGE_ERROR, `The request to the app failed: ${describe(err)}`);
  }
  return toResult(functionKey, answer);
}

function toResult<F extends ConfigFunction>(functionKey: F, answer: unknown): Answer<F> {
  if (isRecord(answer) && answer.ok === true) {
    const parsed = CONFIG_CONTRACT[functionKey].output.safeParse(answer);
    if (parsed.success) return parsed.data as Answer<F>;
  }
  if (isRecord(answer) && answer.ok === false && isRecord(answer.error)) {
    const { code, message } = answer.error;
    if (typeof code === 'string' && typeof message === 'string') {
      const result: ApiFailure = { ok: false, error: { code, message } };
      if (isRecord(answer.fieldErrors)) result.fieldErrors = stringEntries(answer.fieldErrors);
      return result;
    }
  }
  return failure(BAD_RESPONSE, 'The app returned an unexpected response. Reload the page and try again.');
}

function failure(code: string, message: string): ApiFailure {
  return { ok: false, error: { code, message } };
}

function stringEntries(record: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') errors[key] = value;
  }
  return errors;
}

function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim() || 'unknown error';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
