/**
 * Jira Assets (JSM) objects referenced by an Assets custom field. The issue holds only references
 * (`{workspaceId, objectId}`); names come from the Assets REST API, one request per object, sent in
 * parallel so a ticket with several assets still costs one sequential round trip.
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

/** Fetches the objects (in parallel); objects that no longer exist or are not visible are left out. */
export async function getAssetObjects(jira: JiraClient, refs: AssetRef[]): Promise<AssetObject[]> {
  const found = await Promise.all(
    refs.map(async (ref): Promise<AssetObject | undefined> => {
      try {
        const obj = await jira.json<AssetsObjectResponse>(route`/jsm/assets/workspace/${ref.workspaceId}/v1/object/${ref.objectId}?includeAttributes=false`);
        return { ...ref, label: obj.label ?? '', objectKey: obj.objectKey, objectType: obj.objectType?.name };
      } catch (error) {
        if (error instanceof JiraError && (error.status === 404 || error.status === 403)) return undefined;
        throw error;
      }
    }),
  );
  return found.filter((o): o is AssetObject => !!o);
}
