/**
 * The only module that talks to the app's backend. Every call goes through `@forge/bridge`'s `invoke`
 * to the `config-page` resolver, and every answer is normalised to a `ViewResult`: transport failures
 * (no bridge, resolver crash, network) become `{ ok: false }` with code `BRIDGE_ERROR`, so callers never
 * have to catch.
 *
 * `@forge/bridge` throws at import time when `window.__bridge` is missing, so it is imported lazily: a
 * page opened outside Jira shows an error instead of staying blank.
 */
import type { ApiFailure, FieldErrors, Settings, UrlKind, ViewResult } from './types';

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
  return call('getConfiguration');
}

/** Saves the settings; an empty or omitted `clientSecret` keeps the stored secret. */
export function saveConfiguration(settings: Settings, clientSecret: string): Promise<ViewResult> {
  return call('saveConfiguration', clientSecret ? { settings, clientSecret } : { settings });
}

/** Re-checks the saved configuration against PRA without saving. */
export function validateConfiguration(): Promise<ViewResult> {
  return call('validateConfiguration');
}

/** Replaces one integration URL; the old one stops working. */
export function regenerateUrl(which: UrlKind): Promise<ViewResult> {
  return call('regenerateUrl', { which });
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

async function call(functionKey: string, payload?: Record<string, unknown>): Promise<ViewResult> {
  let answer: unknown;
  try {
    const { invoke } = await loadBridge();
    answer = await invoke<ViewResult>(functionKey, payload);
  } catch (err) {
    return failure(BRIDGE_ERROR, `The request to the app failed: ${describe(err)}`);
  }
  return toViewResult(answer);
}

function toViewResult(answer: unknown): ViewResult {
  if (isRecord(answer) && answer.ok === true && isRecord(answer.view)) {
    const view = answer.view;
    if (isRecord(view.settings) && isRecord(view.validation)) return answer as ViewResult;
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
