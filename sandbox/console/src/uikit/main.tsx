/**
 * The UI Kit host page (uikit.html?resource=<key>&moduleKey=<key>&accountId=<id>&extension=<json>):
 * installs the bridge, then loads the module's own file from manifest.yml, which calls
 * ForgeReconciler.render — the real @forge/react reconciler — and renders every forgeDoc it commits.
 */
import './uikit.css';
import { installBridge, type ConsentRequest } from './bridge';
import { ConsentPrompt } from './ConsentPrompt';
import React, { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import resources from 'virtual:uikit-resources';
import { loadUrls } from '../shared/sandboxApi';
import { rewriteHref } from '../shared/links';
import { ForgeDocStore } from './forgeDoc';
import { ForgeDocView } from './ForgeDocView';
import { postToParent } from './frameMessages';

const params = new URLSearchParams(window.location.search);
const resourceKey = params.get('resource') ?? '';
const store = new ForgeDocStore();
const errors = { list: [] as string[], version: 0, listeners: new Set<() => void>() };

const consent = { request: undefined as ConsentRequest | undefined, version: 0, listeners: new Set<() => void>() };

function requestConsent(request: ConsentRequest): void {
  if (consent.request) return;
  consent.request = request;
  consent.version += 1;
  consent.listeners.forEach((l) => l());
}

function reportError(message: string): void {
  errors.list.push(message);
  errors.version += 1;
  errors.listeners.forEach((l) => l());
}

installBridge(
  {
    moduleKey: params.get('moduleKey') ?? '',
    accountId: params.get('accountId') || undefined,
    extension: JSON.parse(params.get('extension') || '{}') as Record<string, unknown>,
  },
  {
    reconcile: (doc) => store.update(doc),
    navigate(location) {
      const url = location.url ?? (location.target === 'issue' && location.issueKey ? `/browse/${location.issueKey}` : '');
      if (!url) return;
      if (location.type === 'same-tab') window.top!.location.href = rewriteHref(url);
      else window.open(rewriteHref(url), '_blank', 'noopener');
    },
    close: () => postToParent({ type: 'close' }),
    error: reportError,
    needsConsent: requestConsent,
  },
);

function Errors() {
  useSyncExternalStore(
    (l) => {
      errors.listeners.add(l);
      return () => errors.listeners.delete(l);
    },
    () => errors.version,
  );
  return errors.list.length ? (
    <div className="uk-frame-error" role="alert">
      {errors.list.map((e, i) => (
        <p key={i}>{e}</p>
      ))}
    </div>
  ) : null;
}

function Frame() {
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  useSyncExternalStore(
    (l) => {
      consent.listeners.add(l);
      return () => consent.listeners.delete(l);
    },
    () => consent.version,
  );
  // Jira shows the prompt in place of the module; after "Allow access" the module is loaded again.
  if (consent.request) return <ConsentPrompt request={consent.request} accountId={params.get('accountId') ?? ''} onAllowed={() => window.location.reload()} />;
  return (
    <>
      <Errors />
      {version === 0 && errors.list.length === 0 && <div className="uk-frame-loading">Loading the app…</div>}
      <ForgeDocView store={store} />
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Frame />);

// The content's own height (not the frame's): the frame then fits it without feeding back into it.
const root = document.getElementById('root')!;
new ResizeObserver(() => postToParent({ type: 'resize', height: Math.ceil(root.getBoundingClientRect().bottom) + 2 })).observe(root);

async function start(): Promise<void> {
  await loadUrls();
  const load = resources[resourceKey];
  if (!load) {
    reportError(`No UI Kit resource "${resourceKey}" in this build of the console. Restart the sandbox (npm start builds the console from manifest.yml).`);
    return;
  }
  await load();
}

start().catch((error: Error) => reportError(`The module could not be loaded: ${error.message}`));
