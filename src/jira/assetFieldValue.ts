/**
 * The configured asset field's value as Jira returns it (GET issue), read the same way by Jump to Asset
 * and by endpoint approval. Pure: no I/O.
 *
 * - Short text: a string; several names may be separated by commas, semicolons or line breaks.
 * - Paragraph (rich text) field: ADF, read as its text, then as above.
 * - Select list (single or multi), labels: the option values / strings.
 * - Jira Assets: `[{workspaceId, id: "<ws>:<objectId>", objectId}]` (no label: looked up separately).
 * - null, "", []: empty.
 */
import { assetRefs, type AssetRef } from './assets';

/** More assets than this on one ticket are not offered or matched (and not looked up). */
export const MAX_ASSETS = 20;
/** Longest asset name kept (PRA's Jump search accepts 255 characters). */
const MAX_NAME = 255;

export type AssetValue =
  | { kind: 'empty' }
  | { kind: 'text'; names: string[] }
  | { kind: 'assets'; refs: AssetRef[] }
  | { kind: 'unsupported'; description: string };

/** The text of an ADF document, one line per paragraph, list item or heading. */
function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: unknown; text?: unknown; content?: unknown };
  if (n.type === 'text' && typeof n.text === 'string') return n.text;
  if (n.type === 'hardBreak') return '\n';
  const inner = Array.isArray(n.content) ? n.content.map(adfText).join('') : '';
  return n.type === 'paragraph' || n.type === 'listItem' || n.type === 'heading' ? `${inner}\n` : inner;
}

/** The text of one item: a string, a select option (`{value}`), or a paragraph field (ADF). */
function textOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (!item || typeof item !== 'object') return undefined;
  const o = item as { type?: unknown; content?: unknown; value?: unknown };
  if (o.type === 'doc' && Array.isArray(o.content)) return adfText(o);
  return typeof o.value === 'string' ? o.value : undefined;
}

/** Splits on commas, semicolons and line breaks; trims; drops empty names and repeats that differ only by case. */
export function distinctNames(texts: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of texts.flatMap((t) => t.split(/[,;\r\n]+/))) {
    const name = raw.trim().slice(0, MAX_NAME);
    const folded = name.toLowerCase();
    if (!name || seen.has(folded)) continue;
    seen.add(folded);
    out.push(name);
  }
  return out.slice(0, MAX_ASSETS);
}

export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  return `a ${typeof value}`;
}

export function parseAssetValue(value: unknown): AssetValue {
  if (value === null || value === undefined) return { kind: 'empty' };
  const single = textOf(value);
  if (single !== undefined) {
    const names = distinctNames([single]);
    return names.length ? { kind: 'text', names } : { kind: 'empty' };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'empty' };
    const refs = assetRefs(value);
    if (refs.length > 0) {
      const unique = [...new Map(refs.map((r) => [`${r.workspaceId}:${r.objectId}`, r])).values()];
      return { kind: 'assets', refs: unique.slice(0, MAX_ASSETS) };
    }
    const texts = value.map(textOf);
    if (texts.every((t): t is string => t !== undefined)) {
      const names = distinctNames(texts);
      return names.length ? { kind: 'text', names } : { kind: 'empty' };
    }
  }
  return { kind: 'unsupported', description: describeValue(value) };
}
