/**
 * JSM Assets: the workspace discovery endpoint, object details (`/jsm/assets/workspace/{ws}/v1/object/{id}`)
 * and AQL search, with the object shape of the Assets REST API.
 */
import type { Router } from '../shared/http';
import { json } from '../shared/http';
import { AqlError, matchesAql, parseAql } from './aql';
import { withAuth, type Principal } from './auth';
import { jiraError } from './errors';
import { listParam, pageParams, slicePage } from './query';
import type { AssetObject, AssetObjectType, AssetTypeAttribute, JiraState } from './state';

/** Resolves an object reference: object id, objectKey (case-insensitive), `{objectId}` or `{id: "<ws>:<objectId>"}`. */
export function findAssetObject(state: JiraState, ref: unknown): AssetObject | undefined {
  if (typeof ref === 'string') {
    const byId = state.assetObjects.get(ref);
    if (byId) return byId;
    const key = ref.toUpperCase();
    return [...state.assetObjects.values()].find((o) => o.objectKey === key);
  }
  if (typeof ref === 'object' && ref !== null) {
    const { objectId, id } = ref as { objectId?: unknown; id?: unknown };
    if (typeof objectId === 'string') return state.assetObjects.get(objectId);
    if (typeof id === 'string') return state.assetObjects.get(id.slice(id.lastIndexOf(':') + 1));
  }
  return undefined;
}

function typeOf(state: JiraState, object: AssetObject): AssetObjectType {
  return state.assetObjectTypes.get(object.typeId)!;
}

/** The values of one attribute of an object (system attributes computed). */
function attributeValues(object: AssetObject, attribute: AssetTypeAttribute): string[] {
  switch (attribute.system) {
    case 'key':
      return [object.objectKey];
    case 'created':
      return [new Date(object.created).toISOString()];
    case 'updated':
      return [new Date(object.updated).toISOString()];
    default:
      return object.values.get(attribute.id) ?? [];
  }
}

function assetLabel(state: JiraState, object: AssetObject): string {
  const labelAttribute = typeOf(state, object).attributes.find((a) => a.label);
  return labelAttribute ? (attributeValues(object, labelAttribute)[0] ?? '') : '';
}

function objectTypeJson(state: JiraState, type: AssetObjectType): Record<string, unknown> {
  const ws = state.assetsWorkspaceId;
  const iconBase = `${state.siteUrl}/rest/servicedeskapi/assets/workspace/${ws}/v1/objecttype/${type.id}/icon.png`;
  return {
    workspaceId: ws,
    globalId: `${ws}:${type.id}`,
    id: type.id,
    name: type.name,
    description: type.description,
    icon: { id: type.id, name: type.name, url16: `${iconBase}?size=16`, url48: `${iconBase}?size=48` },
    position: 0,
    objectCount: [...state.assetObjects.values()].filter((o) => o.typeId === type.id).length,
    objectSchemaId: type.schemaId,
    inherited: false,
    abstractObjectType: false,
    parentObjectTypeInherited: false,
  };
}

export function assetObjectJson(state: JiraState, object: AssetObject, includeAttributes: boolean): Record<string, unknown> {
  const ws = state.assetsWorkspaceId;
  const type = typeOf(state, object);
  const result: Record<string, unknown> = {
    workspaceId: ws,
    globalId: `${ws}:${object.id}`,
    id: object.id,
    label: assetLabel(state, object),
    objectKey: object.objectKey,
    avatar: { workspaceId: ws, objectId: object.id },
    objectType: objectTypeJson(state, type),
    created: new Date(object.created).toISOString(),
    updated: new Date(object.updated).toISOString(),
    hasAvatar: false,
    timestamp: object.updated,
  };
  if (includeAttributes) {
    result.attributes = type.attributes
      .map((attribute) => ({ attribute, values: attributeValues(object, attribute) }))
      .filter(({ values }) => values.length > 0)
      .map(({ attribute, values }) => {
        const valueId = String(Number(object.id) * 1000 + Number(attribute.id));
        return {
          workspaceId: ws,
          globalId: `${ws}:${valueId}`,
          id: valueId,
          objectTypeAttributeId: attribute.id,
          objectAttributeValues: values.map((value) => ({ value, searchValue: value, referencedType: false, displayValue: value })),
          objectId: object.id,
        };
      });
  }
  result._links = {
    self: `${state.siteUrl}/jira/servicedesk/assets/object-schema/${type.schemaId}?typeId=${type.id}&objectId=${object.id}`,
  };
  return result;
}

/** Pseudo-attributes AQL knows besides the object type's own attributes. */
function specialValues(state: JiraState, object: AssetObject, name: string): string[] | undefined {
  const type = typeOf(state, object);
  switch (name.toLowerCase()) {
    case 'key':
    case 'objectkey':
      return [object.objectKey];
    case 'label':
      return [assetLabel(state, object)];
    case 'objecttype':
      return [type.name];
    case 'objecttypeid':
      return [type.id];
    case 'objectschema':
      return [state.assetSchemas.get(type.schemaId)!.name];
    case 'objectschemaid':
      return [type.schemaId];
    case 'objectid':
      return [object.id];
    default:
      return undefined;
  }
}

function aqlValues(state: JiraState, object: AssetObject, name: string): string[] {
  const special = specialValues(state, object, name);
  if (special) return special;
  const wanted = name.toLowerCase();
  const attribute = typeOf(state, object).attributes.find((a) => a.name.toLowerCase() === wanted);
  if (attribute) return attributeValues(object, attribute);
  const known = [...state.assetObjectTypes.values()].some((t) => t.attributes.some((a) => a.name.toLowerCase() === wanted));
  if (!known) throw new AqlError(`AQL: there is no attribute named '${name}'`);
  return [];
}

/** What Assets answers the app account before an admin granted it an Assets role (the simulator's wording). */
export const APP_WITHOUT_ASSETS_ROLE = 'The app does not have an Assets role that allows this operation. An admin must grant the app an Assets role.';

/**
 * Throws unless Assets is on, the workspace id is this site's, and the caller may use Assets: a user in
 * one of the `assetsAccessGroups`, or the app once an admin granted it an Assets role (none by default:
 * "The app account has no access to Assets data by default", Atlassian, grant roles to Forge apps using 2LO).
 */
function requireAssetsAccess(state: JiraState, principal: Principal, workspaceId: string): void {
  if (!state.knobs.assetsEnabled || workspaceId !== state.assetsWorkspaceId) {
    throw jiraError(404, [`The workspace '${workspaceId}' does not exist.`]);
  }
  if (principal.kind === 'app') {
    if (!state.appAssetsRole) throw jiraError(403, [APP_WITHOUT_ASSETS_ROLE]);
    return;
  }
  if (!principal.user.groups.some((g) => state.knobs.assetsAccessGroups.includes(g))) throw jiraError(403, ['You do not have access to Assets.']);
}

const includeAttributes = (values: string[]) => values[0]?.toLowerCase() !== 'false';

export function registerAssetRoutes(router: Router, state: JiraState): void {
  router.get(
    '/rest/servicedeskapi/assets/workspace',
    withAuth(state, () => {
      const values = state.knobs.assetsEnabled ? [{ workspaceId: state.assetsWorkspaceId }] : [];
      return json(200, {
        size: values.length,
        start: 0,
        limit: 50,
        isLastPage: true,
        _links: { base: state.siteUrl, context: '', self: `${state.siteUrl}/rest/servicedeskapi/assets/workspace` },
        values,
      });
    }),
  );

  const base = '/jsm/assets/workspace/:workspaceId/v1/object';

  router.post(
    `${base}/aql`,
    withAuth(state, (req, principal) => {
      requireAssetsAccess(state, principal, req.params.workspaceId!);
      const body = req.json<{ qlQuery?: unknown } | null>();
      if (typeof body?.qlQuery !== 'string') throw jiraError(400, [], { qlQuery: 'qlQuery is required.' });
      let matched: AssetObject[];
      try {
        const expr = parseAql(body.qlQuery);
        matched = [...state.assetObjects.values()].filter((o) => matchesAql(expr, (name) => aqlValues(state, o, name)));
      } catch (error) {
        if (error instanceof AqlError) throw jiraError(400, [], { qlQuery: error.message });
        throw error;
      }
      const page = pageParams(req, 25, 1000);
      const withAttributes = includeAttributes(listParam(req, 'includeAttributes'));
      const isLast = page.startAt + page.maxResults >= matched.length;
      return json(200, {
        startAt: page.startAt,
        maxResults: page.maxResults,
        total: matched.length,
        values: slicePage(matched, page).map((o) => assetObjectJson(state, o, withAttributes)),
        isLast,
        hasMoreResults: !isLast,
      });
    }),
  );

  router.get(
    `${base}/:id`,
    withAuth(state, (req, principal) => {
      requireAssetsAccess(state, principal, req.params.workspaceId!);
      const object = state.assetObjects.get(req.params.id!);
      if (!object) throw jiraError(404, [`The object with id '${req.params.id}' does not exist.`]);
      return json(200, assetObjectJson(state, object, includeAttributes(listParam(req, 'includeAttributes'))));
    }),
  );
}
