/**
 * Finding the configured asset field by its display name. The product asks admins for the field
 * *name* (exactly as Jira shows it), so it is resolved to an id through GET /rest/api/3/field and the
 * result cached in KVS (field ids never change) to keep the approval path at two Jira requests.
 */
import crypto from 'node:crypto';
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { JiraClient } from './client';

export type AssetFieldKind = 'text' | 'assets' | 'unsupported';

export interface JiraField {
  id: string;
  name: string;
  custom?: boolean;
  schema?: { type?: string; items?: string; custom?: string; system?: string };
}

export interface ResolvedField {
  id: string;
  name: string;
  kind: AssetFieldKind;
  /** Human description of the schema, for messages. */
  type: string;
}

const CACHE_TTL_HOURS = 12;

export function fieldKind(field: JiraField): AssetFieldKind {
  const schema = field.schema ?? {};
  if (schema.items === 'cmdb-object-field' || /cmdb|insight|riadalabs/i.test(schema.custom ?? '')) return 'assets';
  if (schema.type === 'string' || schema.type === 'option') return 'text';
  return 'unsupported';
}

function describe(field: JiraField): string {
  const schema = field.schema ?? {};
  return schema.custom?.split(':').pop() ?? schema.type ?? 'unknown';
}

/**
 * Picks the field with exactly this name. Names are not unique in Jira: prefer a supported kind
 * (Assets, then text). Returns undefined when no field has the name.
 */
export function chooseField(fields: JiraField[], name: string): ResolvedField | undefined {
  const matches = fields.filter((f) => f.name === name);
  const ranked = [...matches].sort((a, b) => rank(fieldKind(a)) - rank(fieldKind(b)));
  const best = ranked[0];
  return best ? { id: best.id, name: best.name, kind: fieldKind(best), type: describe(best) } : undefined;
}

function rank(kind: AssetFieldKind): number {
  return kind === 'assets' ? 0 : kind === 'text' ? 1 : 2;
}

/** Names that differ from the configured one only by case or spacing, for a "did you mean" hint. */
export function similarFieldNames(fields: JiraField[], name: string): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return [...new Set(fields.filter((f) => f.name !== name && norm(f.name) === norm(name)).map((f) => f.name))];
}

const cacheKey = (name: string) => `cache:field:${crypto.createHash('sha256').update(name).digest('hex').slice(0, 32)}`;

export async function listFields(jira: JiraClient): Promise<JiraField[]> {
  return jira.json<JiraField[]>(route`/rest/api/3/field`);
}

/** Remembers a field found by name (the configuration check warms the cache for the approval path). */
export async function cacheField(name: string, field: ResolvedField): Promise<void> {
  await kvs.set(cacheKey(name), field, { ttl: { value: CACHE_TTL_HOURS, unit: 'HOURS' } });
}

/** Resolves the configured field name (cached); undefined when Jira has no field with that name. */
export async function resolveField(jira: JiraClient, name: string, options: { refresh?: boolean } = {}): Promise<ResolvedField | undefined> {
  if (!options.refresh) {
    const cached = await kvs.get<ResolvedField>(cacheKey(name));
    if (cached) return cached;
  }
  const field = chooseField(await listFields(jira), name);
  if (field) await cacheField(name, field);
  return field;
}
