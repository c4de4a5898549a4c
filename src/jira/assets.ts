/**
 * Jira Assets (JSM) objects referenced by an Assets custom field. The issue holds only references
 * (`{workspaceId, objectId}`); names come from the Assets REST API, one request per object, sent in
 * parallel so a ticket with several assets still costs one sequential round trip. Read as the app, Assets
 * needs an Assets role granted to the app (`appAssetsAccess` checks it).
 */
import { route } from '@forge/api';
import { JiraError, type JiraClient } from './client';

export interface AssetRef {
  workspaceId: string;
  objectId: string;
}

export interface AssetObject extends AssetRef {
  /** The object's label: its label attribute, normally Name. */
  label: string;
  /** The object key, e.g. ITSM-88. */
  objectKey?: string;
  objectType?: string;
}

const SAFE_ID = /^[A-Za-z0-9:_-]{1,100}$/;

/** The references in an Assets field value (`[{workspaceId, id: "<ws>:<objectId>", objectId}]`). */
export function assetRefs(value: unknown): AssetRef[] {
  if (!Array.isArray(value)) return [];
  const refs: AssetRef[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const v = item as { workspaceId?: unknown; objectId?: unknown; id?: unknown };
    const [wsFromId, idFromId] = typeof v.id === 'string' && v.id.includes(':') ? v.id.split(':') : [undefined, undefined];
    const workspaceId = String(v.workspaceId ?? wsFromId ?? '');
    const objectId = String(v.objectId ?? idFromId ?? '');
    if (SAFE_ID.test(workspaceId) && SAFE_ID.test(objectId)) refs.push({ workspaceId, objectId });
  }
  return refs;
}

interface AssetsObjectResponse {
  label?: string;
  objectKey?: string;
  objectType?: { name?: string };
}

/**
 * Assets answered 403 to the app itself: the app account has no Assets role on this site ("The app account
 * has no access to Assets data by default. An admin must explicitly grant the app the Assets roles it needs").
 */
export class AssetsForbiddenError extends JiraError {
  constructor(detail: string) {
    super(403, `The app cannot read Jira Assets (${detail}). A Jira administrator must grant the app an Assets role.`);
    this.name = 'AssetsForbiddenError';
  }
}

export interface GetAssetObjectsOptions {
  /**
   * What a 403 means. 'omit' (reading as the user): objects the user may not see are left out. 'fail'
   * (reading as the app): the app has no Assets role, an AssetsForbiddenError, never "no asset".
   */
  forbidden?: 'omit' | 'fail';
}

/** Fetches the objects (in parallel); objects that no longer exist (or, as a user, are not visible) are left out. */
export async function getAssetObjects(jira: JiraClient, refs: AssetRef[], options: GetAssetObjectsOptions = {}): Promise<AssetObject[]> {
  const found = await Promise.all(
    refs.map(async (ref): Promise<AssetObject | undefined> => {
      try {
        const obj = await jira.json<AssetsObjectResponse>(route`/jsm/assets/workspace/${ref.workspaceId}/v1/object/${ref.objectId}?includeAttributes=false`);
        return { ...ref, label: obj.label ?? '', objectKey: obj.objectKey, objectType: obj.objectType?.name };
      } catch (error) {
        if (error instanceof JiraError && error.status === 403 && options.forbidden === 'fail') throw new AssetsForbiddenError(error.message);
        if (error instanceof JiraError && (error.status === 404 || error.status === 403)) return undefined;
        throw error;
      }
    }),
  );
  return found.filter((o): o is AssetObject => !!o);
}

export type AppAssetsAccess =
  | { kind: 'ok' }
  /** Assets answered 403 to the app: no Assets role. */
  | { kind: 'no-role'; detail: string }
  /** The site has no Assets workspace (no JSM Premium or Enterprise). */
  | { kind: 'no-workspace' }
  /** Could not tell (Jira unavailable, an unexpected answer). */
  | { kind: 'unknown'; detail: string };

/**
 * Whether the app itself may read Assets objects: the site's workspace, then one AQL search limited to
 * one result (`objectId = 0` matches nothing) as the app. Two requests; pass an `asApp()` client.
 */
export async function appAssetsAccess(jira: JiraClient): Promise<AppAssetsAccess> {
  let workspaceId: string | undefined;
  try {
    const list = await jira.json<{ values?: Array<{ workspaceId?: unknown }> }>(route`/rest/servicedeskapi/assets/workspace`);
    const first = list?.values?.[0]?.workspaceId;
    workspaceId = typeof first === 'string' && SAFE_ID.test(first) ? first : undefined;
  } catch (error) {
    if (error instanceof JiraError) return { kind: 'unknown', detail: error.message };
    throw error;
  }
  if (!workspaceId) return { kind: 'no-workspace' };
  try {
    await jira.json(route`/jsm/assets/workspace/${workspaceId}/v1/object/aql?maxResults=1&includeAttributes=false`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ qlQuery: 'objectId = 0' }),
    });
    return { kind: 'ok' };
  } catch (error) {
    if (error instanceof JiraError && error.status === 403) return { kind: 'no-role', detail: error.message };
    if (error instanceof JiraError) return { kind: 'unknown', detail: error.message };
    throw error;
  }
}
