/** The page frame: a Jira-like or PRA-like top bar, the sandbox navigation, and who you are. */
import React, { type ReactNode } from 'react';

export interface ShellProps {
  product: 'jira' | 'pra' | 'sandbox';
  /** The "you are" control (a user picker), right of the bar. */
  identity?: ReactNode;
  children: ReactNode;
}

const NAV: Array<{ href: string; label: string; product: ShellProps['product'] }> = [
  { href: '/', label: 'Sandbox home', product: 'sandbox' },
  { href: '/browse/SD-1', label: 'Jira: SD-1', product: 'jira' },
  { href: '/admin', label: 'Jira: app configuration', product: 'jira' },
  { href: '/pra/console', label: 'PRA: access console', product: 'pra' },
  { href: '/pra/login', label: 'PRA: /login', product: 'pra' },
];

export function Shell({ product, identity, children }: ShellProps) {
  return (
    <div className={`shell shell-${product}`}>
      <header className="topbar">
        <a className="brand" href={product === 'pra' ? '/pra/console' : '/'}>
          {product === 'pra' ? 'BeyondTrust Privileged Remote Access' : product === 'jira' ? 'Jira Service Management' : 'PRA × Jira sandbox'}
        </a>
        <nav className="topnav" aria-label="Sandbox">
          {NAV.map((item) => (
            <a key={item.href} href={item.href} className={`topnav-${item.product}`}>
              {item.label}
            </a>
          ))}
        </nav>
        <div className="identity">{identity}</div>
      </header>
      <main className="page">{children}</main>
    </div>
  );
}

/** A user picker: `label` says in which product you act. */
export function IdentityPicker({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
}) {
  return (
    <label className="identity-picker">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Marks sandbox-only help and controls, so they are not mistaken for the product. */
export function SandboxNote({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <aside className="sandbox-note" aria-label={title ?? 'Sandbox note'}>
      <span className="sandbox-badge">Sandbox</span>
      {title && <strong>{title}</strong>}
      <div>{children}</div>
    </aside>
  );
}

export function ErrorBox({ message }: { message: string }) {
  return (
    <div className="error-box" role="alert">
      {message}
    </div>
  );
}
