/**
 * Use case behind the Jump to Asset dialog: everything the technician needs to start a PRA session to
 * the ticket's asset.
 *
 *   1. settings: enabled, Host Name and Asset Field Name present;
 *   2. the issue's asset field, read as the current user (assetField.ts): text or Jira Assets;
 *   3. one Jump link per asset (jumpLink.ts), with the issue key as the session's external key;
 *   4. optionally, the Jump Items PRA lists for each asset (jumpItems.ts), time-boxed; when PRA could not
 *      say, the asset is marked so the dialog tells the technician (the link works regardless).
 */
import { hostNameProblem } from '../config/hostName';
import { loadSettingsInUse } from '../config/store';
import type { Settings } from '../config/settings';
import { normalizeIssueKey } from '../jira/issues';
import { PraClient } from '../pra/client';
import { log } from '../shared/log';
import { readIssueAssets } from './assetField';
import type { JumpAsset, JumpError, JumpInfoResult } from './contract';
import { lookupJumpItems, JUMP_ITEMS_BUDGET_MS, MAX_LOOKED_UP_ASSETS, type JumpItemLookup } from './jumpItems';
import { buildJumpLink } from './jumpLink';
import { JUMP_MESSAGES } from './messages';

export interface JumpInfoOptions {
  /** Time allowed for listing Jump Items (all assets together). */
  jumpItemsBudgetMs?: number;
}

const fail = (code: JumpError['code'], message: string): JumpInfoResult => ({ ok: false, error: { code, message } });

/** The Jump Items per asset name, or an empty map when PRA cannot be asked (no client secret saved). */
async function jumpItemsFor(settings: Settings, clientSecret: string | undefined, names: string[], budgetMs: number): Promise<Map<string, JumpItemLookup>> {
  if (names.length === 0 || !settings.clientId) return new Map();
  if (!clientSecret) return new Map();
  const pra = new PraClient({ hostName: settings.hostName, clientId: settings.clientId, clientSecret }, { timeoutMs: budgetMs });
  return lookupJumpItems(pra, names, { budgetMs });
}

/** `issueKeyRaw` comes from the invocation context (the issue the dialog was opened on), never from the payload. */
export async function getJumpInfo(issueKeyRaw: unknown, options: JumpInfoOptions = {}): Promise<JumpInfoResult> {
  const issueKey = normalizeIssueKey(issueKeyRaw);
  if (!issueKey) return fail('ERROR', JUMP_MESSAGES.noIssue);

  const inUse = await loadSettingsInUse();
  if (!inUse) return fail('NOT_CONFIGURED', JUMP_MESSAGES.notConfigured);
  const { settings, clientSecret } = inUse;
  if (!settings.enabled) return fail('DISABLED', JUMP_MESSAGES.disabled);
  const missing = [!settings.hostName && 'Host Name', !settings.assetFieldName && 'Asset Field Name'].filter((s): s is string => !!s);
  if (missing.length) return fail('NOT_CONFIGURED', JUMP_MESSAGES.missingSettings(missing));
  if (hostNameProblem(settings.hostName)) return fail('NOT_CONFIGURED', JUMP_MESSAGES.invalidHost);

  const read = await readIssueAssets(issueKey, settings.assetFieldName);
  if (!read.ok) return read;

  const mode = settings.useWebConsole ? 'web' : 'desktop';
  const assets: JumpAsset[] = read.assets.map((asset) => {
    const link = buildJumpLink({ hostName: settings.hostName, assetName: asset.name, issueKey: read.issueKey, mode });
    return link.ok ? { ...asset, jumpUrl: link.url } : { ...asset, problem: link.problem };
  });

  const linkable = assets.filter((a) => a.jumpUrl).map((a) => a.name);
  const lookups = await jumpItemsFor(settings, clientSecret, linkable, options.jumpItemsBudgetMs ?? JUMP_ITEMS_BUDGET_MS);
  const asked = clientSecret && settings.clientId ? new Set(linkable.slice(0, MAX_LOOKED_UP_ASSETS)) : new Set<string>();
  for (const asset of assets) {
    const lookup = lookups.get(asset.name);
    if (!lookup) {
      if (asked.has(asset.name)) asset.jumpItemsUnavailable = true;
      continue;
    }
    asset.jumpItems = lookup.items;
    if (lookup.truncated) asset.jumpItemsTruncated = true;
  }

  log.info('jump.info', { issueKey: read.issueKey, assets: assets.length, mode, jumpItemsListed: lookups.size });
  return {
    ok: true,
    info: { issueKey: read.issueKey, summary: read.summary, fieldName: settings.assetFieldName, assets, appliance: settings.hostName, mode },
  };
}
