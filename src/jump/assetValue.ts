/**
 * Reading the configured asset field's value as Jira returns it (GET issue). Pure: no I/O.
 *
 * - Short text: a string.                        → its trimmed text
 * - Select list (single/multi), labels:          → the option values / strings
 * - Jira Assets: `[{workspaceId, id: "<ws>:<objectId>", objectId}]` (no label: looked up separately)
 * - null, "", []: empty.
 */
import { assetRefs, type AssetRef } from '../jira/assets';

/** More assets than this on one ticket are not offered (and not looked up). */
export const MAX_ASSETS = 20;

export type AssetValue =
  | { kind: 'empty' }
  | { kind: 'text'; names: string[] }
  | { kind: 'assets'; refs: AssetRef[] }
  | { kind: 'unsupported'; description: string };

function textOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (item && typeof item === 'object' && typeof (item as { value?: unknown }).value === 'string') return (item as { value: string }).value;
  return undefined;
}

/** Trims, drops empty names and repeats (PRA searches case-insensitively, so repeats differ only by case). */
export function distinctNames(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const folded = name.toLowerCase();
    if (!name || seen.has(folded)) continue;
    seen.add(folded);
    out.push(name);
  }
  return out.slice(0, MAX_ASSETS);
}

export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v.type === 'doc' && Array.isArray(v.content)) return 'formatted text (a paragraph field)';
    return 'an object';
  }
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
