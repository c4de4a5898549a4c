/**
 * `window.__bridge` for a UI Kit module, the way Jira's frontend hosts one in its iframe: the real
 * @forge/react reconciler and @forge/bridge call it. `invoke` and `getContext` go to the local Forge host
 * (`POST /forge/__forge/bridge`) as the current user with the issue as context; `reconcile` hands the
 * forgeDoc to the renderer in this window (its props keep their live functions); `navigate` and `close`
 * act on the console page around the frame. When the host answers that the user has not allowed the app
 * (the resolver let @forge/api's NeedsAuthenticationError through), the page shows Jira's *Allow access*
 * prompt instead of the module and the app's `invoke` never settles, as in Jira.
 */
import type { ForgeDoc } from './forgeDoc';

export interface BridgeContext {
  moduleKey: string;
  accountId?: string;
  extension: Record<string, unknown>;
}

export interface BridgeHost {
  reconcile(doc: ForgeDoc): void;
  navigate(location: { url?: string; type?: string; target?: string; issueKey?: string }): void;
  close(): void;
  error(message: string): void;
  /** The user must allow the app first: show the *Allow access* prompt in place of the module. */
  needsConsent(request: ConsentRequest): void;
}

export interface ConsentRequest {
  moduleKey: string;
  /** The app's scopes, listed on the prompt. */
  scopes: string[];
}

type CallBridge = (cmd: string, data?: any) => Promise<unknown>;

async function forgeBridge(context: BridgeContext, host: BridgeHost, cmd: string, data?: unknown): Promise<unknown> {
  const response = await fetch('/forge/__forge/bridge', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cmd, data, moduleKey: context.moduleKey, accountId: context.accountId, extension: context.extension }),
  });
  const answer = (await response.json()) as { ok: boolean; result?: unknown; error?: string; needsAuthentication?: ConsentRequest };
  if (!answer.ok && answer.needsAuthentication) {
    host.needsConsent(answer.needsAuthentication);
    return new Promise<never>(() => undefined);
  }
  if (!answer.ok) throw new Error(answer.error ?? `The bridge call ${cmd} failed`);
  return answer.result ?? undefined;
}

export function installBridge(context: BridgeContext, host: BridgeHost): void {
  const callBridge: CallBridge = async (cmd, data) => {
    switch (cmd) {
      case 'reconcile':
        host.reconcile((data as { forgeDoc: ForgeDoc }).forgeDoc);
        return undefined;
      case 'invoke':
      case 'getContext':
        return forgeBridge(context, host, cmd, data);
      case 'navigate':
        host.navigate(data as { url?: string; type?: string });
        return undefined;
      case 'close':
        host.close();
        return true;
      case 'onError':
        host.error(String((data as { error?: { message?: string } })?.error?.message ?? (data as { error?: unknown })?.error ?? 'UI Kit error'));
        return undefined;
      default:
        // resize, refresh, theming, flags...: nothing to do in the sandbox
        return undefined;
    }
  };
  (globalThis as unknown as { __bridge: { callBridge: CallBridge } }).__bridge = { callBridge };
}

/** *Allow access*: the current user allows the app (the local Forge host records the consent). */
export async function allowAccess(accountId: string): Promise<void> {
  const response = await fetch('/forge/__forge/consent', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId }),
  });
  if (!response.ok) throw new Error(`Access could not be allowed (HTTP ${response.status})`);
}
