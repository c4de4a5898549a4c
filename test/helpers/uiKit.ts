/**
 * Renders a UI Kit (`@forge/react`, render: native) module offline through the REAL reconciler, the
 * way Jira's frontend hosts it: the reconciler and `@forge/bridge` talk to `globalThis.__bridge`
 * (forge-and-jira.md §5.4), which this helper provides. Nothing of @forge is mocked:
 *
 *   reconcile  → the forgeDoc tree is recorded (`view.doc()` is the latest one)
 *   getContext → a product context for the module (accountId, extension: issue/project, …)
 *   invoke     → `host.invokeResolver(...)` as the given user: the app's real resolver in the local Forge host
 *   navigate, close, anything else → recorded in `view.calls` and answered with undefined
 *
 * When a resolver lets @forge/api's NeedsAuthenticationError through (the user has not allowed the app),
 * this helper does what Jira's frontend does: the app's `invoke` never settles and the module shows the
 * *Allow access* prompt instead (`view.consentPrompt()`; `view.allowAccess()` grants and renders again).
 *
 * IMPORTANT: import this helper BEFORE the UI module under test. `@forge/bridge` captures
 * `__bridge.callBridge` when it is first imported, so the fake bridge is installed when this file loads
 * (and `@forge/react` is only imported lazily here).
 *
 * No timers: `settle()` waits, inside React's `act`, until every bridge call this render started has
 * answered and React has committed what followed, repeatedly until nothing is pending.
 */
import type { ReactElement } from 'react';
import type { ForgeHost } from '../../sandbox/forge-host';

export interface ForgeDoc {
  type: string;
  props: Record<string, any>;
  children: ForgeDoc[];
  key?: string;
}

export interface BridgeCall {
  cmd: string;
  data: any;
}

type BridgeHandler = (cmd: string, data: any) => Promise<unknown>;

const g = globalThis as typeof globalThis & {
  self?: unknown;
  __bridge?: { callBridge: BridgeHandler };
  IS_REACT_ACT_ENVIRONMENT?: boolean;
  __uiKitTestBridge__?: { current?: BridgeHandler; claimedRoots: WeakSet<object> };
};

// ---- the one global fake bridge (dispatches to the active render) ---------------------------------
const shared = (g.__uiKitTestBridge__ ??= { claimedRoots: new WeakSet<object>() });
if (g.self === undefined) Object.defineProperty(globalThis, 'self', { value: globalThis, configurable: true, writable: true });
if (!g.__bridge) {
  g.__bridge = {
    callBridge: (cmd, data) => (shared.current ? shared.current(cmd, data) : Promise.reject(new Error(`UI Kit test bridge: no active render for ${cmd}`))),
  };
}
g.IS_REACT_ACT_ENVIRONMENT = true;

export interface RenderOptions {
  host: ForgeHost;
  /** The UI module (manifest key) whose resolver `invoke` reaches. */
  moduleKey: string;
  /** The Jira user looking at the UI; undefined = anonymous. */
  accountId?: string;
  /** Extension data of the module's context (`issue: {key, id}`, `project: {key}`, …). */
  extension?: Record<string, unknown>;
}

export interface UiKitView {
  /** Every bridge call, in order. */
  readonly calls: BridgeCall[];
  /** The forgeDoc of this render as it is now (props keep their live event handlers). */
  doc(): ForgeDoc;
  /** A copy of the forgeDoc at each commit, in order (event handlers left out): what was shown over time. */
  history(): ForgeDoc[];
  findAll(type: string, predicate?: (node: ForgeDoc) => boolean): ForgeDoc[];
  /** The first node of that type (and predicate); throws when there is none. */
  find(type: string, predicate?: (node: ForgeDoc) => boolean): ForgeDoc;
  /** What the user reads, in order: the text of each outermost Text, Heading, Lozenge, Button, Link and ListItem, and SectionMessage titles. */
  texts(): string[];
  /** `router.open` / `router.navigate` calls. */
  navigations(): { url?: string; type: string }[];
  /** Runs an interaction (e.g. a prop's onChange) inside act, then settles. */
  interact(fn: () => unknown): Promise<void>;
  settle(): Promise<void>;
  /** Detaches the bridge: late calls from this render are refused. */
  dispose(): void;
  /** The *Allow access* prompt Jira shows in place of the module, if a resolver asked for consent. */
  consentPrompt(): { moduleKey: string; error: { name: string; message: string; status?: number } } | undefined;
  /** Clicks *Allow access*: the user allows the app, and the module is rendered again (a new view). */
  allowAccess(): Promise<UiKitView>;
}

/** Concatenated text of the String nodes under `node`. */
export function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  return node.children.map(textOf).join('');
}

function walk(node: ForgeDoc, visit: (n: ForgeDoc) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

const TEXT_NODES = new Set(['Text', 'Heading', 'Lozenge', 'Button', 'LinkButton', 'Link', 'ListItem']);

async function reactAct(fn: () => Promise<void>): Promise<void> {
  const React = (await import('react')) as unknown as { act?: (cb: () => Promise<void>) => Promise<void>; unstable_act: (cb: () => Promise<void>) => Promise<void> };
  await (React.act ?? React.unstable_act)(fn);
}

/**
 * Renders `target` (an element, or a function that renders, e.g. `() => import('src/frontend/x.tsx')`
 * for a module entry that calls ForgeReconciler.render itself) and settles.
 */
export async function renderUiKit(target: ReactElement | (() => unknown), options: RenderOptions): Promise<UiKitView> {
  const calls: BridgeCall[] = [];
  const pending = new Set<Promise<void>>();
  // The reconciler keeps one Root object per render and updates it in place: that object is the view.
  let root: ForgeDoc | undefined;
  const snapshots: ForgeDoc[] = [];
  const module = options.host.uiModule(options.moduleKey);
  const extension = { type: module.type, ...(options.extension ?? {}) };

  const answer = async (cmd: string, data: any): Promise<unknown> => {
    switch (cmd) {
      case 'getContext':
        return {
          accountId: options.accountId,
          cloudId: options.host.cloudId,
          siteUrl: options.host.siteUrl,
          moduleKey: options.moduleKey,
          localId: `${options.moduleKey}-local`,
          environmentType: 'DEVELOPMENT',
          locale: 'en-US',
          timezone: 'UTC',
          extension,
        };
      case 'invoke': {
        const result = await options.host.invokeResolver({
          moduleKey: options.moduleKey,
          functionKey: data.functionKey,
          payload: data.payload,
          accountId: options.accountId,
          extension: options.extension,
        });
        return result === undefined ? undefined : JSON.parse(JSON.stringify(result)); // crosses the bridge as JSON
      }
      default:
        return undefined;
    }
  };

  let consent: ReturnType<UiKitView['consentPrompt']>;
  const handler: BridgeHandler = (cmd, data) => {
    calls.push({ cmd, data });
    if (cmd === 'reconcile') {
      const doc = data?.forgeDoc as ForgeDoc;
      if (!root && !shared.claimedRoots.has(doc)) {
        root = doc;
        shared.claimedRoots.add(doc);
      }
      if (doc === root) snapshots.push(snapshot(doc));
      return Promise.resolve(undefined);
    }
    const result = answer(cmd, data);
    // Settled once the answer is in and the event loop has run what it triggered (microtasks first).
    const tracked: Promise<void> = result
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
    if (cmd !== 'invoke') return result;
    return result.catch((error: { name?: string; message?: string; status?: number }) => {
      if (error?.name !== 'NEEDS_AUTHENTICATION_ERR') throw error;
      // Jira replaces the module with its "Allow access" prompt; the app's invoke() never settles.
      consent = { moduleKey: options.moduleKey, error: { name: error.name, message: String(error.message), status: error.status } };
      return new Promise<never>(() => undefined);
    });
  };

  const settle = async () => {
    for (let round = 0; pending.size > 0; round++) {
      if (round > 200) throw new Error('UI Kit render did not settle');
      await reactAct(async () => {
        await Promise.all([...pending]);
      });
    }
  };

  shared.current = handler;
  if (typeof target === 'function') {
    await reactAct(async () => {
      await target();
    });
  } else {
    const { default: ForgeReconciler } = await import('@forge/react');
    await reactAct(async () => {
      ForgeReconciler.render(target);
    });
  }
  await settle();

  const doc = (): ForgeDoc => {
    if (!root) throw new Error('Nothing was rendered');
    return root;
  };
  const findAll = (type: string, predicate: (n: ForgeDoc) => boolean = () => true) => {
    const found: ForgeDoc[] = [];
    walk(doc(), (n) => {
      if (n.type === type && predicate(n)) found.push(n);
    });
    return found;
  };

  const texts = () => {
    const out: string[] = [];
    const visit = (n: ForgeDoc): void => {
      if (TEXT_NODES.has(n.type)) {
        out.push(textOf(n)); // the outermost one only: a Link inside a Text is part of that Text
        return;
      }
      if (n.type === 'SectionMessage' && typeof n.props.title === 'string') out.push(n.props.title);
      n.children.forEach(visit);
    };
    visit(doc());
    return out;
  };

  return {
    calls,
    doc,
    history: () => [...snapshots],
    findAll,
    find(type, predicate) {
      const node = findAll(type, predicate)[0];
      if (!node) throw new Error(`No ${type} in the rendered UI. Texts: ${JSON.stringify(texts())}`);
      return node;
    },
    texts,
    navigations: () => calls.filter((c) => c.cmd === 'navigate').map((c) => c.data as { url?: string; type: string }),
    async interact(fn) {
      await reactAct(async () => {
        await fn();
      });
      await settle();
    },
    settle,
    dispose() {
      if (shared.current === handler) shared.current = undefined;
    },
    consentPrompt: () => consent,
    async allowAccess() {
      if (!consent) throw new Error('No "Allow access" prompt is shown');
      if (!options.accountId) throw new Error('An anonymous user cannot allow the app');
      options.host.userConsent.grant(options.accountId);
      if (shared.current === handler) shared.current = undefined;
      return renderUiKit(target, options);
    },
  };
}

function snapshot(node: ForgeDoc): ForgeDoc {
  const props: Record<string, any> = {};
  for (const [k, v] of Object.entries(node.props)) if (typeof v !== 'function') props[k] = v;
  return { type: node.type, key: node.key, props: structuredClone(props), children: node.children.map(snapshot) };
}
