/**
 * `get_api_info`: the API version and the calling account's permissions. The exact permission shape
 * is undocumented (attributes of <permission>, or child elements), so every `perm_*` name found under
 * <permissions> is collected either way.
 */
import { attrOf, child, many, parseXml, textOf, type XmlNode } from './xml';

export type CommandAccess = 'full_access' | 'read_only' | 'deny' | 'unknown';

export interface ApiInfo {
  apiVersion: string;
  timestamp?: string;
  command: CommandAccess;
  /** Reporting API access ("Allow Access to Access Session Reports and Recordings"); undefined if not stated. */
  reporting?: boolean;
  /** Configuration API access (lists Jump Items); undefined if not stated. */
  configuration?: boolean;
  raw: Record<string, string>;
}

function collectPermissions(node: unknown, out: Record<string, string>): void {
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as XmlNode)) {
    const name = key.startsWith('@') ? key.slice(1) : key;
    if (name.startsWith('perm_') && (typeof value !== 'object' || value === null)) out[name] = String(value);
    else if (name.startsWith('perm_')) out[name] = textOf(value);
    else if (name === 'permission') {
      for (const p of many(value)) {
        const n = attrOf(p, 'name');
        if (n) out[n] = attrOf(p, 'value') ?? textOf(p);
        collectPermissions(p, out);
      }
    }
  }
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value === '1' || value.toLowerCase() === 'true' || value.toLowerCase().startsWith('allow');
}

export function parseApiInfo(xml: string): ApiInfo {
  const { root, node } = parseXml(xml);
  const apiVersion = textOf(child(node, 'api_version')).trim();
  if (!apiVersion) throw new Error(`Expected <api_version> in get_api_info, got <${root}>`);
  const raw: Record<string, string> = {};
  collectPermissions(child(node, 'permissions'), raw);
  const commandRaw = (raw.perm_command ?? '').toLowerCase();
  const command: CommandAccess =
    commandRaw === ''
      ? 'unknown'
      : commandRaw.includes('full')
        ? 'full_access'
        : commandRaw.includes('read')
          ? 'read_only'
          : commandRaw === 'deny' || commandRaw === '0' || commandRaw === 'none'
            ? 'deny'
            : commandRaw === '1'
              ? 'full_access'
              : 'unknown';
  return {
    apiVersion,
    timestamp: textOf(child(node, 'timestamp')).trim() || undefined,
    command,
    reporting: flag(raw.perm_reporting),
    configuration: flag(raw.perm_configuration),
    raw,
  };
}
