/**
 * The host dialog an issue action opens in, with the keyboard behaviour of a modal dialog: it takes the
 * focus when it opens, keeps it (Tab and Shift+Tab cycle through the dialog, the app's frame included),
 * closes on Escape — also while the focus is inside the app's frame — and on close gives the focus back
 * to the control that opened it.
 */
import React, { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"])';

function focusables(root: ParentNode | null | undefined): HTMLElement[] {
  return [...(root?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0);
}

/** The document of a same-origin frame, or undefined. */
function frameDocument(frame: HTMLIFrameElement): Document | undefined {
  try {
    return frame.contentDocument ?? undefined;
  } catch {
    return undefined;
  }
}

export function ModalDialog({ title, onClose, returnFocusTo, children }: { title: string; onClose(): void; returnFocusTo?: RefObject<HTMLElement>; children: ReactNode }) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  // Takes the focus on open and gives it back on close; Escape closes it, in this document and in the
  // app's (same-origin) frames; focus that escapes the dialog comes back.
  useEffect(() => {
    const opener = returnFocusTo?.current ?? (document.activeElement as HTMLElement | null);
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
      }
    };
    const watched = new Set<Document>();
    const watchFrames = () => {
      for (const frame of dialog.current?.querySelectorAll('iframe') ?? []) {
        const doc = frameDocument(frame);
        if (doc && !watched.has(doc)) {
          doc.addEventListener('keydown', onKey);
          watched.add(doc);
        }
      }
    };
    const onFocusIn = (e: FocusEvent) => {
      if (dialog.current && !dialog.current.contains(e.target as Node) && !(e.target as HTMLElement).classList?.contains('focus-sentinel')) dialog.current.focus();
    };
    const root = dialog.current;
    // A frame's document is replaced when it loads: watch each one as it arrives.
    root?.addEventListener('load', watchFrames, true);
    watchFrames();
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      root?.removeEventListener('load', watchFrames, true);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      watched.forEach((doc) => doc.removeEventListener('keydown', onKey));
      opener?.focus();
    };
  }, [returnFocusTo]);

  /** Tab past the last element (or out of the frame) wraps to the first; Shift+Tab before the first, to the last. */
  const wrapTo = (where: 'first' | 'last') => {
    const list = focusables(dialog.current);
    if (where === 'first') {
      (list[0] ?? dialog.current)?.focus();
      return;
    }
    const last = list.at(-1);
    if (last instanceof HTMLIFrameElement) {
      const inner = focusables(frameDocument(last)?.body);
      if (inner.length > 0) {
        inner.at(-1)!.focus();
        return;
      }
    }
    (last ?? dialog.current)?.focus();
  };

  return (
    <div className="modal-backdrop" onClick={() => onClose()}>
      <span className="focus-sentinel" tabIndex={0} onFocus={() => wrapTo('last')} />
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} ref={dialog} onClick={(e) => e.stopPropagation()}>
        <div className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close dialog" onClick={() => onClose()}>
            ×
          </button>
        </div>
        {children}
      </div>
      <span className="focus-sentinel" tabIndex={0} onFocus={() => wrapTo('first')} />
    </div>
  );
}
