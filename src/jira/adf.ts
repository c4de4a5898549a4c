/**
 * Building Atlassian Document Format (ADF) for Jira REST v3 comments. Only the node shapes of
 * @atlaskit/adf-schema are produced; text from outside (PRA) always goes into plain text nodes
 * (`plain`), never marks, and links are made only for https URLs on a host the caller trusts. Pure: no I/O.
 */
import { commentText } from '../shared/text';

export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** Text as a comment may show it: line separators as "\n", no control characters, no lone surrogates (see shared/text). */
export function cleanText(value: string): string {
  return commentText(value);
}

export const doc = (content: AdfNode[]): AdfDoc => ({ type: 'doc', version: 1, content });

/** A plain text node, or nothing for an empty string (ADF text nodes must not be empty). */
export function plain(value: string | undefined | null): AdfNode[] {
  const cleaned = cleanText(value ?? '');
  return cleaned ? [{ type: 'text', text: cleaned }] : [];
}

export function strong(value: string): AdfNode[] {
  const cleaned = cleanText(value);
  return cleaned ? [{ type: 'text', text: cleaned, marks: [{ type: 'strong' }] }] : [];
}

/** Whether `href` is an https URL on `host` (no credentials, no other port), i.e. safe to make clickable. */
export function isLinkTo(href: string, host: string | undefined): boolean {
  if (!host || !/^https:\/\/[\x21-\x7E]+$/i.test(href)) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && url.hostname.toLowerCase() === host.toLowerCase() && !url.username && !url.password && (url.port === '' || url.port === '443');
  } catch {
    return false;
  }
}

/**
 * A link for an https URL on `host` (the configured appliance); any other URL is shown as plain text after
 * the label, so a report cannot make a clickable link to somewhere else.
 */
export function link(label: string, href: string | undefined, host: string | undefined): AdfNode[] {
  if (!href) return plain(label);
  if (!isLinkTo(href, host)) return plain(`${label}: ${href}`);
  return [{ type: 'text', text: cleanText(label) || href, marks: [{ type: 'link', attrs: { href } }] }];
}

export const paragraph = (...inline: AdfNode[][]): AdfNode => {
  const content = inline.flat();
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
};

export const heading = (level: 1 | 2 | 3 | 4 | 5 | 6, value: string): AdfNode => ({ type: 'heading', attrs: { level }, content: plain(value) });

export const rule = (): AdfNode => ({ type: 'rule' });

export function codeBlock(value: string): AdfNode {
  const cleaned = cleanText(value);
  return cleaned ? { type: 'codeBlock', attrs: {}, content: [{ type: 'text', text: cleaned }] } : { type: 'codeBlock', attrs: {} };
}

export function bulletList(items: AdfNode[][]): AdfNode {
  return { type: 'bulletList', content: items.map((inline) => ({ type: 'listItem', content: [paragraph(inline)] })) };
}

/** A table cell holding one paragraph of inline content (cells need at least one block). */
export const cell = (inline: AdfNode[], header = false): AdfNode => ({
  type: header ? 'tableHeader' : 'tableCell',
  attrs: {},
  content: [paragraph(inline)],
});

export const row = (cells: AdfNode[]): AdfNode => ({ type: 'tableRow', content: cells });

export const headerRow = (titles: string[]): AdfNode => row(titles.map((t) => cell(plain(t), true)));

export function table(rows: AdfNode[]): AdfNode {
  return { type: 'table', attrs: { isNumberColumnEnabled: false, layout: 'default' }, content: rows };
}

/** Characters this node adds to a serialized document (plus the comma that separates siblings). */
export function sizeOf(node: AdfNode | AdfDoc): number {
  return JSON.stringify(node).length + 1;
}
