/**
 * Building Atlassian Document Format (ADF) for Jira REST v3 comments. Only the node shapes of
 * @atlaskit/adf-schema are produced; text from outside (PRA) always goes into plain text nodes
 * (`plain`), never marks, and links are made only for http(s) URLs. Pure: no I/O.
 */

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

/** C0/C1 control characters (except tab and newline) and lone surrogates have no place in a comment. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(value: string): string {
  return value.replace(UNSAFE, '\uFFFD');
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

/** A link for an http(s) URL; anything else is shown as plain text. */
export function link(label: string, href: string | undefined): AdfNode[] {
  if (!href || !/^https?:\/\/[^\s]+$/i.test(href)) return plain(label);
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
