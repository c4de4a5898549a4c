/**
 * The "…" (more actions) menu: the app's jira:issueAction modules by title, as Jira lists them,
 * then sandbox-only links. Keyboard as in the WAI-ARIA menu button pattern: Enter, Space or ArrowDown on
 * the trigger opens it on the first item (ArrowUp: the last), ArrowUp/ArrowDown move (wrapping), Home/End
 * jump, Escape closes it and gives focus back to the trigger, Tab closes it.
 */
import React, { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { UiModuleInfo } from '../shared/sandboxApi';

export interface SandboxMenuLink {
  key: string;
  label: string;
  href: string;
}

export function ActionsMenu({
  actions,
  onOpen,
  triggerRef,
  sandboxLinks = [],
}: {
  actions: UiModuleInfo[];
  onOpen(module: UiModuleInfo): void;
  /** The "•••" button, so a dialog opened from the menu can give focus back to it. */
  triggerRef?: RefObject<HTMLButtonElement>;
  sandboxLinks?: SandboxMenuLink[];
}) {
  const [open, setOpen] = useState(false);
  /** Which item to focus when the menu opens: the first or the last. */
  const [focusOnOpen, setFocusOnOpen] = useState<'first' | 'last'>('first');
  const ref = useRef<HTMLDivElement>(null);
  const ownTrigger = useRef<HTMLButtonElement>(null);
  const trigger = triggerRef ?? ownTrigger;
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return undefined;
    const list = items();
    (focusOnOpen === 'last' ? list.at(-1) : list[0])?.focus();
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, focusOnOpen]);

  const openAt = (where: 'first' | 'last') => {
    setFocusOnOpen(where);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };

  const onTriggerKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    // Enter and Space click the button, which opens the menu on its first item.
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      openAt('first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt('last');
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close(true);
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => list[(index + list.length) % list.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        move(at + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        e.preventDefault();
        move(0);
        break;
      case 'End':
        e.preventDefault();
        move(-1);
        break;
      case 'Escape':
        e.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
    }
  };

  return (
    <div className="actions-menu" ref={ref}>
      <button
        ref={trigger}
        type="button"
        className="icon-button more-button"
        aria-label="More actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'issue-actions-menu' : undefined}
        onClick={() => (open ? close(false) : openAt('first'))}
        onKeyDown={onTriggerKey}
      >
        •••
      </button>
      {open && (
        <div className="menu" role="menu" id="issue-actions-menu" aria-label="More actions" onKeyDown={onMenuKey}>
          {actions.length === 0 && <div className="menu-empty">No app actions</div>}
          {actions.map((action) => (
            <button
              key={action.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => {
                setOpen(false);
                onOpen(action);
              }}
            >
              {action.title ?? action.key}
            </button>
          ))}
          {sandboxLinks.length > 0 && <div className="menu-separator" role="separator" />}
          {sandboxLinks.map((link) => (
            <a key={link.key} role="menuitem" tabIndex={-1} className="menu-item" href={link.href} target="_blank" rel="noreferrer" onClick={() => setOpen(false)}>
              <span className="sandbox-badge">Sandbox</span>
              {link.label}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
