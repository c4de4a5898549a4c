/** Shared by the Jump to Asset integration tests: calling the resolver as a user, and following a Jump link. */
import type { Composition } from '../../../sandbox/compose';
import type { JumpInfoResult } from '../../../src/jump/contract';

export const JUMP_MODULE = 'jump-to-asset';

/** `invoke('getJumpInfo')` from the issue action opened on `issueKey`, as `accountId`. */
export function getJumpInfo(w: Composition, issueKey: string, accountId: string | undefined, payload: Record<string, unknown> = {}): Promise<JumpInfoResult> {
  return w.host.invokeResolver({
    moduleKey: JUMP_MODULE,
    functionKey: 'getJumpInfo',
    payload,
    accountId,
    extension: { issue: { key: issueKey, id: '0' }, project: { key: issueKey.split('-')[0] } },
  }) as Promise<JumpInfoResult>;
}

/** Unwraps an ok answer (fails the test with the error otherwise). */
export async function jumpInfoOk(w: Composition, issueKey: string, accountId: string) {
  const result = await getJumpInfo(w, issueKey, accountId);
  if (!result.ok) throw new Error(`getJumpInfo ${issueKey}: ${result.error.code} ${result.error.message}`);
  return result.info;
}

/**
 * Opens the Jump link the way the technician's browser would, at the PRA simulator (the configured host
 * name maps to it, like DNS): returns the answer and the client-script request the appliance recorded.
 */
export async function followJump(w: Composition, jumpUrl: string) {
  const url = new URL(jumpUrl);
  if (url.protocol !== 'https:' || url.host !== 'pra.example.com') throw new Error(`Not a link to the appliance: ${url.origin}`);
  const before = w.pra.listClientScriptRequests().length;
  const response = await fetch(`${w.praUrl}${url.pathname}${url.search}`, { redirect: 'manual' });
  const body = await response.text();
  const recorded = w.pra.listClientScriptRequests().slice(before);
  return { response, body, request: recorded.length === 1 ? recorded[0] : undefined };
}
