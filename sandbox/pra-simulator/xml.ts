/** XML text helpers shared by the command and reporting APIs: namespaces, escaping, `<error>` documents. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * `sra`: what real PRA sites emit (default). `documented`: what the PRA docs print.
 * `bomgar`: the legacy Bomgar namespace.
 */
export const NAMESPACE_FLAVORS = ['sra', 'documented', 'bomgar'] as const;
export type NamespaceFlavor = (typeof NAMESPACE_FLAVORS)[number];
export type XmlApi = 'command' | 'reporting';

const NAMESPACE_BASES: Record<NamespaceFlavor, string> = {
  sra: 'http://www.beyondtrust.com/sra/namespaces/API/',
  documented: 'https://www.beyondtrust.com/namespaces/API/',
  bomgar: 'http://www.bomgar.com/namespaces/API/',
};

export function namespaceFor(flavor: NamespaceFlavor, api: XmlApi): string {
  return NAMESPACE_BASES[flavor] + api;
}

// XML 1.0 Char production; anything else cannot appear in a document, even escaped.
const INVALID_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const INVALID_XML_CHARS = new RegExp(INVALID_XML_CHAR.source, 'gu');

export function hasInvalidXmlChars(value: string): boolean {
  return INVALID_XML_CHAR.test(value);
}

/** Escapes element text; characters XML cannot carry are dropped. */
export function escapeText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

const NO_DATA_MESSAGE = 'No Support report information matching your chosen criteria is available.';

/** `<error xmlns="…">message</error>` as a whole document. */
export function errorDocument(namespace: string, message: string): string {
  return `${XML_DECLARATION}<error xmlns="${namespace}">${escapeText(message)}</error>\n`;
}

/** The "no data" answer exactly as observed on a real site: bare root, no namespace, a space before `>`. */
export function noDataDocument(): string {
  return `${XML_DECLARATION}<error >${NO_DATA_MESSAGE}</error>\n`;
}

