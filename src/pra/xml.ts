/**
 * XML from the appliance, parsed by local element names: the documented namespace
 * (https://www.beyondtrust.com/namespaces/API/...), the one real PRA sites send
 * (http://www.beyondtrust.com/sra/namespaces/API/...) and the legacy Bomgar one all parse the same.
 */
import { XMLParser } from 'fast-xml-parser';
import { decodeXmlReferences } from '../shared/text';

export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  textNodeName: '#text',
  // fast-xml-parser decodes the five entities but not character references (`&#039;`, `&#x2014;`); text and
  // attributes are decoded here instead, once, by textOf and attrOf.
  processEntities: false,
  ignoreDeclaration: true,
});

/** Parses a document; returns its root element's local name and node. */
export function parseXml(text: string): { root: string; node: XmlNode } {
  const doc = parser.parse(text) as XmlNode;
  const root = Object.keys(doc).find((k) => !k.startsWith('@') && k !== '#text' && !k.startsWith('?'));
  if (!root) throw new Error('The document has no root element');
  const node = doc[root];
  return { root, node: typeof node === 'object' && node !== null ? (node as XmlNode) : { '#text': String(node ?? '') } };
}

/** Text content of an element that may have attributes. */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return decodeXmlReferences(String((node as XmlNode)['#text'] ?? ''));
  return decodeXmlReferences(String(node));
}

export function attrOf(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[`@${name}`];
  return v === undefined ? undefined : decodeXmlReferences(String(v));
}

/** An element that may occur once or many times, always as an array. */
export function many(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

export function child(node: unknown, name: string): unknown {
  return node && typeof node === 'object' ? (node as XmlNode)[name] : undefined;
}

/**
 * The message of an `<error>` answer (a bare `<error>` root, or an `<error>` inside the expected root),
 * or undefined when the document is not an error.
 */
export function errorMessageOf(text: string): string | undefined {
  if (!/<(\w+:)?error[\s>]/.test(text)) return undefined;
  try {
    const { root, node } = parseXml(text);
    if (root === 'error') return textOf(node).trim() || 'The appliance returned an error without a message.';
    const inner = child(node, 'error');
    return inner === undefined ? undefined : textOf(inner).trim() || 'The appliance returned an error without a message.';
  } catch {
    return undefined;
  }
}
