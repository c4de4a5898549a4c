/**
 * Atlassian Document Format to DOM, for comments and descriptions as Jira shows them: the nodes and marks
 * the app writes (paragraph, heading, text with strong/em/code/link, hardBreak, lists, codeBlock, table,
 * rule) and the other common ones. Links to the appliance or the Jira site point into the sandbox.
 */
import React, { type ReactNode } from 'react';
import { rewriteHref } from '../shared/links';

export interface AdfNode {
  type: string;
  attrs?: Record<string, any>;
  content?: AdfNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, any> }>;
}

function withMarks(text: ReactNode, marks: AdfNode['marks'], key: string): ReactNode {
  let out = text;
  for (const [i, mark] of (marks ?? []).entries()) {
    const k = `${key}-${i}`;
    switch (mark.type) {
      case 'strong':
        out = <strong key={k}>{out}</strong>;
        break;
      case 'em':
        out = <em key={k}>{out}</em>;
        break;
      case 'code':
        out = (
          <code key={k} className="adf-code">
            {out}
          </code>
        );
        break;
      case 'strike':
        out = <s key={k}>{out}</s>;
        break;
      case 'underline':
        out = <u key={k}>{out}</u>;
        break;
      case 'subsup':
        out = mark.attrs?.type === 'sub' ? <sub key={k}>{out}</sub> : <sup key={k}>{out}</sup>;
        break;
      case 'textColor':
        out = (
          <span key={k} style={{ color: mark.attrs?.color }}>
            {out}
          </span>
        );
        break;
      case 'link':
        out = (
          <a key={k} href={rewriteHref(mark.attrs?.href)} target="_blank" rel="noopener noreferrer">
            {out}
          </a>
        );
        break;
      default:
        break;
    }
  }
  return out;
}

function children(node: AdfNode, key: string): ReactNode[] {
  return (node.content ?? []).map((child, i) => renderAdf(child, `${key}.${i}`));
}

export function renderAdf(node: AdfNode, key = '0'): ReactNode {
  const kids = () => children(node, key);
  const a = node.attrs ?? {};
  switch (node.type) {
    case 'doc':
      return <React.Fragment key={key}>{kids()}</React.Fragment>;
    case 'paragraph':
      return <p key={key}>{kids()}</p>;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(a.level) || 1));
      const Tag = `h${level}` as 'h1';
      return (
        <Tag key={key} className="adf-heading">
          {kids()}
        </Tag>
      );
    }
    case 'text':
      return <React.Fragment key={key}>{withMarks(node.text ?? '', node.marks, key)}</React.Fragment>;
    case 'hardBreak':
      return <br key={key} />;
    case 'bulletList':
      return <ul key={key}>{kids()}</ul>;
    case 'orderedList':
      return (
        <ol key={key} start={a.order}>
          {kids()}
        </ol>
      );
    case 'listItem':
      return <li key={key}>{kids()}</li>;
    case 'codeBlock':
      return (
        <pre key={key} className="adf-codeblock" data-language={a.language}>
          <code>{(node.content ?? []).map((t) => t.text ?? '').join('')}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={key}>{kids()}</blockquote>;
    case 'rule':
      return <hr key={key} />;
    case 'panel':
      return (
        <div key={key} className={`adf-panel adf-panel-${a.panelType ?? 'info'}`}>
          {kids()}
        </div>
      );
    case 'table':
      return (
        <div key={key} className="adf-table-wrap">
          <table className="adf-table">
            <tbody>{kids()}</tbody>
          </table>
        </div>
      );
    case 'tableRow':
      return <tr key={key}>{kids()}</tr>;
    case 'tableHeader':
      return (
        <th key={key} colSpan={a.colspan} rowSpan={a.rowspan}>
          {kids()}
        </th>
      );
    case 'tableCell':
      return (
        <td key={key} colSpan={a.colspan} rowSpan={a.rowspan}>
          {kids()}
        </td>
      );
    case 'expand':
    case 'nestedExpand':
      return (
        <details key={key} className="adf-expand">
          <summary>{a.title || 'Details'}</summary>
          {kids()}
        </details>
      );
    case 'status':
      return (
        <span key={key} className={`adf-status adf-status-${a.color ?? 'neutral'}`}>
          {a.text}
        </span>
      );
    case 'mention':
      return (
        <span key={key} className="adf-mention">
          {a.text ?? `@${a.id}`}
        </span>
      );
    case 'emoji':
      return <span key={key}>{a.text ?? a.shortName}</span>;
    case 'date':
      return <time key={key}>{a.timestamp ? new Date(Number(a.timestamp)).toISOString().slice(0, 10) : ''}</time>;
    case 'inlineCard':
    case 'blockCard':
      return (
        <a key={key} href={rewriteHref(a.url)} target="_blank" rel="noopener noreferrer">
          {a.url}
        </a>
      );
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return (
        <span key={key} className="adf-media">
          [attachment]
        </span>
      );
    default:
      return node.content ? <div key={key}>{kids()}</div> : <span key={key}>{node.text ?? `[${node.type}]`}</span>;
  }
}

export function Adf({ doc }: { doc: unknown }) {
  if (!doc || typeof doc !== 'object') return null;
  return <div className="adf">{renderAdf(doc as AdfNode)}</div>;
}
