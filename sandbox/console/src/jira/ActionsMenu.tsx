/** The "…" (more actions) menu: the app's jira:issueAction modules by title, as Jira lists them. */
import React, { useEffect, useRef, useState } from 'react';
import type { UiModuleInfo } from '../shared/sandboxApi';

export function ActionsMenu({ actions, onOpen }: { actions: UiModuleInfo[]; onOpen(module: UiModuleInfo): void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div className="actions-menu" ref={ref}>
      <button type="button" className="icon-button more-button" aria-label="More actions" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        •••
      </button>
      {open && (
        <div className="menu" role="menu">
          {actions.length === 0 && <div className="menu-empty">No app actions</div>}
          {actions.map((action) => (
            <button
              key={action.key}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                onOpen(action);
              }}
            >
              {action.title ?? action.key}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
