/**
 * The two date-time fields that hold a change's planned window, found by name like the asset field:
 * the configured pair, or (none configured) the first pair Jira has of *Planned start* / *Planned end*
 * and *Change start date* / *Change completion date*. Resolved through GET /rest/api/3/field and cached
 * in KVS for 12 hours (`cache:window-fields:<hash>`), so a decision normally costs no extra request.
 */
import crypto from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { JiraClient } from '../jira/client';
import { listFields, similarFieldNames, type JiraField } from '../jira/fields';
import { DEFAULT_WINDOW_FIELD_PAIRS } from './windowRules';

export interface WindowFieldNames {
  changeWindowStartField: string;
  changeWindowEndField: string;
}

export interface WindowFields {
  startId: string;
  startName: string;
  endId: string;
  endName: string;
}

export type WindowFieldChoice =
  | { ok: true; fields: WindowFields }
  /** `tried`: the names looked for; `similar`: names that differ only by case or spacing ("did you mean"). */
  | { ok: false; tried: string[]; similar: string[] };

const CACHE_TTL_HOURS = 12;

const isDateTime = (field: JiraField) => field.schema?.type === 'datetime';

function dateTimeField(fields: readonly JiraField[], name: string): JiraField | undefined {
  return fields.find((f) => f.name === name && isDateTime(f));
}

/** The pair to read (pure). Names are exact, as Jira shows them; only date-time fields count. */
export function chooseWindowFields(fields: readonly JiraField[], names: WindowFieldNames): WindowFieldChoice {
  const pairs: (readonly [string, string])[] =
    names.changeWindowStartField && names.changeWindowEndField
      ? [[names.changeWindowStartField, names.changeWindowEndField]]
      : [...DEFAULT_WINDOW_FIELD_PAIRS];
  for (const [startName, endName] of pairs) {
    const start = dateTimeField(fields, startName);
    const end = dateTimeField(fields, endName);
    if (start && end) return { ok: true, fields: { startId: start.id, startName: start.name, endId: end.id, endName: end.name } };
  }
  const tried = pairs.flat();
  // "did you mean": the date-time fields whose names differ only by case or spacing (the asset field's rule)
  const dateTimeFields = fields.filter(isDateTime);
  return { ok: false, tried, similar: [...new Set(tried.flatMap((n) => similarFieldNames(dateTimeFields, n)))] };
}

const cacheKey = (names: WindowFieldNames) =>
  `cache:window-fields:${crypto
    .createHash('sha256')
    .update(`${names.changeWindowStartField}\n${names.changeWindowEndField}`)
    .digest('hex')
    .slice(0, 32)}`;

export async function cacheWindowFields(names: WindowFieldNames, fields: WindowFields): Promise<void> {
  await kvs.set(cacheKey(names), fields, { ttl: { value: CACHE_TTL_HOURS, unit: 'HOURS' } });
}

/** The window fields (cached); a failed choice is not cached, so a field created later is found. */
export async function resolveWindowFields(jira: JiraClient, names: WindowFieldNames, options: { refresh?: boolean } = {}): Promise<WindowFieldChoice> {
  if (!options.refresh) {
    const cached = await kvs.get<WindowFields>(cacheKey(names));
    if (cached) return { ok: true, fields: cached };
  }
  const choice = chooseWindowFields(await listFields(jira), names);
  if (choice.ok) await cacheWindowFields(names, choice.fields);
  return choice;
}
