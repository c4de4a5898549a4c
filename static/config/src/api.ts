/**
 * The only module that talks to the app's backend. Every call goes through `@forge/bridge`'s `invoke`
 * to the `config-page` resolver, and every answer is normalised to a `Result`: transport failures
 * (no bridge, resolver crash, network) become `{ ok: false }` with code `BRIDGE_ERROR`, and an answer of
 * the wrong shape one with code `BAD_RESPONSE`, so callers never have to catch.
 *
 * `@forge/bridge` throws at import time when `window.__bridge` is missing, so it is imported lazily: a
 * page opened outside Jira shows an error instead of staying blank.
 */
import type {
  ActionDone,
  ApiFailure,
  DecisionPage,
  FieldErrors,
  Health,
  ImportActivity,
  Result,
  Settings,
  UrlKind,
  ViewResult,
} from './types';

/** The backend could not be reached or threw. */
const BRIDGE_ERROR = 'BRIDGE_ERROR';
/** The backend answered something that is not a resolver result. */
const BAD_RESPONSE = 'BAD_RESPONSE';
/** The current user is not a Jira administrator. */
export const FORBIDDEN = 'FORBIDDEN';
/** The settings were rejected; `fieldErrors` says why. */
export const INVALID_INPUT = 'INVALID_INPUT';

let bridge: Promise<typeof import('@forge/bridge')> | undefined;

function loadBridge(): Promise<typeof import('@forge/bridge')> {
  bridge ??= import('@forge/bridge');
  return bridge;
}

export function getConfiguration(): Promise<ViewResult> {
  return call('getConfiguration', undefined, isView);
}

/** Saves the settings; an empty or omitted `clientSecret` keeps the stored secret. */
export function saveConfiguration(settings: Settings, clientSecret: string): Promise<ViewResult> {
  return call('saveConfiguration', clientSecret ? { settings, clientSecret } : { settings }, isView);
}

/** Re-checks the saved configuration against PRA without saving. */
export function validateConfiguration(): Promise<ViewResult> {
  return call('validateConfiguration', undefined, isView);
}

/** Replaces one integration URL; the old one stops working. */
export function regenerateUrl(which: UrlKind): Promise<ViewResult> {
  return call('regenerateUrl', { which }, isView);
}

/** The newest imports and the outbound events that were not imported. */
export function listImportActivity(): Promise<Result<ImportActivity>> {
  return call('listImportActivity', undefined, (answer) => Array.isArray(answer.imports) && Array.isArray(answer.events));
}

/** Queues a failed, unmatched or skipped import again; it resumes where it stopped. */
export function retryImport(lsid: string): Promise<Result<ActionDone>> {
  return call('retryImport', { lsid }, hasMessage);
}

/** Imports a session on purpose (again, or after its event was ignored): a new set of comments. */
export function reimportSession(lsid: string): Promise<Result<ActionDone>> {
  return call('reimportSession', { lsid }, hasMessage);
}

/** One page of endpoint-approval decisions, newest first; pass the previous page's `nextCursor` for more. */
export function listApprovalDecisions(cursor?: string): Promise<Result<DecisionPage>> {
  return call('listApprovalDecisions', cursor ? { cursor } : {}, (answer) => Array.isArray(answer.decisions) && (answer.nextCursor === undefined || typeof answer.nextCursor === 'string'));
}

/** The integration's health: last event and import, failures, reconciliation, PRA and Jira checks. */
export function getHealth(): Promise<Result<{ health: Health }>> {
  return call('getHealth', undefined, (answer) => {
    const { health } = answer;
    return isRecord(health) && Array.isArray(health.warnings) && isRecord(health.pra) && Array.isArray(health.jiraPermissions);
  });
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

/**
 * Invokes a resolver function. `isSuccess` checks the fields of an `ok: true` answer, which is then
 * trusted to be a `T`.
 */
async function call<T extends object>(
  functionKey: string,
  payload: Record<string, unknown> | undefined,
  isSuccess: (answer: Record<string, unknown>) => boolean,
): Promise<Result<T>> {
  let answer: unknown;
  try {
    const { invoke } = await loadBridge();
    answer = await invoke(functionKey, payload);
  } catch (err) {
    return failure(BRIDGE_ERROR, `The request to the app failed: ${describe(err)}`);
  }
  return toResult<T>(answer, isSuccess);
}

function toResult<T extends object>(answer: unknown, isSuccess: (answer: Record<string, unknown>) => boolean): Result<T> {
  if (isRecord(answer) && answer.ok === true && isSuccess(answer)) return answer as Result<T>;
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

function isView(answer: Record<string, unknown>): boolean {
  const { view } = answer;
  return isRecord(view) && isRecord(view.settings) && isRecord(view.validation);
}

function hasMessage(answer: Record<string, unknown>): boolean {
  return typeof answer.message === 'string';
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
