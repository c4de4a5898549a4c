/**
 * Validates Atlassian Document Format against the published ADF JSON schema
 * (`@atlaskit/adf-schema` full.json, draft-04), returning one readable problem description.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';

interface SchemaDefinition {
  properties?: { type?: { enum?: string[] } };
  allOf?: SchemaDefinition[];
}

// The package is CommonJS (no "type": "module"), so `require` is the module's own under tsx and jest alike.
const ADF_SCHEMA = require('@atlaskit/adf-schema/dist/json-schema/v1/full.json') as {
  definitions: Record<string, SchemaDefinition>;
};

/** The `type` names the schema defines in its `*_node` / `*_mark` definitions. */
function typeNames(suffix: string): Set<string> {
  const names = new Set<string>();
  for (const [name, def] of Object.entries(ADF_SCHEMA.definitions)) {
    if (!name.endsWith(suffix)) continue;
    for (const part of [def, ...(def.allOf ?? [])]) part.properties?.type?.enum?.forEach((t) => names.add(t));
  }
  return names;
}

const NODE_TYPES = typeNames('_node');
const MARK_TYPES = typeNames('_mark');

let compiled: ValidateFunction | undefined;
const schemaValidator = (): ValidateFunction => (compiled ??= new Ajv({ strict: false }).compile(ADF_SCHEMA));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Names the first node or mark whose type the schema does not know (the schema's own errors are vaguer). */
function unknownType(node: unknown, path: string): string | null {
  if (!isObject(node)) return null;
  if (typeof node.type === 'string' && !NODE_TYPES.has(node.type)) return `${path || '/'}: unknown node type '${node.type}'`;
  if (Array.isArray(node.marks)) {
    for (const [i, mark] of node.marks.entries()) {
      if (isObject(mark) && typeof mark.type === 'string' && !MARK_TYPES.has(mark.type)) {
        return `${path}/marks/${i}: unknown mark type '${mark.type}'`;
      }
    }
  }
  if (Array.isArray(node.content)) {
    for (const [i, child] of node.content.entries()) {
      const problem = unknownType(child, `${path}/content/${i}`);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * Picks the most specific error. The schema lists node and mark shapes as `anyOf` alternatives, so
 * "type must be X" errors only say that an alternative did not apply (unknown types were reported
 * before); of the rest, the deepest one that is not an `anyOf` summary names the real problem.
 */
function mostSpecific(errors: ErrorObject[]): ErrorObject | undefined {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const summary = (e: ErrorObject) => Number(e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const relevant = errors.filter((e) => !(e.keyword === 'enum' && e.instancePath.endsWith('/type')));
  return [...(relevant.length > 0 ? relevant : errors)].sort((a, b) => depth(b) - depth(a) || summary(a) - summary(b))[0];
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'the document does not match the ADF schema';
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const detail = params.additionalProperty
    ? ` '${params.additionalProperty}'`
    : params.allowedValues
      ? ` ${JSON.stringify(params.allowedValues)}`
      : '';
  return `${error.instancePath || '/'}: ${error.message ?? 'is invalid'}${detail}`;
}

/** Returns null for a valid ADF document, else a description of the problem (with its JSON pointer). */
export function validateAdf(doc: unknown): string | null {
  if (!isObject(doc) || doc.type !== 'doc') return 'the value must be an ADF document ({"type":"doc","version":1,"content":[…]})';
  const unknown = unknownType(doc, '');
  if (unknown) return unknown;
  const validate = schemaValidator();
  return validate(doc) ? null : describe(mostSpecific(validate.errors ?? []));
}
