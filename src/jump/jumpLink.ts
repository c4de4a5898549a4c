/**
 * The "Jump to" link: a PRA client-scripting URL for `start_jump_item_session` (pra-appliance-api.md §5).
 * Pure: no I/O.
 *
 *   web      https://HOST/api/client_script?type=web_console&operation=execute&action=start_jump_item_session
 *                &search_string=<asset>&session.custom.external_key=<ISSUE-KEY>
 *   desktop  https://HOST/api/client_script?type=rep&operation=generate&action=start_jump_item_session
 *                &search_string=<asset>&session.custom.external_key=<ISSUE-KEY>
 *
 * Every parameter is percent-encoded (RFC 3986: also `!'()*`, and a space is `%20`, never `+`), so an
 * asset named `R&D #1 50%` stays one search string. The external key is always the issue key, which is
 * how the session's data finds its way back to the ticket when the session ends.
 */
import { hostNameProblem } from '../config/hostName';
import type { JumpMode } from './contract';

/** PRA's limit for Jump search filters (§5.2: `client.*` filters, `credential_id`). */
export const MAX_SEARCH_CHARS = 255;
/** PRA's limit for one `session.custom.*` value, the external key included (§5.2). */
export const MAX_CUSTOM_ATTRIBUTE_CHARS = 1024;

/** A canonical Jira issue key (upper-case project key, number). */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

export interface JumpLinkInput {
  /** The appliance host name as configured (no protocol, no path). */
  hostName: string;
  assetName: string;
  issueKey: string;
  mode: JumpMode;
}

export type JumpLinkResult = { ok: true; url: string } | { ok: false; problem: string };

/** RFC 3986 percent-encoding of a query parameter name or value. */
export function encodeParam(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Why this asset name cannot be searched for in PRA, or undefined. Lengths count UTF-16 code units. */
export function assetNameProblem(assetName: string): string | undefined {
  if (assetName.trim() === '') return 'The asset name is empty.';
  if (assetName.length > MAX_SEARCH_CHARS) {
    return `The asset name is ${assetName.length} characters long, but a BeyondTrust PRA Jump search accepts at most ${MAX_SEARCH_CHARS} characters, so no Jump link was created. Shorten the asset name on the ticket.`;
  }
  return undefined;
}

/**
 * Builds the Jump link, or says why the asset name cannot be used. A host name or issue key that is not
 * valid is a programming error (settings are validated when saved; the key comes from Jira) and throws.
 */
export function buildJumpLink(input: JumpLinkInput): JumpLinkResult {
  const hostProblem = hostNameProblem(input.hostName);
  if (hostProblem || input.hostName !== input.hostName.trim().toLowerCase()) {
    throw new Error(`buildJumpLink: invalid host name (${hostProblem ?? 'not normalised'})`);
  }
  if (!ISSUE_KEY.test(input.issueKey) || input.issueKey.length > MAX_CUSTOM_ATTRIBUTE_CHARS) {
    throw new Error('buildJumpLink: the external key must be a canonical issue key');
  }
  const problem = assetNameProblem(input.assetName);
  if (problem) return { ok: false, problem };

  const params: [string, string][] = [
    ['type', input.mode === 'web' ? 'web_console' : 'rep'],
    ['operation', input.mode === 'web' ? 'execute' : 'generate'],
    ['action', 'start_jump_item_session'],
    ['search_string', input.assetName],
    ['session.custom.external_key', input.issueKey],
  ];
  const query = params.map(([name, value]) => `${encodeParam(name)}=${encodeParam(value)}`).join('&');
  return { ok: true, url: `https://${input.hostName}/api/client_script?${query}` };
}
