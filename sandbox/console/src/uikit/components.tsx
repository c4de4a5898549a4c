/**
 * UI Kit components as DOM: one small renderer per forgeDoc node type the app uses (and the common
 * others). Event props are the app's live functions (the reconciler runs in this window), called with
 * plain event-like objects, as the real host passes serialisable events. Unknown types are shown with
 * their name and children, so nothing disappears silently.
 */
import React, { useState, type CSSProperties, type ReactNode } from 'react';
import { isSessionFileLink, rewriteHref } from '../shared/links';
import { openInAccessConsole } from './sessionFile';
import { textOf, type ForgeDoc } from './forgeDoc';
import { align, color, space, xcssStyle } from './tokens';

export interface NodeProps {
  node: ForgeDoc;
  children: ReactNode;
  renderNode(node: ForgeDoc): ReactNode;
}

type Renderer = (props: NodeProps) => ReactNode;

const call = (fn: unknown, ...args: unknown[]) => {
  if (typeof fn === 'function') void Promise.resolve((fn as (...a: unknown[]) => unknown)(...args)).catch((e) => console.error(e));
};

const event = (type: string, target: Record<string, unknown> = {}) => ({ type, target, currentTarget: target });

const HEADING_LEVEL: Record<string, number> = { xxlarge: 1, xlarge: 2, large: 3, medium: 4, small: 5, xsmall: 6, xxsmall: 6 };

const Text: Renderer = ({ node, children }) => {
  const p = node.props;
  const style: CSSProperties = {
    color: color(p.color),
    fontWeight: p.weight === 'bold' ? 653 : p.weight === 'semibold' ? 600 : p.weight === 'medium' ? 500 : undefined,
    fontSize: p.size === 'small' ? '12px' : p.size === 'large' ? '16px' : undefined,
    textAlign: p.align,
    ...(p.maxLines ? { display: '-webkit-box', WebkitLineClamp: p.maxLines, WebkitBoxOrient: 'vertical', overflow: 'hidden' } : {}),
  };
  const Tag = (['span', 'strong', 'em', 'p'].includes(p.as) ? p.as : 'p') as 'p';
  return (
    <Tag className="uk-text" style={style}>
      {children}
    </Tag>
  );
};

const Heading: Renderer = ({ node, children }) => {
  const level = typeof node.props.as === 'string' && /^h[1-6]$/.test(node.props.as) ? Number(node.props.as[1]) : (HEADING_LEVEL[node.props.size] ?? 4);
  const Tag = `h${level}` as 'h4';
  return <Tag className={`uk-heading uk-heading-${node.props.size ?? 'medium'}`}>{children}</Tag>;
};

const Stack: Renderer = ({ node, children }) => (
  <div
    className="uk-stack"
    style={{ gap: space(node.props.space), alignItems: align(node.props.alignInline), justifyContent: node.props.spread === 'space-between' ? 'space-between' : undefined }}
  >
    {children}
  </div>
);

const Inline: Renderer = ({ node, children }) => (
  <div
    className="uk-inline"
    style={{
      gap: space(node.props.space),
      rowGap: space(node.props.rowSpace) ?? space(node.props.space),
      alignItems: align(node.props.alignBlock),
      justifyContent: node.props.spread === 'space-between' ? 'space-between' : align(node.props.alignInline),
      flexWrap: node.props.shouldWrap === false ? 'nowrap' : 'wrap',
    }}
  >
    {children}
  </div>
);

const Box: Renderer = ({ node, children }) => (
  <div
    className="uk-box"
    style={{
      padding: space(node.props.padding),
      paddingInline: space(node.props.paddingInline),
      paddingBlock: space(node.props.paddingBlock),
      backgroundColor: color(node.props.backgroundColor),
      ...xcssStyle(node.props.xcss),
    }}
  >
    {children}
  </div>
);

const Link: Renderer = ({ node, children }) => {
  const href = rewriteHref(node.props.href);
  return (
    <>
      <a className="uk-link" href={href} target={node.props.openNewTab ? '_blank' : undefined} rel="noopener noreferrer">
        {children}
      </a>
      {isSessionFileLink(href) && (
        <button type="button" className="sandbox-aside-button" onClick={() => void openInAccessConsole(href)}>
          Open in the simulated Access Console
        </button>
      )}
    </>
  );
};

const Button: Renderer = ({ node, children }) => {
  const p = node.props;
  return (
    <button
      type={p.type === 'submit' ? 'submit' : 'button'}
      className={`uk-button uk-button-${p.appearance ?? 'default'}`}
      disabled={Boolean(p.isDisabled || p.isLoading)}
      aria-busy={p.isLoading ? true : undefined}
      onClick={() => call(p.onClick, event('click'))}
    >
      {children}
    </button>
  );
};

const LinkButton: Renderer = ({ node, children }) => (
  <a className={`uk-button uk-button-${node.props.appearance ?? 'default'}`} href={rewriteHref(node.props.href)} target={node.props.target}>
    {children}
  </a>
);

const SectionMessage: Renderer = ({ node, children }) => (
  <section className={`uk-section-message uk-section-${node.props.appearance ?? 'information'}`} aria-label={node.props.title ?? undefined}>
    {node.props.title && <h3 className="uk-section-title">{node.props.title}</h3>}
    <div className="uk-section-body">{children}</div>
  </section>
);

const Spinner: Renderer = ({ node }) => (
  <div className="uk-spinner" role="status" aria-label={node.props.label ?? 'Loading'}>
    <span className="uk-spinner-circle" />
    {node.props.label && <span className="uk-visually-hidden">{node.props.label}</span>}
  </div>
);

const Lozenge: Renderer = ({ node, children }) => (
  <span className={`uk-lozenge uk-lozenge-${node.props.appearance ?? 'default'}${node.props.isBold ? ' uk-lozenge-bold' : ''}`}>{children}</span>
);

const Badge: Renderer = ({ node, children }) => <span className={`uk-badge uk-badge-${node.props.appearance ?? 'default'}`}>{children}</span>;

function RadioGroupView({ node }: NodeProps) {
  const p = node.props;
  const [uncontrolled, setUncontrolled] = useState<string | undefined>(p.defaultValue);
  const value = p.value !== undefined ? String(p.value) : uncontrolled;
  const options = (Array.isArray(p.options) ? p.options : []) as Array<{ label: string; value: string; isDisabled?: boolean }>;
  return (
    <div className="uk-radio-group" role="radiogroup" aria-label={p.label ?? p.name}>
      {options.map((option) => (
        <label key={option.value} className="uk-radio">
          <input
            type="radio"
            name={p.name}
            value={option.value}
            checked={value === String(option.value)}
            disabled={Boolean(p.isDisabled || option.isDisabled)}
            onChange={() => {
              setUncontrolled(option.value);
              call(p.onChange, event('change', { value: option.value, name: p.name, checked: true }));
            }}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}

const Radio: Renderer = ({ node }) => (
  <label className="uk-radio">
    <input
      type="radio"
      name={node.props.name}
      value={node.props.value}
      checked={node.props.isChecked}
      disabled={node.props.isDisabled}
      onChange={() => call(node.props.onChange, event('change', { value: node.props.value, name: node.props.name, checked: true }))}
    />
    <span>{node.props.label}</span>
  </label>
);

const List: Renderer = ({ node, children }) => (node.props.type === 'ordered' ? <ol className="uk-list">{children}</ol> : <ul className="uk-list">{children}</ul>);
const ListItem: Renderer = ({ children }) => <li>{children}</li>;

/** DynamicTable arrives as ContentWrapper(head: Cell…) and ContentWrapper(rows: Row(Cell…)…). */
const DynamicTable: Renderer = ({ node, renderNode }) => {
  const part = (name: string) => node.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name);
  const head = part('head');
  const rows = part('rows');
  return (
    <table className="uk-table">
      {node.props.caption && <caption>{node.props.caption}</caption>}
      {head && (
        <thead>
          <tr>
            {head.children.map((cell) => (
              <th key={cell.key}>{cell.children.map(renderNode)}</th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {(rows?.children ?? []).map((row) => (
          <tr key={row.key}>
            {row.children.map((cell) => (
              <td key={cell.key}>{cell.children.map(renderNode)}</td>
            ))}
          </tr>
        ))}
        {node.props.isLoading && (
          <tr>
            <td colSpan={head?.children.length ?? 1}>Loading…</td>
          </tr>
        )}
      </tbody>
    </table>
  );
};

function TextfieldView({ node }: NodeProps) {
  const p = node.props;
  const [own, setOwn] = useState<string>(p.defaultValue ?? '');
  const value = p.value !== undefined ? String(p.value) : own;
  const Tag = (node.type === 'TextArea' ? 'textarea' : 'input') as 'input';
  return (
    <Tag
      className="uk-textfield"
      id={p.id}
      name={p.name}
      type={node.type === 'TextArea' ? undefined : (p.type ?? 'text')}
      placeholder={p.placeholder}
      disabled={p.isDisabled}
      readOnly={p.isReadOnly}
      required={p.isRequired}
      aria-invalid={p.isInvalid || undefined}
      value={value}
      onChange={(e) => {
        setOwn(e.target.value);
        call(p.onChange, event('change', { value: e.target.value, name: p.name }));
      }}
      onBlur={(e) => call(p.onBlur, event('blur', { value: e.target.value, name: p.name }))}
      onFocus={(e) => call(p.onFocus, event('focus', { value: e.target.value, name: p.name }))}
    />
  );
}

function CheckView({ node }: NodeProps) {
  const p = node.props;
  const [own, setOwn] = useState<boolean>(Boolean(p.defaultChecked));
  const checked = p.isChecked !== undefined ? Boolean(p.isChecked) : own;
  return (
    <label className={node.type === 'Toggle' ? 'uk-toggle' : 'uk-checkbox'}>
      <input
        type="checkbox"
        role={node.type === 'Toggle' ? 'switch' : undefined}
        id={p.id}
        name={p.name}
        value={p.value}
        checked={checked}
        disabled={p.isDisabled}
        onChange={(e) => {
          setOwn(e.target.checked);
          call(p.onChange, event('change', { checked: e.target.checked, value: p.value, name: p.name }));
        }}
      />
      {p.label && <span>{p.label}</span>}
    </label>
  );
}

function SelectView({ node }: NodeProps) {
  const p = node.props;
  const options = (Array.isArray(p.options) ? p.options : []) as Array<{ label: string; value: string }>;
  const initial = p.defaultValue as { value: string } | Array<{ value: string }> | undefined;
  const [own, setOwn] = useState<string[]>(Array.isArray(initial) ? initial.map((o) => o.value) : initial ? [initial.value] : []);
  const current = p.value !== undefined ? (Array.isArray(p.value) ? p.value.map((o: { value: string }) => o.value) : p.value ? [p.value.value] : []) : own;
  return (
    <select
      className="uk-select"
      id={p.inputId ?? p.id}
      multiple={Boolean(p.isMulti)}
      disabled={p.isDisabled}
      value={p.isMulti ? current : (current[0] ?? '')}
      onChange={(e) => {
        const chosen = [...e.target.selectedOptions].map((o) => o.value);
        setOwn(chosen);
        const picked = options.filter((o) => chosen.includes(String(o.value)));
        call(p.onChange, p.isMulti ? picked : (picked[0] ?? null));
      }}
    >
      {!p.isMulti && <option value="">{p.placeholder ?? 'Select…'}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function TabsView({ node, renderNode }: NodeProps) {
  const [selected, setSelected] = useState<number>(Number(node.props.defaultSelected ?? 0));
  const index = node.props.selected !== undefined ? Number(node.props.selected) : selected;
  const list = node.children.find((c) => c.type === 'TabList');
  const panels = node.children.filter((c) => c.type === 'TabPanel');
  return (
    <div className="uk-tabs">
      <div role="tablist" className="uk-tablist">
        {(list?.children ?? []).map((tab, i) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            aria-selected={i === index}
            className="uk-tab"
            onClick={() => {
              setSelected(i);
              call(node.props.onChange, i);
            }}
          >
            {textOf(tab)}
          </button>
        ))}
      </div>
      {panels[index] && <div role="tabpanel">{panels[index].children.map(renderNode)}</div>}
    </div>
  );
}

const Form: Renderer = ({ node, children }) => (
  <form
    className="uk-form"
    onSubmit={(e) => {
      e.preventDefault();
      call(node.props.onSubmit, event('submit'));
    }}
  >
    {children}
  </form>
);

const Modal: Renderer = ({ children }) => (
  <div className="uk-modal" role="dialog">
    {children}
  </div>
);

const Fragment: Renderer = ({ children }) => <>{children}</>;

const Unknown: Renderer = ({ node, children }) => (
  <div className="uk-unknown" data-forge-type={node.type} title={`UI Kit component "${node.type}" (the sandbox renders it generically)`}>
    <span className="uk-unknown-label">{node.type}</span>
    {children}
  </div>
);

export const COMPONENTS: Record<string, Renderer> = {
  Root: Fragment,
  Text,
  Heading,
  Stack,
  Inline,
  Box,
  Link,
  Button,
  LoadingButton: Button,
  LinkButton,
  ButtonGroup: Inline,
  SectionMessage,
  SectionMessageAction: Button,
  Spinner,
  Lozenge,
  Badge,
  RadioGroup: (props) => <RadioGroupView {...props} />,
  Radio,
  List,
  ListItem,
  DynamicTable,
  Textfield: (props) => <TextfieldView {...props} />,
  TextArea: (props) => <TextfieldView {...props} />,
  Toggle: (props) => <CheckView {...props} />,
  Checkbox: (props) => <CheckView {...props} />,
  Select: (props) => <SelectView {...props} />,
  Tabs: (props) => <TabsView {...props} />,
  Form,
  FormHeader: Fragment,
  FormSection: Fragment,
  FormFooter: Inline,
  Label: ({ node, children }) => (
    <label className="uk-label" htmlFor={node.props.labelFor}>
      {children}
    </label>
  ),
  HelperMessage: ({ children }) => <div className="uk-helper">{children}</div>,
  ErrorMessage: ({ children }) => <div className="uk-helper uk-helper-error">{children}</div>,
  ValidMessage: ({ children }) => <div className="uk-helper uk-helper-valid">{children}</div>,
  RequiredAsterisk: () => <span className="uk-required">*</span>,
  Code: ({ children }) => <code className="uk-code">{children}</code>,
  CodeBlock: ({ node }) => (
    <pre className="uk-codeblock">
      <code>{String(node.props.text ?? '')}</code>
    </pre>
  ),
  Strong: ({ children }) => <strong>{children}</strong>,
  Em: ({ children }) => <em>{children}</em>,
  Strike: ({ children }) => <s>{children}</s>,
  Tag: ({ node }) => <span className="uk-tag">{node.props.text}</span>,
  TagGroup: Inline,
  Image: ({ node }) => <img className="uk-image" src={rewriteHref(node.props.src)} alt={node.props.alt ?? ''} />,
  Tooltip: ({ node, children }) => <span title={typeof node.props.content === 'string' ? node.props.content : undefined}>{children}</span>,
  EmptyState: ({ node }) => (
    <div className="uk-empty">
      <strong>{node.props.header}</strong>
      {node.props.description && <p>{node.props.description}</p>}
    </div>
  ),
  ProgressBar: ({ node }) => <progress className="uk-progress" value={node.props.value ?? 0} max={1} aria-label={node.props.ariaLabel} />,
  User: ({ node }) => <span className="uk-user">{node.props.accountId}</span>,
  Modal,
  ModalTransition: Fragment,
  ModalHeader: Fragment,
  ModalTitle: ({ children }) => <h2 className="uk-heading">{children}</h2>,
  ModalBody: Fragment,
  ModalFooter: Inline,
};

export const UNKNOWN = Unknown;
