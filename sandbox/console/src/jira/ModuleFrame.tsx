/**
 * One Forge UI module in an iframe, as Jira embeds apps: UI Kit modules through the sandbox's UI Kit page
 * (the real reconciler, the module's own file), Custom UI through the local Forge host's resource route
 * (with its injected bridge). The frame grows with its content; `view.close()` closes the host dialog.
 */
import React, { useEffect, useRef, useState } from 'react';
import type { UiModuleInfo } from '../shared/sandboxApi';
import { isFrameMessage } from '../uikit/frameMessages';

export interface ModuleFrameProps {
  module: UiModuleInfo;
  accountId: string;
  extension: Record<string, unknown>;
  title: string;
  minHeight?: number;
  onClose?(): void;
}

export function moduleFrameUrl(module: UiModuleInfo, accountId: string, extension: Record<string, unknown>): string {
  const query = new URLSearchParams({ moduleKey: module.key, accountId, extension: JSON.stringify(extension) });
  if (module.render === 'native') {
    query.set('resource', module.resource);
    return `/uikit.html?${query}`;
  }
  return `/forge/__forge/resources/${encodeURIComponent(module.resource)}/?${query}`;
}

export function ModuleFrame({ module, accountId, extension, title, minHeight = 60, onClose }: ModuleFrameProps) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(minHeight);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== ref.current?.contentWindow || event.origin !== window.location.origin || !isFrameMessage(event.data)) return;
      if (event.data.type === 'resize') setHeight(Math.max(minHeight, event.data.height + 4));
      if (event.data.type === 'close') onClose?.();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [minHeight, onClose]);

  // Custom UI pages do not report their size: the frame is same-origin, so watch its document.
  const onLoad = () => {
    if (module.render === 'native') return;
    const doc = ref.current?.contentDocument;
    if (!doc) return;
    // The bottom of the page's content, not the document's scroll height (which is at least the frame's).
    const contentBottom = () => Math.max(0, ...[...doc.body.children].map((child) => child.getBoundingClientRect().bottom));
    const fitToContent = () => setHeight(Math.max(minHeight, Math.ceil(contentBottom()) + 16));
    // The body may be sized to the frame (height: 100%): watch what is inside it, including later additions.
    const sizes = new ResizeObserver(fitToContent);
    const watchChildren = () => [...doc.body.children].forEach((child) => sizes.observe(child));
    watchChildren();
    new MutationObserver(() => {
      watchChildren();
      fitToContent();
    }).observe(doc.body, { childList: true });
    fitToContent();
  };

  return (
    <iframe
      ref={ref}
      className="module-frame"
      title={title}
      src={moduleFrameUrl(module, accountId, extension)}
      style={{ height }}
      onLoad={onLoad}
      data-module-key={module.key}
    />
  );
}
